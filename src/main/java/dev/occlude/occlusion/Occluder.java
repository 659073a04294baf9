package dev.occlude.occlusion;

import dev.occlude.model.Classifier;
import dev.occlude.model.ModelException;
import dev.occlude.model.PreparedImage;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The library's front door: an image and a class name in, the analysis out. The CLI, the tests
 * and batch jobs all come through here. With several workers it owns their threads: close it.
 */
public final class Occluder implements AutoCloseable {
    private final Classifier classifier;
    private final ScanSettings settings;
    private final ExecutorService workers;

    public Occluder(Classifier classifier, ScanSettings settings) {
        this.classifier = classifier;
        this.settings = settings;
        this.workers = settings.workers() <= 1 ? null : Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "occlude-worker");
            t.setDaemon(true);
            return t;
        });
    }

    public ScanSettings settings() {
        return settings;
    }

    public List<String> classes() {
        return classifier.model().classes();
    }

    /** Checks a class name against the model's synset. */
    public int classIndex(String name) {
        List<String> classes = classes();
        int i = classes.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown class '" + name + "'; the model's classes are "
                    + String.join(", ", classes));
        }
        return i;
    }

    public PreparedImage prepare(BufferedImage image) {
        return new PreparedImage(image, classifier.model().preprocessing());
    }

    /** A scan with this occluder's settings and workers. */
    public OcclusionScan scan() {
        return new OcclusionScan(classifier, settings, workers);
    }

    /** The clean image's probabilities: one forward pass. */
    public float[] clean(PreparedImage image) throws ModelException {
        return scan().clean(image);
    }

    /** Scans the image and maps {@code targetClass}, or the predicted class when it is null. */
    public Analysis analyse(BufferedImage image, String targetClass, OcclusionScan.Progress progress)
            throws ModelException {
        PreparedImage prepared = prepare(image);
        return analyse(prepared, clean(prepared), targetClass == null ? -1 : classIndex(targetClass), progress);
    }

    public Analysis analyse(BufferedImage image, String targetClass) throws ModelException {
        return analyse(image, targetClass, (d, t) -> { });
    }

    /** Scans an image whose clean probabilities are known, and maps class {@code target} (-1: predicted). */
    public Analysis analyse(PreparedImage image, float[] clean, int target, OcclusionScan.Progress progress)
            throws ModelException {
        return analyse(image, clean, target, settings.patch(), settings.stride(), progress);
    }

    /** As {@link #analyse(PreparedImage, float[], int, OcclusionScan.Progress)} with another patch size and stride. */
    public Analysis analyse(PreparedImage image, float[] clean, int target, int patch, int stride,
                            OcclusionScan.Progress progress) throws ModelException {
        int t = target < 0 ? argMax(clean) : target;
        ScanSettings s = settings.withPatch(patch, stride);
        OcclusionScan scan = new OcclusionScan(classifier, s, workers);
        ScanResult result;
        if (s.refine()) {
            result = new Refinement(scan, s).run(image, clean, t, progress);
        } else {
            var g = image.geometry();
            result = scan.run(image, new PatchGrid(patch, stride, g.sourceWidth(), g.sourceHeight()).patches(), clean,
                    progress);
        }
        return analysis(result, t);
    }

    /** The analysis of an existing scan for class index {@code target} (-1: the predicted class). */
    public Analysis analysis(ScanResult scan, int target) {
        int t = target < 0 ? argMax(scan.cleanProbabilities()) : target;
        return new Analysis(classes(), scan, t, scan.heatMap(t).means());
    }

    /** Index of the highest probability (the first on ties): the predicted class. */
    public static int argMax(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
