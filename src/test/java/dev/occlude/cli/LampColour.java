package dev.occlude.cli;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * Whether an object under an overlay keeps its colour: of the frame's strongly coloured pixels in a
 * rectangle (HSV saturation over 128 and value over 80 of 255), how many keep their hue within 30
 * degrees, and how closely the overlay's luminance follows the frame's there (Pearson r).
 *
 * @param strong the strongly coloured pixels
 * @param kept those whose hue the overlay keeps
 * @param r the luminance correlation over the rectangle
 */
record LampColour(int strong, int kept, double r) {
    static LampColour of(BufferedImage source, BufferedImage overlay, int x0, int y0, int width, int height) {
        int strong = 0;
        int kept = 0;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = 0;
        for (int y = y0; y < Math.min(source.getHeight(), y0 + height); y++) {
            for (int x = x0; x < Math.min(source.getWidth(), x0 + width); x++) {
                int p = source.getRGB(x, y);
                int q = overlay.getRGB(x, y);
                float[] hp = Color.RGBtoHSB(p >> 16 & 255, p >> 8 & 255, p & 255, null);
                float[] hq = Color.RGBtoHSB(q >> 16 & 255, q >> 8 & 255, q & 255, null);
                if (hp[1] * 255 > 128 && hp[2] * 255 > 80) {
                    strong++;
                    double d = Math.abs(hp[0] - hq[0]) * 360;
                    kept += Math.min(d, 360 - d) <= 30 ? 1 : 0;
                }
                double lp = luminance(p);
                double lq = luminance(q);
                sx += lp;
                sy += lq;
                sxx += lp * lp;
                syy += lq * lq;
                sxy += lp * lq;
                n++;
            }
        }
        return new LampColour(strong, kept, (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy)));
    }

    /** The rule: at least 60% keep their hue, r at least 0.7. */
    boolean holds() {
        return kept >= 0.6 * strong && r >= 0.7;
    }

    static double luminance(int p) {
        return 0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255);
    }
}
