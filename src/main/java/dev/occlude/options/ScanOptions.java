package dev.occlude.options;

import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.Limits;
import dev.occlude.occlusion.MapKind;
import dev.occlude.occlusion.PatchSize;
import java.util.List;
import java.util.Stack;
import java.util.stream.Stream;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What is mapped: patch sizes, target class, passes, map kind, fill and mode. A picocli mixin that
 * the command line and the Spark job share, so an option means the same in both.
 */
public final class ScanOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--patch", paramLabel = "P", defaultValue = "64", split = ",")
    List<Integer> patches;

    @Option(names = "--stride", paramLabel = "S", defaultValue = "16", split = ",")
    List<Integer> strides;

    @Option(names = "--combine")
    boolean combine;

    @Option(names = "--class", paramLabel = "NAME|INDEX|true|all|top:K")
    String className;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "1")
    int passes;

    @Option(names = "--stop-below", paramLabel = "P", defaultValue = "0")
    double stopBelow;

    @Option(names = "--save-worst")
    boolean saveWorst;

    @Option(names = "--map", paramLabel = "KIND", defaultValue = "probability",
            completionCandidates = LowerCaseValues.MapKinds.class)
    MapKind mapKind;

    @Option(names = "--fill", paramLabel = "V|mean|blur|noise|#rrggbb", defaultValue = "0.5",
            completionCandidates = LowerCaseValues.Fills.class)
    String fill;

    @Option(names = "--blur-sigma", paramLabel = "PX")
    Double blurSigma;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0")
    long seed;

    /** Off when not given; {@code --metrics} alone is 20 steps (a number after it is taken only when it is one). */
    @Option(names = "--metrics", paramLabel = "STEPS", arity = "0..1", parameterConsumer = MetricSteps.class)
    Integer metricSteps;

    @Option(names = "--refine")
    boolean refine;

    /** The plan, checked: every problem is a usage error naming the option. */
    public AnalysisPlan plan() {
        if (Stream.concat(patches.stream(), strides.stream()).anyMatch(v -> v > Limits.MAX_SIDE)) {
            throw usage("--patch and --stride must be at most " + Limits.MAX_SIDE + ", got " + patches + " and " + strides);
        }
        List<PatchSize> sizes;
        try {
            sizes = PatchSize.of(patches, strides);
        } catch (IllegalArgumentException e) {
            throw usage("--patch/--stride: " + e.getMessage());
        }
        if (combine && sizes.size() < 2) {
            throw usage("--combine needs several patch sizes, e.g. --patch 64,32,16");
        }
        if (passes < 1 || passes > Limits.MAX_PASSES) {
            throw usage("--passes must be at least 1 and at most " + Limits.MAX_PASSES + ", got " + passes);
        }
        if (!(stopBelow >= 0 && stopBelow <= 1)) {
            throw usage("--stop-below must be in [0, 1], got " + stopBelow);
        }
        if (metricSteps != null && (metricSteps < 1 || metricSteps > Limits.MAX_METRIC_STEPS)) {
            throw usage("--metrics takes 1 to " + Limits.MAX_METRIC_STEPS + " steps, got " + metricSteps);
        }
        fillSpec();
        int top = 0;
        if (className != null && className.startsWith("top:")) {
            if (!className.matches("top:\\d{1,4}") || Integer.parseInt(className.substring(4)) < 1) {
                throw usage("--class top:K takes K from 1 up, got " + className);
            }
            top = Integer.parseInt(className.substring(4));
        }
        return AnalysisPlan.builder(sizes).combine(combine).everyClass("all".equals(className)).topClasses(top)
                .passes(passes)
                .stopBelow(stopBelow).worst(saveWorst).kind(mapKind).metrics(metricSteps == null ? 0 : metricSteps, seed)
                .build();
    }

    /** The fill, checked. */
    public FillSpec fillSpec() {
        if (blurSigma != null && !"blur".equalsIgnoreCase(fill.trim())) {
            throw usage("--blur-sigma sets the blur fill's sigma: it needs --fill blur");
        }
        try {
            return FillSpec.parse(fill, blurSigma == null ? FillSpec.DEFAULT_BLUR_SIGMA : blurSigma, seed);
        } catch (IllegalArgumentException e) {
            throw usage("--fill: " + e.getMessage().replace("the blur's sigma", "--blur-sigma"));
        }
    }

    /** Adaptive rather than exact scanning. */
    public boolean refine() {
        return refine;
    }

    /** The one class to map, when --class names one (not all). */
    public String targetClass() {
        return "all".equals(className) || className != null && className.startsWith("top:") ? null : className;
    }

    /**
     * Reads --metrics' optional step count: the next argument when it is a whole number, else 20,
     * so that {@code --metrics --out DIR} does not take --out as the count.
     */
    static final class MetricSteps implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            int steps = 20;
            if (!args.isEmpty() && args.peek().matches("[+-]?\\d+")) {
                String n = args.pop();
                try {
                    steps = Integer.parseInt(n);
                } catch (NumberFormatException e) {
                    steps = n.startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE; // out of range: said as such
                }
            }
            argSpec.setValue(steps);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
