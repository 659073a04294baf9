package dev.occlude.render;

import java.util.List;

/**
 * What an overlay says about its map: whether the values are probabilities or drops, the clean
 * image's probability (marked on the colour bar; the point from which a drop is measured), and
 * the caption's lines, wrapped to the picture's width.
 *
 * @param drop the map holds drops (clean minus occluded) rather than probabilities
 * @param clean the clean image's probability of the class; NaN when unknown
 * @param lines the caption, one sentence per line
 * @param worst the worst patch's value on the map's scale (its probability, or its drop), marked
 *     on the bar, which always reaches it; NaN when unknown
 * @param best for a class that is not the prediction, the value of the patch that raises it most:
 *     the bar always reaches it, and marks it in blue where it moves the class by 0.01 or more; NaN
 *     for the predicted class
 */
public record Legend(boolean drop, double clean, List<String> lines, double worst, double best) {
    /** A legend without a worst patch to mark. */
    public Legend(boolean drop, double clean, List<String> lines) {
        this(drop, clean, lines, Double.NaN, Double.NaN);
    }

    /** A legend with a worst patch and no raising patch. */
    public Legend(boolean drop, double clean, List<String> lines, double worst) {
        this(drop, clean, lines, worst, Double.NaN);
    }

    /** A caption alone: a probability map whose clean probability is not known. */
    public static Legend of(String caption) {
        return new Legend(false, Double.NaN, List.of(caption));
    }

    /** The same legend with other caption lines. */
    public Legend withLines(List<String> newLines) {
        return new Legend(drop, clean, newLines, worst, best);
    }

    /** The value at which nothing changed: the clean probability, or no drop. */
    double reference(double hi) {
        return drop ? 0 : Double.isNaN(clean) ? hi : clean;
    }
}
