package dev.occlude.bench;

import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.StagesAlways;
import dev.occlude.model.score.IncrementalScorer;
import dev.occlude.model.tuning.Throughput;
import dev.occlude.model.tuning.Tuning;
import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanSettings;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Incremental inference against full forward passes and against its own bound, side by side in
 * one run, per staged model: {@code StagedBenchmark PATCH:STRIDE[,PATCH:STRIDE...] FRAME MODEL_DIR...}.
 *
 * <p>Both scans run every variant of the same grid on the same frame, each as the tool runs it by
 * default (full passes with the tuned batch and workers, incremental with its own), after a warm-up
 * scan. Rates count computed variants on both sides. The bound is the speed-up the multiply-adds
 * allow: a full pass's multiply-adds over those of the outputs a variant really changes (stage by
 * stage, head whole), as the model's {@code stages.json} declares them per position; "of bound" is
 * the measured speed-up over it. "computed/changed" says how much more than the changed outputs
 * the scan computed (windows sized to a batch's largest, cut whole).
 *
 * <p>{@code PATCH:STRIDE@X,Y,W,H} runs only the variants whose patch meets that region (source
 * pixels), the same fixed sample on both sides, where a whole map is too long for the machine
 * (Krypton's setting, patch 16 stride 4 on 224x224, is 2,809 variants); the warm-ups then run a
 * 16x16 corner of it. {@code PATCH:STRIDE@X,Y,W,H+whole} runs the full passes on that sample and
 * incremental inference on the whole grid: a full pass costs the same wherever its patch lies, so
 * its rate on the sample is its rate on the whole map, while incremental inference costs less near
 * the borders (the changed region is cut by the edge); the speed-up and bound are then the whole
 * map's, as Krypton reports them, and the maps are compared on the sample's variants.
 */
public final class StagedBenchmark {
    private StagedBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: StagedBenchmark PATCH:STRIDE[,...] FRAME MODEL_DIR...");
            System.exit(2);
        }
        List<PatchSize> sizes = new ArrayList<>();
        List<java.awt.Rectangle> regions = new ArrayList<>();
        List<Boolean> wholeIncremental = new ArrayList<>();
        for (String setting : args[0].split(";")) {
            wholeIncremental.add(setting.endsWith("+whole"));
            String s = setting.replace("+whole", "");
            String[] at = s.split("@");
            String[] ps = at[0].split(":");
            sizes.add(new PatchSize(Integer.parseInt(ps[0]), Integer.parseInt(ps[1])));
            int[] r = at.length > 1 ? java.util.Arrays.stream(at[1].split(",")).mapToInt(Integer::parseInt).toArray() : null;
            regions.add(r == null ? null : new java.awt.Rectangle(r[0], r[1], r[2], r[3]));
        }
        BufferedImage image = new ImageLoader().load(Path.of(args[1]));
        out("staged models against full passes on %s (%dx%d); machine: nproc %d, %s", Path.of(args[1]).getFileName(),
                image.getWidth(), image.getHeight(), Runtime.getRuntime().availableProcessors(), Tuning.machine());
        out("%-20s %-8s %8s %8s %8s %9s %9s %8s %8s %8s %9s  %s", "model", "setting", "variants", "full s", "incr s",
                "full v/s", "incr v/s", "speed-up", "bound", "of bound", "comp/chg", "largest difference");
        for (int m = 2; m < args.length; m++) {
            ModelDirectory model = ModelDirectory.open(Path.of(args[m]));
            try (Classifier classifier = Classifier.load(model)) {
                IncrementalScorer scorer = classifier.staged().orElseThrow(
                        () -> new IllegalArgumentException(model.name() + ": not staged (scripts/export-incremental)"));
                var g = model.preprocessing().geometry(image.getWidth(), image.getHeight());
                // full passes tuned now, in this run, rather than taken from a cache measured on another day
                Path fresh = java.nio.file.Files.createTempDirectory("occlude-bench-tuning").resolve("tuning.properties");
                Throughput.Setting t = new Tuning(fresh).best(classifier, model.fingerprint(), g.inputHeight(),
                        g.inputWidth()).setting();
                Throughput.Setting inc = Tuning.incremental(null, null, null).setting();
                out("%s: full passes %s, incremental %s", model.name(), t, inc);
                ScanSettings full = new ScanSettings(0.5, t.batch(), t.workers(), false).withIncremental(false);
                ScanSettings incremental = new ScanSettings(full.fill(), inc.batch(), inc.workers(), false, true);
                for (int i = 0; i < sizes.size(); i++) {
                    row(classifier, scorer, image, sizes.get(i), regions.get(i), wholeIncremental.get(i), model.name(),
                            new ScanSettings[] {full, incremental}, new int[] {t.threads(), inc.threads()}, inc.workers());
                }
            }
        }
    }

    private static void row(Classifier classifier, IncrementalScorer scorer, BufferedImage image, PatchSize size,
                            java.awt.Rectangle region, boolean whole, String name, ScanSettings[] settings, int[] threads,
                            int workers)
            throws Exception {
        double[] seconds = new double[2];
        Analysis[] result = new Analysis[2];
        IncrementalScorer.Work before = null;
        IncrementalScorer.Work after = null;
        for (int k = 0; k < 2; k++) {
            classifier.setIntraOpThreads(threads[k]);
            // a partly staged network is measured through its stages too, though the tool runs it by full passes
            try (Occluder o = new Occluder(new StagesAlways(classifier), settings[k])) {
                var prepared = o.prepare(image);
                float[] clean = o.clean(prepared);
                int target = 0;
                for (int c = 1; c < clean.length; c++) {
                    target = clean[c] > clean[target] ? c : target;
                }
                // warm caches and the graph executor for this size
                o.analyse(prepared, clean, target, size, java.util.Optional.ofNullable(region == null ? null
                        : new java.awt.Rectangle(region.x, region.y, 16, 16)), (d, t) -> { });
                if (k == 1) {
                    before = scorer.work();
                }
                long start = System.nanoTime();
                java.awt.Rectangle scanned = k == 1 && whole ? null : region;
                result[k] = o.analyse(prepared, clean, target, size, java.util.Optional.ofNullable(scanned), (d, t) -> { });
                seconds[k] = (System.nanoTime() - start) / 1e9;
                if (k == 1) {
                    after = scorer.work();
                }
            }
        }
        int passes = result[0].scan().passes();
        int incrementalPasses = result[1].scan().passes();
        java.util.Map<java.awt.Rectangle, Integer> incrementalIndex = new java.util.HashMap<>();
        for (int v = 0; v < result[1].scan().patches().size(); v++) {
            incrementalIndex.put(result[1].scan().patches().get(v), v);
        }
        double worst = 0;
        for (int v = 0; v < result[0].scan().patches().size(); v++) {
            int w = incrementalIndex.get(result[0].scan().patches().get(v));
            for (int c = 0; c < classifier.classes().size(); c++) {
                worst = Math.max(worst, Math.abs(result[0].scan().probabilities()[v][c]
                        - result[1].scan().probabilities()[w][c]));
            }
        }
        long variants = after.variants() - before.variants();
        double changed = after.changed() - before.changed();
        double computed = after.computed() - before.computed();
        double bound = after.full() > 0 && changed > 0 ? (double) after.full() * variants / changed : Double.NaN;
        double speedUp = (incrementalPasses / seconds[1]) / (passes / seconds[0]);
        out("%-20s %-8s %8s %8.2f %8.2f %9.1f %9.1f %7.2fx %7.2fx %7.0f%% %8.2fx  %.1e", name,
                "P" + size.patch() + " S" + size.stride() + (region == null ? "" : " " + region.width + "x"
                        + region.height + (whole ? "+whole" : "")),
                passes == incrementalPasses ? String.valueOf(passes) : passes + "/" + incrementalPasses, seconds[0],
                seconds[1], passes / seconds[0], incrementalPasses / seconds[1], speedUp, bound,
                100 * speedUp / bound, computed / changed, worst);
        whereTheTimeGoes(before, after, seconds[1] * workers);
    }

    /** The incremental scan's time by part (summed over workers), and the stages that take the most. */
    private static void whereTheTimeGoes(IncrementalScorer.Work before, IncrementalScorer.Work after, double workerSeconds) {
        int n = after.stageNanos().length;
        double gather = 0;
        double methods = 0;
        double[] perStage = new double[n];
        for (int k = 0; k < n; k++) {
            double g = (after.gatherNanos()[k] - before.gatherNanos()[k]) / 1e9;
            double m = (after.stageNanos()[k] - before.stageNanos()[k]) / 1e9;
            gather += g;
            methods += m;
            perStage[k] = g + m;
        }
        double head = (after.headNanos() - before.headNanos()) / 1e9;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(perStage[b], perStage[a]));
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(3, n); i++) {
            top.append(String.format(Locale.ROOT, "%s stage %d %.0f%%", i == 0 ? "" : ",", order[i],
                    100 * perStage[order[i]] / workerSeconds));
        }
        out("%-20s   time (%d worker-seconds): windows cut %.0f%%, stage methods %.0f%%, head %.0f%%, elsewhere "
                + "%.0f%% (clean pass, variants' inputs, the scan); most:%s", "", Math.round(workerSeconds),
                100 * gather / workerSeconds, 100 * methods / workerSeconds, 100 * head / workerSeconds,
                100 * (workerSeconds - gather - methods - head) / workerSeconds, top);
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
