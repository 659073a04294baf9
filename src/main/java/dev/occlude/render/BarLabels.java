package dev.occlude.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The numbers a colour bar prints: its range from a map, and tick labels that read distinct and never "-0.000". */
final class BarLabels {
    private BarLabels() {}

    /** min and max of the finite values; [0, 1] when there are none. */
    static double[] finiteRange(float[] map) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : map) {
            if (!Float.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
    }

    /** Five labels from hi (top) to lo. */
    static List<String> tickLabels(double lo, double hi) {
        return tickLabels(lo, hi, 5);
    }

    /** {@code count} labels from hi (top) to lo, with enough decimals that distinct values read distinct. */
    static List<String> tickLabels(double lo, double hi, int count) {
        int decimals = 3;
        double span = hi - lo;
        while (decimals < 7 && span > 0 && span < (count - 1) * Math.pow(10, -decimals)) {
            decimals++;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add(number(hi - span * i / (count - 1.0), decimals));
        }
        return labels;
    }

    static String number(double v) {
        return number(v, v != 0 && Math.abs(v) < 0.001 ? 6 : 4);
    }

    /** A number with {@code decimals} decimals, never "-0.000". */
    static String number(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0\\.0*") ? s.substring(1) : s;
    }
}
