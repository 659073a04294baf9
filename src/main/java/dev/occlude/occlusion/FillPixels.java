package dev.occlude.occlusion;

import java.util.SplittableRandom;

/** The pixels of the fills that depend on the image or a seed: mean colour, Gaussian blur, noise. */
final class FillPixels {
    private FillPixels() {}

    /** Each channel's mean over the image, rounded to 8 bits. */
    static int meanColour(int[] rgb) {
        long[] sum = new long[3];
        for (int p : rgb) {
            sum[0] += (p >> 16) & 0xff;
            sum[1] += (p >> 8) & 0xff;
            sum[2] += p & 0xff;
        }
        int n = Math.max(1, rgb.length);
        return (int) Math.round(sum[0] / (double) n) << 16 | (int) Math.round(sum[1] / (double) n) << 8
                | (int) Math.round(sum[2] / (double) n);
    }

    /** A separable Gaussian blur (radius 3 sigma, edges clamped), rounded back to 8 bits. */
    static int[] blur(int[] rgb, int w, int h, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double total = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
            total += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= total;
        }
        double[][] across = new double[3][w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double r = 0;
                double g = 0;
                double b = 0;
                for (int k = -radius; k <= radius; k++) {
                    int p = rgb[y * w + Math.min(w - 1, Math.max(0, x + k))];
                    double kw = kernel[k + radius];
                    r += kw * ((p >> 16) & 0xff);
                    g += kw * ((p >> 8) & 0xff);
                    b += kw * (p & 0xff);
                }
                across[0][y * w + x] = r;
                across[1][y * w + x] = g;
                across[2][y * w + x] = b;
            }
        }
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int pixel = 0;
                for (int c = 0; c < 3; c++) {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) {
                        v += kernel[k + radius] * across[c][Math.min(h - 1, Math.max(0, y + k)) * w + x];
                    }
                    pixel = pixel << 8 | (int) Math.min(255, Math.max(0, Math.round(v)));
                }
                out[y * w + x] = pixel;
            }
        }
        return out;
    }

    /** Uniform 8-bit noise per channel, row-major, from the seed alone: the same seed, the same picture. */
    static int[] noise(int w, int h, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextInt(1 << 24);
        }
        return out;
    }
}
