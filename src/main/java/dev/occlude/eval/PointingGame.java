package dev.occlude.eval;

import dev.occlude.io.ImageLoader;
import dev.occlude.io.Labels;
import dev.occlude.model.Classifier;
import dev.occlude.model.DjlSetup;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.tuning.Tuning;
import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanSettings;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;

/**
 * The pointing game: on labelled scenes with traffic lights, run the occlusion tool with the true
 * class as target; a hit is a minimum patch that overlaps a light's box. Prints the hit rate.
 *
 * <p>Usage: {@code PointingGame SCENES_DIR [MODEL_DIR] [LIMIT] [PATCH] [STRIDE]}; SCENES_DIR holds
 * the images and a labels.csv with boxes (scripts/train-synthetic-model writes target/scenes/test).
 */
public final class PointingGame {
    private PointingGame() {}

    /** {@code PointingGame [SCENES_DIR [MODEL_DIR [LIMIT [PATCH [STRIDE]]]]]}: prints the hit rate on stdout. */
    public static void main(String[] args) throws Exception {
        DjlSetup.configure(false);
        Path scenes = Paths.get(args.length > 0 ? args[0] : "target/scenes/test");
        Path modelDir = Paths.get(args.length > 1 ? args[1] : "models/synthetic-traffic-lights");
        int limit = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int patch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int stride = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        List<Labels.Entry> entries = Labels.read(scenes.resolve("labels.csv")).entries().stream()
                .filter(e -> !e.boxes().isEmpty()).limit(limit).toList();
        ModelDirectory model = ModelDirectory.open(modelDir);
        int hits = 0;
        int done = 0;
        long start = System.nanoTime();
        try (Classifier classifier = Classifier.load(model)) {
            var g = model.preprocessing().typicalGeometry();
            // as the command line: the incremental setting for a staged model, else the measured one
            var tuned = classifier.incremental().isPresent() ? Tuning.incremental(null, null, null).setting()
                    : new Tuning().best(classifier, model.fingerprint(), g.inputHeight(), g.inputWidth()).setting();
            classifier.setIntraOpThreads(tuned.threads());
            Occluder occluder = new Occluder(classifier, new ScanSettings(0.5, tuned.batch(), tuned.workers(), false));
            PatchSize size = new PatchSize(patch, stride);
            ImageLoader loader = new ImageLoader();
            for (Labels.Entry e : entries) {
                Analysis a = occluder.analyse(loader.load(scenes.resolve(e.file())), size, e.label());
                Rectangle min = a.minPatch();
                boolean hit = e.boxes().stream().anyMatch(min::intersects);
                hits += hit ? 1 : 0;
                done++;
                if (!hit) {
                    System.out.printf(Locale.ROOT, "miss %s (%s): min patch %d,%d %dx%d p=%.3f, lights %s%n", e.file(),
                            e.label(), min.x, min.y, min.width, min.height, a.minProbability(), e.boxes());
                }
                if (done % 25 == 0) {
                    System.err.printf(Locale.ROOT, "%d/%d scenes, hit rate so far %.3f%n", done, entries.size(),
                            hits / (double) done);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "pointing game: %d scenes with lights, patch %d, stride %d: %d hits, "
                + "hit rate %.4f (%.0f s)%n", done, patch, stride, hits, hits / (double) Math.max(1, done), seconds);
    }
}
