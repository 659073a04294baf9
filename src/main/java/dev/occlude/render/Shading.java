package dev.occlude.render;

import java.util.List;

/**
 * How a map's values become colours, worked out once per map: its own range, the colour scale,
 * the value of no change, and the change that takes full colour.
 *
 * @param own the map's own min and max
 * @param range the colour scale
 * @param ref the value of no change (the clean probability, or no drop)
 * @param drop the values are drops
 * @param tiny the map barely moves: nothing is stretched
 * @param most with FOCUS, the largest change on the scale: full colour
 * @param fit the colour scale as fitted (or fixed)
 */
record Shading(double[] own, double[] range, double ref, boolean drop, boolean tiny, double most, ColourScale.Fit fit) {
    /** The shading of {@code map} under {@code legend}, on {@code fixedScale} when one is given (else the map's own). */
    static Shading of(float[] map, Legend legend, ColourScale.Fit fixedScale) {
        double[] own = BarLabels.finiteRange(map);
        double ref = legend.reference(own[1]);
        boolean drop = legend.drop();
        double[] shown = ColourScale.shown(own, legend);
        // whether this map moves is its own question, whatever scale it shares
        boolean tiny = ColourScale.spread(shown, ref) < ColourScale.TINY_RANGE;
        ColourScale.Fit fit = fixedScale != null ? fixedScale
                : tiny ? ColourScale.Fit.fixed(ColourScale.of(shown, drop, true)) : ColourScale.shared(List.of(map), List.of(legend));
        double[] range = fit.range();
        double most = fit.fitted() ? fit.saturation()
                : Math.max(Math.abs(drop ? range[1] : ref - range[0]), Math.abs(drop ? range[0] : ref - range[1]));
        return new Shading(own, range, ref, drop, tiny, most, fit);
    }

    /** The change from no change at value {@code v}: positive where hiding the patch lowers the probability. */
    double change(double v) {
        return drop ? v : ref - v;
    }

    /** Whether a value lies in the important region: a fall (or drop) of at least half the full colour's. */
    boolean inRegion(float v) {
        double change = Float.isNaN(v) ? 0 : change(v);
        return most > 0 && change >= 0.5 * most;
    }

    /** Whether the map has an important region to outline (a class that only rises has none). */
    boolean important(float[] map) {
        for (float v : map) {
            if (inRegion(v)) {
                return true;
            }
        }
        return false;
    }
}
