package dev.occlude.render;

import java.util.Arrays;
import java.util.List;

/**
 * Which values a picture's colours span. One scale answers one question: the maps of one image
 * (sizes, combined, passes, classes) share one scale fitted to all of their pixels; the frames of a
 * video share the absolute range a value can take, so that a frame whose probability barely moves
 * looks as still as it is.
 *
 * <p>Fitted to the pixels as Captum's {@code visualize_image_attr} fits its heat: the colour is
 * full at the {@link #PERCENTILE}th percentile of the change from no change (over the pixels that
 * move), and the few pixels beyond it are drawn at full colour (clipped). The worst patch's value
 * is a patch's, not a pixel's: it is marked on the bar, beyond its end when the pixels do not reach it.
 */
public final class ColourScale {
    /** Below this spread from no change, nothing worth colouring moved (probability). */
    public static final double TINY_RANGE = 0.01;
    /** Below this a change is float noise, not a change: a drop of -7.5e-6 does not make a diverging bar. */
    static final double NOISE = 1e-4;
    /** The percentile of the pixels' change at which the colour is full (Captum's default clips the top 2%). */
    public static final int PERCENTILE = 98;

    private ColourScale() {}

    /**
     * A colour scale: the values at the bar's ends, and the change from no change at which the colour
     * is full.
     *
     * @param low the value at the bar's bottom
     * @param high the value at the bar's top
     * @param saturation the change (a probability's fall or rise, or a drop) that takes full colour;
     *     NaN for a scale given or absolute (full colour at the bar's farthest end from no change)
     * @param clipped the share of the moving pixels whose change is beyond {@code saturation}, drawn at full colour
     */
    public record Fit(double low, double high, double saturation, double clipped) {
        /** A scale given as {lo, hi}: full colour at its farthest end, nothing clipped. */
        public static Fit fixed(double[] loHi) {
            return new Fit(loHi[0], loHi[1], Double.NaN, 0);
        }

        /** {low, high}. */
        public double[] range() {
            return new double[] {low, high};
        }

        /** Whether the colour saturates at a fitted percentile (rather than at the bar's end). */
        public boolean fitted() {
            return !Double.isNaN(saturation);
        }
    }

    /** The range every value of this kind can take: 0..1 for probabilities, -1..1 for drops. */
    public static double[] absolute(boolean drop) {
        return new double[] {drop ? -1 : 0, 1};
    }

    /**
     * One scale for several maps of one image, fitted to all of their pixels: full colour at the
     * {@link #PERCENTILE}th percentile of their change from no change, the bar reaching their values
     * up to that point (and no change), never past what a value can be. A set of maps that barely
     * moves gets the narrow window of {@link #of}.
     */
    public static Fit shared(List<float[]> maps, List<Legend> legends) {
        if (maps.isEmpty() || maps.size() != legends.size()) {
            throw new IllegalArgumentException("one legend per map");
        }
        boolean drop = legends.get(0).drop();
        double[] union = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double spread = 0;
        int moving = 0;
        for (int i = 0; i < maps.size(); i++) {
            double[] own = BarLabels.finiteRange(maps.get(i));
            Legend legend = legends.get(i);
            double[] shown = shown(own, legend);
            union[0] = Math.min(union[0], shown[0]);
            union[1] = Math.max(union[1], shown[1]);
            spread = Math.max(spread, spread(shown, legend.reference(own[1])));
            moving += changes(maps.get(i), legend, null, 0);
        }
        if (spread < TINY_RANGE || moving == 0) {
            double[] r = of(union, drop, true);
            return new Fit(r[0], r[1], Double.NaN, 0);
        }
        float[] all = new float[moving];
        int n = 0;
        for (int i = 0; i < maps.size(); i++) {
            n = changes(maps.get(i), legends.get(i), all, n);
        }
        Arrays.sort(all);
        double saturation = Math.max(TINY_RANGE, all[Math.min(n - 1, (int) Math.ceil(PERCENTILE / 100.0 * n) - 1)]);
        int beyond = n - upperBound(all, saturation);
        double[] reach = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < maps.size(); i++) {
            double[] own = BarLabels.finiteRange(maps.get(i));
            Legend legend = legends.get(i);
            double ref = legend.reference(own[1]);
            if (drop && own[0] < 0 && own[0] > -NOISE) {
                own[0] = 0; // float noise below no change
            }
            reach[0] = Math.min(reach[0], Math.min(ref, Math.max(own[0], ref - saturation)));
            reach[1] = Math.max(reach[1], Math.max(ref, Math.min(own[1], ref + saturation)));
        }
        double[] r = of(reach, drop, false);
        return new Fit(r[0], r[1], saturation, (double) beyond / n);
    }

    /** The first index whose value is above {@code v} in a sorted array. */
    private static int upperBound(float[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The size of each moving pixel's change from no change (float noise left out), written into
     * {@code into} from {@code at} (when given); returns the next free index, or the count.
     */
    private static int changes(float[] map, Legend legend, float[] into, int at) {
        double ref = legend.reference(BarLabels.finiteRange(map)[1]);
        int n = at;
        for (float v : map) {
            if (!Float.isNaN(v)) {
                double c = Math.abs(legend.drop() ? v : ref - v);
                if (c >= NOISE) {
                    if (into != null) {
                        into[n] = (float) c;
                    }
                    n++;
                }
            }
        }
        return n;
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
        } else if (drop && shown[0] < -NOISE && shown[1] > 0) {
            double m = Math.max(-shown[0], shown[1]);
            range = new double[] {-m, m};
        } else {
            range = shown.clone();
        }
        return new double[] {Math.max(lo, range[0]), Math.min(1, range[1])};
    }
}
