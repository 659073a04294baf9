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

    /** A tick: a round value and its label. */
    record Tick(double value, String label) {}

    /**
     * Round ticks within [lo, hi], at most {@code max} of them (at least two): steps of 1, 2 or 5
     * times a power of ten, each labelled with the decimals its step needs, so that labels read
     * distinct and as the round numbers they are. Ascending.
     */
    static List<Tick> niceTicks(double lo, double hi, int max) {
        int most = Math.max(2, max);
        double span = hi - lo;
        if (!(span > 0)) {
            return List.of(new Tick(lo, number(lo, 4)));
        }
        double step = Math.pow(10, Math.floor(Math.log10(span)) + 1);
        // shrink the step while a smaller one still fits: 1, 0.5, 0.2, 0.1, ...
        for (int i = 0; i < 60; i++) {
            double next = smaller(step);
            if (count(lo, hi, next) > most) {
                break;
            }
            step = next;
        }
        while (count(lo, hi, step) < 2) {
            step = smaller(step);
        }
        // a 1-2-5 step that gives two ticks may give too many: every k-th of them (0.4 when 0.2 gives four)
        for (int k = 2; count(lo, hi, step) > most && k < 10; k++) {
            if (count(lo, hi, step * k) >= 2 && count(lo, hi, step * k) <= most) {
                step *= k;
            }
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (count(lo, hi, step) > most) {
            // no round step fits: the two ends, with the decimals that tell them apart
            return List.of(new Tick(lo, number(lo, decimals)), new Tick(hi, number(hi, decimals)));
        }
        List<Tick> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
            double v = Math.max(lo, Math.min(hi, k * step));
            ticks.add(new Tick(v, number(k * step, decimals)));
        }
        return ticks;
    }

    private static double smaller(double step) {
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
        return mantissa > 4.9 ? step * 0.4 : step * 0.5;
    }

    private static long count(double lo, double hi, double step) {
        return (long) Math.floor(hi / step + 1e-9) - (long) Math.ceil(lo / step - 1e-9) + 1;
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
