package dev.occlude.render;

import java.util.Locale;

/** Colour lookup tables: a value in [0, 1] to packed RGB. Low values are dark in every map. */
public enum Colormap {
    /** matplotlib's "afmhot": black, red, orange, yellow, white. */
    AFMHOT {
        @Override
        double[] rgb(double t) {
            return new double[] {2 * t, 2 * t - 0.5, 2 * t - 1};
        }
    },
    /** Black to white. */
    GRAY {
        @Override
        double[] rgb(double t) {
            return new double[] {t, t, t};
        }
    };

    private final int[] table = new int[256];

    abstract double[] rgb(double t);

    private int[] table() {
        if (table[255] == 0) {
            for (int i = 0; i < 256; i++) {
                double[] c = rgb(i / 255.0);
                table[i] = channel(c[0]) << 16 | channel(c[1]) << 8 | channel(c[2]);
            }
        }
        return table;
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    /** Packed RGB for t in [0, 1] (clamped). */
    public int color(double t) {
        int i = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
        return table()[i];
    }

    public static Colormap parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown colour map '" + name + "' (known: afmhot, gray)");
        }
    }
}
