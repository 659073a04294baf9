package dev.occlude.occlusion;

import dev.occlude.model.preprocess.Fill;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Repeated occlusion (the article's second example): after each pass the patch that lowered the
 * target most stays filled and the scan runs again on that image, so a second light that kept the
 * probability up is found next. Stops after {@code passes} passes, when the target probability
 * with the patches hidden so far is below {@code stopBelow}, or when a further pass could only
 * repeat the last one (its worst patch hidden already, or a map identical to the one before):
 * {@link Passes#stop()} says which.
 */
public final class RepeatedOcclusion {
    /** One pass: the patches hidden before it, the target's probability with them hidden, and its analysis. */
    public record Pass(int number, List<Rectangle> hidden, float hiddenProbability, PreparedImage image, Analysis analysis) {}

    /**
     * Every pass made, and why they stopped before the number asked for (empty when all ran).
     *
     * @param passes every pass, the first included
     * @param stop why no further pass ran
     */
    public record Passes(List<Pass> passes, Optional<Stop> stop) {}

    /** Why no pass ran after pass {@code after}. */
    public enum Reason {
        /** With the patches so far hidden the class's probability fell below the stopping probability. */
        STOP_BELOW,
        /** The last pass's worst patch lies under patches already hidden: a further pass would repeat it. */
        WORST_HIDDEN,
        /** Hiding the last pass's worst patch gave the same map again: so would every pass after it. */
        NO_CHANGE
    }

    /**
     * The passes stopped early.
     *
     * @param after the last pass that ran
     * @param reason why no further pass ran
     * @param probability the class's probability with the patches of passes 1..after hidden
     * @param stopBelow the stopping probability in force
     */
    public record Stop(int after, Reason reason, double probability, double stopBelow) {}

    private final Occluder occluder;

    /** Repeated passes with the occluder's model and settings. */
    public RepeatedOcclusion(Occluder occluder) {
        this.occluder = occluder;
    }

    /**
     * Runs passes 2.. after a first pass already made (its analysis and prepared image given) at
     * patch size {@code size}. Returns every pass, the first included.
     */
    public List<Pass> run(BufferedImage source, PreparedImage firstImage, Analysis first, PatchSize size, int passes,
                          double stopBelow, OcclusionScan.Progress progress) throws ModelException {
        return run(source, firstImage, first, size, passes, stopBelow, Optional.empty(), progress);
    }

    /** As above, each pass within the region of interest. */
    public List<Pass> run(BufferedImage source, PreparedImage firstImage, Analysis first, PatchSize size, int passes,
                          double stopBelow, Optional<Rectangle> region, OcclusionScan.Progress progress)
            throws ModelException {
        return passes(source, firstImage, first, size, passes, stopBelow, region, progress).passes();
    }

    /** As {@link #run}, saying why the passes stopped before {@code passes}. */
    public Passes passes(BufferedImage source, PreparedImage firstImage, Analysis first, PatchSize size, int passes,
                         double stopBelow, Optional<Rectangle> region, OcclusionScan.Progress progress)
            throws ModelException {
        List<Pass> done = new ArrayList<>();
        done.add(new Pass(1, List.of(), first.cleanProbability(), firstImage, first));
        int target = first.target();
        List<Rectangle> hidden = new ArrayList<>();
        Analysis last = first;
        BufferedImage shown = source;
        for (int k = 2; k <= passes; k++) {
            if (covered(last.minPatch(), hidden, source.getWidth(), source.getHeight())) {
                // the worst patch is hidden already: every further pass would repeat this one
                return new Passes(done, Optional.of(new Stop(k - 1, Reason.WORST_HIDDEN, done.get(done.size() - 1).hiddenProbability(), stopBelow)));
            }
            hidden.add(last.minPatch());
            BufferedImage painted = paint(source, hidden, firstImage.fill());
            if (samePixels(painted, shown)) {
                // its pixels are the fill's already: every further pass would repeat the last
                return new Passes(done, Optional.of(new Stop(k - 1, Reason.WORST_HIDDEN, done.get(done.size() - 1).hiddenProbability(), stopBelow)));
            }
            shown = painted;
            PreparedImage image = occluder.prepare(painted, firstImage.fill());
            float[] clean = occluder.clean(image);
            if (clean[target] < stopBelow) {
                // the hidden patches already took the class away
                return new Passes(done, Optional.of(new Stop(k - 1, Reason.STOP_BELOW, clean[target], stopBelow)));
            }
            Analysis next = occluder.analyse(image, clean, target, size, region, progress);
            if (Arrays.equals(next.map(), last.map()) && next.minPatch().equals(last.minPatch())) {
                // the same map again: so would every pass after it be
                return new Passes(done, Optional.of(new Stop(k - 1, Reason.NO_CHANGE, clean[target], stopBelow)));
            }
            last = next;
            done.add(new Pass(k, List.copyOf(hidden), clean[target], image, last));
        }
        return new Passes(done, Optional.empty());
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        return Arrays.equals(a.getRGB(0, 0, w, h, null, 0, w), b.getRGB(0, 0, w, h, null, 0, w));
    }

    /** Whether every pixel of {@code patch} inside the image lies in one of the hidden rectangles. */
    static boolean covered(Rectangle patch, List<Rectangle> hidden, int width, int height) {
        Rectangle inside = patch.intersection(new Rectangle(0, 0, width, height));
        for (int y = inside.y; y < inside.y + inside.height; y++) {
            for (int x = inside.x; x < inside.x + inside.width; x++) {
                boolean in = false;
                for (Rectangle h : hidden) {
                    if (h.contains(x, y)) {
                        in = true;
                        break;
                    }
                }
                if (!in) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A copy of the image with the rectangles filled (clipped to the image). */
    public static BufferedImage paint(BufferedImage image, List<Rectangle> rects, Fill fill) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (Rectangle r : rects) {
            for (int y = Math.max(0, r.y); y < Math.min(image.getHeight(), r.y + r.height); y++) {
                for (int x = Math.max(0, r.x); x < Math.min(image.getWidth(), r.x + r.width); x++) {
                    rgb[y * image.getWidth() + x] = fill.rgb(x, y);
                }
            }
        }
        copy.setRGB(0, 0, image.getWidth(), image.getHeight(), rgb, 0, image.getWidth());
        return copy;
    }
}
