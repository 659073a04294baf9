package dev.occlude.occlusion;

import java.awt.Rectangle;

/**
 * Per-pixel mean of the values of every rectangle that covered the pixel; NaN where none did.
 * Rectangles are added as corner updates of a 2-D difference table, so adding one costs O(1)
 * and the means cost one pass over the image.
 */
public final class HeatMap {
    private final int width;
    private final int height;
    private final double[] sum;
    private final int[] count;

    /** An empty map of {@code width x height} source pixels. */
    public HeatMap(int width, int height) {
        this.width = width;
        this.height = height;
        this.sum = new double[(width + 1) * (height + 1)];
        this.count = new int[(width + 1) * (height + 1)];
    }

    /** Adds {@code value} to every pixel of {@code r} (clipped to the map) and counts it there. */
    public void add(Rectangle r, double value) {
        int x0 = Math.max(0, r.x);
        int y0 = Math.max(0, r.y);
        int x1 = Math.min(width, r.x + r.width);
        int y1 = Math.min(height, r.y + r.height);
        if (x0 >= x1 || y0 >= y1) {
            return;
        }
        corner(x0, y0, value, 1);
        corner(x1, y0, -value, -1);
        corner(x0, y1, -value, -1);
        corner(x1, y1, value, 1);
    }

    private void corner(int x, int y, double value, int n) {
        int i = y * (width + 1) + x;
        sum[i] += value;
        count[i] += n;
    }

    /** The means, row-major [height][width]; NaN where no rectangle covered a pixel. */
    public float[] means() {
        int stride = width + 1;
        double[] s = sum.clone();
        int[] c = count.clone();
        // prefix sums along rows, then along columns
        for (int y = 0; y <= height; y++) {
            for (int x = 1; x <= width; x++) {
                s[y * stride + x] += s[y * stride + x - 1];
                c[y * stride + x] += c[y * stride + x - 1];
            }
        }
        for (int y = 1; y <= height; y++) {
            for (int x = 0; x <= width; x++) {
                s[y * stride + x] += s[(y - 1) * stride + x];
                c[y * stride + x] += c[(y - 1) * stride + x];
            }
        }
        float[] out = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int n = c[y * stride + x];
                out[y * width + x] = n == 0 ? Float.NaN : (float) (s[y * stride + x] / n);
            }
        }
        return out;
    }

    /** The map's width in pixels. */
    public int width() {
        return width;
    }

    /** The map's height in pixels. */
    public int height() {
        return height;
    }
}
