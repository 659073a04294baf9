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

    /** {@code a} with {@code b} laid on it at opacity {@code alpha}. */
    static int blend(int a, int b, double alpha) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - alpha) + ((b >> 16) & 0xff) * alpha);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - alpha) + ((b >> 8) & 0xff) * alpha);
        int bl = (int) Math.round((a & 0xff) * (1 - alpha) + (b & 0xff) * alpha);
        return r << 16 | g << 8 | bl;
    }
}
