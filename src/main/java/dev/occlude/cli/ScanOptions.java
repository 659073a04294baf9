package dev.occlude.cli;

import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.MapKind;
import dev.occlude.occlusion.PatchSize;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What is mapped: patch sizes, target class, passes, map kind, fill and mode. */
final class ScanOptions {
    /** Largest patch side and stride: far beyond any image that --max-pixels lets in. */
    static final int MAX_SIDE = 100_000;
    static final int MAX_PASSES = 100;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--patch", paramLabel = "P", defaultValue = "64", split = ",",
            description = "Side of the grey square in source pixels; several sizes give one map each (default: 64).")
    List<Integer> patches;

    @Option(names = "--stride", paramLabel = "S", defaultValue = "16", split = ",",
            description = "Step between squares in source pixels; one value, or one per patch size (default: 16).")
    List<Integer> strides;

    @Option(names = "--combine", description = "With several patch sizes: also the mean of their maps.")
    boolean combine;

    @Option(names = "--class", paramLabel = "NAME|all",
            description = "Class whose probability is mapped (default: the predicted one); all: a map per class, "
                    + "from the same forward passes.")
    String className;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "1",
            description = "Repeated occlusion: keep each pass's minimum patch grey and scan again, up to N passes.")
    int passes;

    @Option(names = "--stop-below", paramLabel = "P", defaultValue = "0.5",
            description = "Stop repeating once the probability with the hidden patches is below P (default: 0.5).")
    double stopBelow;

    @Option(names = "--save-worst", description = "Write the variant with the lowest probability as NAME.worst.png.")
    boolean saveWorst;

    @Option(names = "--map", paramLabel = "KIND", defaultValue = "probability",
            description = "probability (default), or drop: clean probability minus occluded (high = important).")
    MapKind mapKind;

    @Option(names = "--fill", paramLabel = "V", defaultValue = "0.5",
            description = "Grey level of the square in [0,1], painted as the 8-bit value round(255 V) (default: 0.5).")
    double fill;

    @Option(names = "--refine",
            description = "Adaptive: a coarse pass (stride = patch), then the fine stride only where the probability moves.")
    boolean refine;

    /** The plan, checked: every problem is a usage error naming the option. */
    AnalysisPlan plan() {
        if (strides.size() != 1 && strides.size() != patches.size()) {
            throw usage("--stride takes one value or one per --patch size (" + patches.size() + ")");
        }
        List<PatchSize> sizes = new ArrayList<>();
        for (int i = 0; i < patches.size(); i++) {
            int p = patches.get(i);
            int s = strides.get(strides.size() == 1 ? 0 : i);
            if (p < 1 || p > MAX_SIDE) {
                throw usage("--patch must be at least 1 and at most " + MAX_SIDE + ", got " + p);
            }
            if (s < 1 || s > MAX_SIDE) {
                throw usage("--stride must be at least 1 and at most " + MAX_SIDE + ", got " + s);
            }
            sizes.add(new PatchSize(p, s));
        }
        if (combine && sizes.size() < 2) {
            throw usage("--combine needs several patch sizes, e.g. --patch 64,32,16");
        }
        if (passes < 1 || passes > MAX_PASSES) {
            throw usage("--passes must be at least 1 and at most " + MAX_PASSES + ", got " + passes);
        }
        if (!(stopBelow >= 0 && stopBelow <= 1)) {
            throw usage("--stop-below must be in [0, 1], got " + stopBelow);
        }
        if (!(fill >= 0 && fill <= 1)) {
            throw usage("--fill must be in [0, 1], got " + fill);
        }
        return new AnalysisPlan(sizes, combine, "all".equals(className), passes, stopBelow, saveWorst, mapKind);
    }

    /** The one class to map, when --class names one (not all). */
    String targetClass() {
        return "all".equals(className) ? null : className;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
