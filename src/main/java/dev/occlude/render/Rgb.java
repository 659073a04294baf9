package dev.occlude.render;

import java.awt.image.BufferedImage;

/** Arithmetic on 0xRRGGBB colours that the pictures share. */
final class Rgb {
    private Rgb() {}

    /** The mean colour of the pixels the map covers: what the bar's colours are laid on. */
    static int mean(BufferedImage source, float[] map) {
        int w = source.getWidth();
        int[] src = source.getRGB(0, 0, w, source.getHeight(), null, 0, w);
        long r = 0;
        long g = 0;
        long b = 0;
        long n = 0;
        for (int i = 0; i < src.length; i++) {
            if (!Float.isNaN(map[i])) {
                r += (src[i] >> 16) & 0xff;
                g += (src[i] >> 8) & 0xff;
                b += src[i] & 0xff;
                n++;
            }
        }
        return n == 0 ? 0x808080 : (int) (r / n) << 16 | (int) (g / n) << 8 | (int) (b / n);
    }

    /**
     * How strongly coloured a pixel reads, in [0, 1]: its HSV saturation, counted in full only once it
     * is bright enough to show a colour (a night frame's near-black pixels carry a saturation nobody sees).
     */
    static double colourfulness(int rgb) {
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int max = Math.max(r, Math.max(g, b));
        if (max == 0) {
            return 0;
        }
        double saturation = (max - Math.min(r, Math.min(g, b))) / (double) max;
        return saturation * Math.min(1, max / 80.0);
    }

    /** {@code a} with {@code b} laid on it at opacity {@code alpha}. */
    static int blend(int a, int b, double alpha) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - alpha) + ((b >> 16) & 0xff) * alpha);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - alpha) + ((b >> 8) & 0xff) * alpha);
        int bl = (int) Math.round((a & 0xff) * (1 - alpha) + (b & 0xff) * alpha);
        return r << 16 | g << 8 | bl;
    }
}
