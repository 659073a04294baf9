package dev.occlude.render;

import java.util.List;

/**
 * Which values a picture's colours span. One scale answers one question: the maps of one image
 * (sizes, combined, passes, classes) share the union of what each must show; the frames of a video
 * share the absolute range a value can take, so that a frame whose probability barely moves looks
 * as still as it is.
 */
public final class ColourScale {
    /** Below this spread from no change, nothing worth colouring moved (probability). */
    public static final double TINY_RANGE = 0.01;
    /** Below this a change is float noise, not a change: a drop of -7.5e-6 does not make a diverging bar. */
    static final double NOISE = 1e-4;

    private ColourScale() {}

    /** The range every value of this kind can take: 0..1 for probabilities, -1..1 for drops. */
    public static double[] absolute(boolean drop) {
        return new double[] {drop ? -1 : 0, 1};
    }

    /**
     * One scale for several maps of one image: it reaches every value each must show (its own values,
     * no change, the worst and best patches), never past what a value can be.
     */
    public static double[] shared(List<float[]> maps, List<Legend> legends) {
        if (maps.isEmpty() || maps.size() != legends.size()) {
            throw new IllegalArgumentException("one legend per map");
        }
        double[] union = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double spread = 0;
        for (int i = 0; i < maps.size(); i++) {
            double[] own = BarLabels.finiteRange(maps.get(i));
            Legend legend = legends.get(i);
            double[] shown = shown(own, legend);
            union[0] = Math.min(union[0], shown[0]);
            union[1] = Math.max(union[1], shown[1]);
            spread = Math.max(spread, spread(shown, legend.reference(own[1])));
        }
        return of(union, legends.get(0).drop(), spread < TINY_RANGE);
    }

    /** The values a map's picture must show: its own, no change, and the patches the caption names. */
    static double[] shown(double[] own, Legend legend) {
        double ref = legend.reference(own[1]);
        double[] shown = {Math.min(own[0], ref), Math.max(own[1], ref)};
        for (double v : new double[] {legend.worst(), legend.best()}) {
            if (!Double.isNaN(v)) {
                shown[0] = Math.min(shown[0], v);
                shown[1] = Math.max(shown[1], v);
            }
        }
        if (legend.drop() && shown[0] < 0 && shown[0] > -NOISE) {
            shown[0] = 0; // float noise below no change
        }
        return shown;
    }

    /** The largest distance from no change within what is shown. */
    static double spread(double[] shown, double ref) {
        return Math.max(ref - shown[0], shown[1] - ref);
    }

    /**
     * The colour scale over {@code shown}: a narrow window when nothing moved, symmetric about no
     * change for a drop map of both signs, never past what the values can be.
     */
    static double[] of(double[] shown, boolean drop, boolean tiny) {
        double lo = drop ? -1 : 0;
        double[] range;
        if (tiny) {
            double mid = Math.max(lo + TINY_RANGE / 2, Math.min(1 - TINY_RANGE / 2, (shown[0] + shown[1]) / 2));
            range = new double[] {mid - TINY_RANGE / 2, mid + TINY_RANGE / 2};
        } else if (drop && shown[0] < 0 && shown[1] > 0) {
            double m = Math.max(-shown[0], shown[1]);
            range = new double[] {-m, m};
        } else {
            range = shown.clone();
        }
        return new double[] {Math.max(lo, range[0]), Math.min(1, range[1])};
    }
}
