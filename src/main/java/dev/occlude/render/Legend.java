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
 */
public record Legend(boolean drop, double clean, List<String> lines) {
    /** A caption alone: a probability map whose clean probability is not known. */
    public static Legend of(String caption) {
        return new Legend(false, Double.NaN, List.of(caption));
    }

    /** The value at which nothing changed: the clean probability, or no drop. */
    double reference(double hi) {
        return drop ? 0 : Double.isNaN(clean) ? hi : clean;
    }
}
