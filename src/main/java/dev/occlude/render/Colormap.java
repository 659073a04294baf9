package dev.occlude.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Colour lookup tables: a value in [0, 1] to packed RGB. Low values are dark in every map. */
public enum Colormap {
    /** matplotlib's "afmhot": black, red, orange, yellow, white (the article's look). */
    AFMHOT,
    /** matplotlib's "viridis": dark blue, green, yellow; perceptually uniform. */
    VIRIDIS,
    /** matplotlib's "inferno": black, purple, orange, pale yellow; perceptually uniform. */
    INFERNO,
    /** Black to white. */
    GRAY;

    private volatile int[] table;

    private int[] table() {
        int[] t = table;
        if (t == null) {
            t = switch (this) {
                case AFMHOT -> formula(true);
                case GRAY -> formula(false);
                default -> resource(name().toLowerCase(Locale.ROOT));
            };
            table = t;
        }
        return t;
    }

    private static int[] formula(boolean afmhot) {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            double x = i / 255.0;
            double[] c = afmhot ? new double[] {2 * x, 2 * x - 0.5, 2 * x - 1} : new double[] {x, x, x};
            t[i] = channel(c[0]) << 16 | channel(c[1]) << 8 | channel(c[2]);
        }
        return t;
    }

    /** 256 hex RGB lines sampled from matplotlib (src/main/resources/colormaps). */
    private static int[] resource(String name) {
        try (InputStream in = Colormap.class.getResourceAsStream("/colormaps/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("colour map table " + name + " missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int[] t = new int[256];
            int i = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    t[i++] = Integer.parseInt(line.trim(), 16);
                }
            }
            if (i != 256) {
                throw new IllegalStateException("colour map table " + name + " has " + i + " entries, not 256");
            }
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int channel(double v) {
        return (int) Math.round(Math.max(0, Math.min(1, v)) * 255);
    }

    /** The name of the colour the important region is outlined in ({@link #color} at 0.85), as a caption says it. */
    public String outlineName() {
        return switch (this) {
            case INFERNO -> "ORANGE";
            case AFMHOT -> "PALE YELLOW";
            case VIRIDIS -> "YELLOW-GREEN";
            case GRAY -> "LIGHT GREY";
        };
    }

    /** Packed RGB for t in [0, 1] (clamped). */
    public int color(double t) {
        int i = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
        return table()[i];
    }

    /**
     * A colour map by its lower-case name; an unknown name is an IllegalArgumentException naming the known ones.
     */
    public static Colormap parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown colour map '" + name + "' (known: afmhot, viridis, inferno, gray)");
        }
    }
}
