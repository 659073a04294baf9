package dev.occlude.occlusion;

/** Comparisons of two maps of one image. */
public final class MapStatistics {
    private MapStatistics() {}

    /**
     * Pearson correlation of two maps over the pixels both cover (NaN in either is left out); 1
     * when both are constant and equal there, 0 when only one is constant.
     */
    public static double pearson(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isNaN(a[i]) && !Float.isNaN(b[i])) {
                ma += a[i];
                mb += b[i];
                n++;
            }
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Float.isNaN(a[i]) && !Float.isNaN(b[i])) {
                sab += (a[i] - ma) * (b[i] - mb);
                saa += (a[i] - ma) * (a[i] - ma);
                sbb += (b[i] - mb) * (b[i] - mb);
            }
        }
        return saa == 0 || sbb == 0 ? (saa == sbb ? 1 : 0) : sab / Math.sqrt(saa * sbb);
    }
}
