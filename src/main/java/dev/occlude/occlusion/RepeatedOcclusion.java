package dev.occlude.occlusion;

import dev.occlude.model.preprocess.Fill;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
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
    /** {@link Passes#stop()}: the hidden patches took the target below {@code stopBelow}. */
    public static final String STOP_BELOW = "stop-below";
    /** {@link Passes#stop()}: the last pass's worst patch is hidden already; hiding it changes no pixel. */
    public static final String WORST_HIDDEN = "worst-hidden";
    /** {@link Passes#stop()}: hiding the last pass's worst patch gave the same map again. */
    public static final String NO_CHANGE = "no-change";

    /** What a {@link Passes#stop()} value means, for a line on stderr. */
    public static String explain(String stop) {
        return switch (stop) {
            case STOP_BELOW -> "the target's probability fell below --stop-below";
            case WORST_HIDDEN -> "the last pass's worst patch is hidden already";
            case NO_CHANGE -> "hiding the last pass's worst patch gave the same map again";
            default -> stop;
        };
    }

    /** One pass: the patches hidden before it, the target's probability with them hidden, and its analysis. */
    public record Pass(int number, List<Rectangle> hidden, float hiddenProbability, PreparedImage image, Analysis analysis) {}

    /**
     * The passes made, and why they stopped before the count asked for.
     *
     * @param stop {@link #STOP_BELOW}, {@link #WORST_HIDDEN} or {@link #NO_CHANGE}; null when every pass asked for was made
     */
    public record Passes(List<Pass> passes, String stop) {}

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

    /** As above, with the reason the passes stopped early. */
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
                return new Passes(done, WORST_HIDDEN); // every further pass would repeat this one
            }
            hidden.add(last.minPatch());
            BufferedImage painted = paint(source, hidden, firstImage.fill());
            if (samePixels(painted, shown)) {
                return new Passes(done, WORST_HIDDEN); // its pixels are the fill's already
            }
            shown = painted;
            PreparedImage image = occluder.prepare(painted, firstImage.fill());
            float[] clean = occluder.clean(image);
            if (clean[target] < stopBelow) {
                return new Passes(done, STOP_BELOW); // the hidden patches already took the class away
            }
            Analysis next = occluder.analyse(image, clean, target, size, region, progress);
            if (java.util.Arrays.equals(next.map(), last.map()) && next.minPatch().equals(last.minPatch())) {
                return new Passes(done, NO_CHANGE); // the same map again: so would every pass after it be
            }
            last = next;
            done.add(new Pass(k, List.copyOf(hidden), clean[target], image, last));
        }
        return new Passes(done, null);
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        return java.util.Arrays.equals(a.getRGB(0, 0, w, h, null, 0, w), b.getRGB(0, 0, w, h, null, 0, w));
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
