package dev.occlude.occlusion;

import dev.occlude.model.Classifier;
import dev.occlude.model.ModelException;
import dev.occlude.model.PreparedImage;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The library's front door: an image and a class name in, the analysis out. The CLI, the tests
 * and batch jobs all come through here.
 */
public final class Occluder {
    private final Classifier classifier;
    private final ScanSettings settings;

    public Occluder(Classifier classifier, ScanSettings settings) {
        this.classifier = classifier;
        this.settings = settings;
    }

    public ScanSettings settings() {
        return settings;
    }

    public List<String> classes() {
        return classifier.model().classes();
    }

    /** Checks a class name against the model's synset; null means "the predicted class". */
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

    /** Scans the image and maps {@code targetClass}, or the predicted class when it is null. */
    public Analysis analyse(BufferedImage image, String targetClass, OcclusionScan.Progress progress)
            throws ModelException {
        ScanResult scan = new OcclusionScan(classifier, settings).run(prepare(image), progress);
        return analysis(scan, targetClass == null ? -1 : classIndex(targetClass));
    }

    public Analysis analyse(BufferedImage image, String targetClass) throws ModelException {
        return analyse(image, targetClass, (d, t) -> { });
    }

    /** The clean image's probabilities: one forward pass. */
    public float[] clean(PreparedImage image) throws ModelException {
        return new OcclusionScan(classifier, settings).clean(image);
    }

    /** Scans an image whose clean probabilities are already known, and maps class {@code target} (-1: predicted). */
    public Analysis analyse(PreparedImage image, float[] clean, int target, OcclusionScan.Progress progress)
            throws ModelException {
        var g = image.geometry();
        var patches = new PatchGrid(settings.patch(), settings.stride(), g.sourceWidth(), g.sourceHeight()).patches();
        ScanResult scan = new OcclusionScan(classifier, settings).run(image, patches, clean, progress);
        return analysis(scan, target);
    }

    /** The analysis of an existing scan for class index {@code target} (-1: the predicted class). */
    public Analysis analysis(ScanResult scan, int target) {
        Analysis probe = new Analysis(classes(), scan, 0, null);
        int t = target < 0 ? probe.predicted() : target;
        return new Analysis(classes(), scan, t, scan.heatMap(t).means());
    }
}
