package dev.occlude.compare;

import dev.occlude.render.ColourScale;
import java.awt.Rectangle;
import java.util.List;

/**
 * Where two models look for the same class on the same variants.
 *
 * @param className the class both columns hold
 * @param worstA model A's worst patch for it (the variant that lowers it most)
 * @param worstB model B's
 * @param distance between the two worst patches' centres, in source pixels
 * @param overlap intersection over union of the two important regions (pixels where hiding a patch
 *     lowers the class by at least half its largest drop); null when neither model has a visible drop
 * @param correlation Pearson's correlation of the two models' probabilities over the variants (the
 *     same grid); null when either is constant
 * @param mapA model A's per-pixel map of the class
 * @param mapB model B's
 */
record Focus(String className, Rectangle worstA, Rectangle worstB, Double distance, Double overlap,
             Double correlation, float[] mapA, float[] mapB) {

    /** The measures of two columns over the same {@code patches} of a {@code width x height} picture. */
    static Focus of(Column a, Column b, List<Rectangle> patches, int width, int height) {
        Rectangle wa = patches.get(a.worst());
        Rectangle wb = patches.get(b.worst());
        // a worst patch that moves its class by less than a visible amount is no focus: no distance to it
        Double distance = visible(a) && visible(b)
                ? Math.hypot(wa.getCenterX() - wb.getCenterX(), wa.getCenterY() - wb.getCenterY()) : null;
        float[] ma = a.map(patches, width, height);
        float[] mb = b.map(patches, width, height);
        return new Focus(a.className(), wa, wb, distance, overlap(ma, a, mb, b), correlation(a.values(), b.values()),
                ma, mb);
    }

    /** Whether the column's worst variant lowers its class by a visible amount ({@link ColourScale#TINY_RANGE}). */
    private static boolean visible(Column c) {
        return c.clean() - c.values()[c.worst()] >= ColourScale.TINY_RANGE;
    }

    /** IoU of the pixels where each map lies at least half its largest drop below its clean probability. */
    static Double overlap(float[] ma, Column a, float[] mb, Column b) {
        float cutA = cut(ma, a.clean());
        float cutB = cut(mb, b.clean());
        if (Float.isNaN(cutA) && Float.isNaN(cutB)) {
            return null;
        }
        long both = 0;
        long either = 0;
        for (int i = 0; i < ma.length; i++) {
            boolean ia = !Float.isNaN(cutA) && ma[i] <= cutA;
            boolean ib = !Float.isNaN(cutB) && mb[i] <= cutB;
            both += ia && ib ? 1 : 0;
            either += ia || ib ? 1 : 0;
        }
        return either == 0 ? null : both / (double) either;
    }

    /** The value at or below which a pixel is important; NaN when no drop is visible (under 0.01). */
    private static float cut(float[] map, float clean) {
        float low = Float.POSITIVE_INFINITY;
        for (float v : map) {
            if (!Float.isNaN(v)) {
                low = Math.min(low, v);
            }
        }
        double drop = clean - low;
        return drop < ColourScale.TINY_RANGE ? Float.NaN : (float) (clean - drop / 2);
    }

    /** Pearson's r of two equally long series; null when either does not vary. */
    static Double correlation(float[] x, float[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        if (sxx <= 1e-18 || syy <= 1e-18) {
            return null;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }
}
