package dev.occlude.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

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
 * @param key the bar's marks the caption names, and the line that names them
 */
public record Legend(boolean drop, double clean, List<String> lines, double worst, double best, Key key) {
    /** A value the colour bar marks, in the colour of its patch's outline. */
    public enum BarMark {
        /** The worst patch's value, in the outline's cyan. */
        WORST("CYAN", "WORST PATCH", Annotations.OUTLINE),
        /** The value of the patch that raises a class that is not the prediction, in blue. */
        RAISE("BLUE", "RAISING PATCH", OverlayRenderer.RISE);

        private final String colour;
        private final String name;
        final int rgb;

        BarMark(String colour, String name, int rgb) {
            this.colour = colour;
            this.name = name;
            this.rgb = rgb;
        }

        /** How the caption names the mark: "CYAN LINE: WORST PATCH", or "CYAN ARROW: ..." past the bar's end. */
        String named(boolean arrow) {
            return colour + (arrow ? " ARROW: " : " LINE: ") + name;
        }
    }

    /**
     * The bar's marks the caption names, at the end of caption line {@code line}. Only the drawn
     * bar knows whether a mark is a line on it or an arrow past its end, and the legend is made
     * before the bar: the renderer says which ({@link #caption}).
     *
     * @param line the caption line the marks' names end (index into the lines)
     * @param marks the marks named, in order
     */
    public record Key(int line, List<BarMark> marks) {
        /** No mark named. */
        public static final Key NONE = new Key(-1, List.of());

        /** The marks kept as given, unchangeable. */
        public Key {
            marks = List.copyOf(marks);
        }
    }

    /** A legend whose caption names no mark of the bar. */
    public Legend(boolean drop, double clean, List<String> lines, double worst, double best) {
        this(drop, clean, lines, worst, best, Key.NONE);
    }

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

    /** The same legend with other caption lines (the key stays on its line). */
    public Legend withLines(List<String> newLines) {
        return new Legend(drop, clean, newLines, worst, best, key);
    }

    /** The caption's lines with the key's marks named on their line, each an arrow where {@code arrow} says so. */
    List<String> caption(Predicate<BarMark> arrow) {
        List<String> out = new ArrayList<>(lines);
        if (key.line() >= 0 && key.line() < out.size()) {
            StringBuilder line = new StringBuilder(out.get(key.line()));
            for (BarMark m : key.marks()) {
                line.append("; ").append(m.named(arrow.test(m)));
            }
            out.set(key.line(), line.toString());
        }
        return out;
    }

    /** The value at which nothing changed: the clean probability, or no drop. */
    double reference(double hi) {
        return drop ? 0 : Double.isNaN(clean) ? hi : clean;
    }
}
