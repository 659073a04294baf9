package dev.occlude.occlusion;

import dev.occlude.model.preprocess.Fill;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Scorer;
import dev.occlude.util.Threads;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The library's front door for one map: an image, a patch size and a target class in, the
 * {@link Analysis} out. {@link MapPlanner} builds every map an image gets on top of it. With
 * several workers it owns their threads: close it.
 */
public final class Occluder implements AutoCloseable {
    private final Scorer scorer;
    private final ScanSettings settings;
    private final ExecutorService workers;

    /** An occluder scoring with {@code scorer} under {@code settings}; close it to stop its workers. */
    public Occluder(Scorer scorer, ScanSettings settings) {
        this.scorer = scorer;
        this.settings = settings;
        this.workers = settings.workers() <= 1 ? null : Threads.daemonPool(settings.workers(), "occlude-worker");
    }

    /** The scan settings. */
    public ScanSettings settings() {
        return settings;
    }

    /** The model's class names, in the order of every probability array. */
    public List<String> classes() {
        return scorer.classes();
    }

    /**
     * The index of a class name in the model's synset.
     *
     * @throws IllegalArgumentException naming the model's classes when there is no such class
     */
    public int classIndex(String name) {
        int i = classes().indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown class '" + name + "'; the model's classes are "
                    + String.join(", ", classes()));
        }
        return i;
    }

    /** The image preprocessed as the model states, with its fill, ready for variants. */
    public PreparedImage prepare(BufferedImage image) {
        return prepare(image, settings.fill().forImage(image));
    }

    /** As {@link #prepare(BufferedImage)} with a given fill (repeated passes keep the first image's). */
    public PreparedImage prepare(BufferedImage image, Fill fill) {
        return new PreparedImage(image, scorer.preprocessing(), fill);
    }

    /** The clean image's probabilities: one forward pass. */
    public float[] clean(PreparedImage image) throws ModelException {
        return scan().clean(image);
    }

    /** The map of the class predicted on the clean image. */
    public Analysis analyse(BufferedImage image, PatchSize size) throws ModelException {
        PreparedImage prepared = prepare(image);
        float[] clean = clean(prepared);
        return analyse(prepared, clean, argMax(clean), size, (d, t) -> { });
    }

    /** The map of the named class. */
    public Analysis analyse(BufferedImage image, PatchSize size, String targetClass) throws ModelException {
        int target = classIndex(targetClass);
        PreparedImage prepared = prepare(image);
        return analyse(prepared, clean(prepared), target, size, (d, t) -> { });
    }

    /**
     * Scans an image whose clean probabilities are known at one patch size (exact, or refined when
     * the settings say so) and maps class index {@code target}.
     */
    public Analysis analyse(PreparedImage image, float[] clean, int target, PatchSize size,
                            OcclusionScan.Progress progress) throws ModelException {
        return analyse(image, clean, target, size, Optional.empty(), progress);
    }

    /**
     * As above, and with a region of interest (source pixels) only the patches that meet it are
     * run, and the map is NaN outside it (MONAI's bounding box). Refinement covers the whole image.
     *
     * @throws IllegalArgumentException when the region does not meet the image, or with refinement
     */
    public Analysis analyse(PreparedImage image, float[] clean, int target, PatchSize size, Optional<Rectangle> region,
                            OcclusionScan.Progress progress) throws ModelException {
        OcclusionScan scan = scan();
        var g = image.geometry();
        Optional<Rectangle> inside = region.map(r -> r.intersection(new Rectangle(0, 0, g.sourceWidth(), g.sourceHeight())));
        if (inside.isPresent() && inside.get().isEmpty()) {
            throw new IllegalArgumentException("the region " + describe(region.get()) + " lies outside the "
                    + g.sourceWidth() + "x" + g.sourceHeight() + " image");
        }
        ScanResult result;
        if (settings.refine()) {
            if (inside.isPresent()) {
                throw new IllegalArgumentException("a region of interest and refinement do not go together");
            }
            result = new Refinement(scan, size).run(image, clean, target, progress);
        } else {
            List<Rectangle> patches = size.grid(g.sourceWidth(), g.sourceHeight()).patches();
            if (inside.isPresent()) {
                patches = patches.stream().filter(p -> p.intersects(inside.get())).toList();
            }
            result = scan.run(image, patches, clean, progress);
        }
        Analysis a = Analysis.of(classes(), result, target);
        return inside.map(a::masked).orElse(a);
    }

    private static String describe(Rectangle r) {
        return r.x + "," + r.y + "," + r.width + "," + r.height;
    }

    /** A scan with this occluder's settings and workers. */
    public OcclusionScan scan() {
        return new OcclusionScan(scorer, settings, workers);
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
