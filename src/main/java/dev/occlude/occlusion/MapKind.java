package dev.occlude.occlusion;

import java.util.Locale;

/** What a map's pixels hold. */
public enum MapKind {
    /** The target's mean probability with the pixel hidden (the article's map: low = important). */
    PROBABILITY,
    /** The clean probability minus that (Captum's convention: high = important). */
    DROP;

    /** The analysis's map in this kind; NaN stays NaN. */
    public float[] of(Analysis a) {
        float[] m = a.map();
        if (this == PROBABILITY) {
            return m;
        }
        float clean = a.cleanProbability();
        float[] d = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            d[i] = clean - m[i];
        }
        return d;
    }

    /** The name used in results and on the command line: probability or drop. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
