package dev.occlude.occlusion;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the grey squares go: top-left corners from -(size-1) in steps of {@code stride} while they
 * are inside the image, each square clipped to the image (the scheme of the article this tool
 * follows). When the stride divides the size, every pixel is covered (size/stride)^2 times.
 * Counted in 64 bits and bounded by {@link #MAX_VARIANTS}, so a huge patch with a small stride is
 * refused at once instead of overflowing or computing for minutes.
 */
public final class PatchGrid {
    /**
     * The most variants one map may have: a million (a 1920x1080 frame with 32-pixel patches every
     * 2 pixels has 541,125), each one network input and one row of probabilities.
     */
    public static final long MAX_VARIANTS = 1_000_000L;
    private final int size;
    private final int stride;
    private final int imageWidth;
    private final int imageHeight;
    private final int columns;
    private final int rows;

    /** The grid of {@code size} squares every {@code stride} pixels over an image of this size. */
    public PatchGrid(int size, int stride, int imageWidth, int imageHeight) {
        if (size < 1 || stride < 1) {
            throw new IllegalArgumentException("patch size and stride must be at least 1");
        }
        this.size = size;
        this.stride = stride;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        long across = positions(imageWidth, size, stride);
        long down = positions(imageHeight, size, stride);
        check(across * down, size, stride, imageWidth + "x" + imageHeight + " image");
        this.columns = (int) across;
        this.rows = (int) down;
    }

    /** Corners -(size-1), -(size-1)+stride, ... while < extent, in 64 bits. */
    private static long positions(long extent, long size, long stride) {
        return (extent + size - 1 + stride - 1) / stride;
    }

    /**
     * Refuses a patch size whose grid passes {@link #MAX_VARIANTS} on every image, even one pixel
     * (at least ceil(patch/stride) squares per row and per column), before any image is read.
     *
     * @throws GridTooLargeException when it does
     */
    public static void checkSize(int size, int stride) {
        long least = positions(1, size, stride);
        check(least * least, size, stride, "any image");
    }

    private static void check(long variants, int size, int stride, String where) {
        if (variants > MAX_VARIANTS) {
            throw new GridTooLargeException(String.format(Locale.ROOT,
                    "patch %d with stride %d gives %,d variants on %s; at most %,d are allowed (a smaller patch "
                            + "or a larger stride)", size, stride, variants, where, MAX_VARIANTS), variants);
        }
    }

    /** Patches per row. */
    public int columns() {
        return columns;
    }

    /** Rows of patches. */
    public int rows() {
        return rows;
    }

    /** Patches in all. */
    public int count() {
        return columns * rows;
    }

    /** The clipped square of variant {@code index} (row-major). */
    public Rectangle patch(int index) {
        long x = -(size - 1L) + (long) (index % columns) * stride;
        long y = -(size - 1L) + (long) (index / columns) * stride;
        int x0 = (int) Math.max(0, x);
        int y0 = (int) Math.max(0, y);
        int x1 = (int) Math.min(imageWidth, x + size);
        int y1 = (int) Math.min(imageHeight, y + size);
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    /** Every patch, clipped to the image, row by row. */
    public List<Rectangle> patches() {
        List<Rectangle> all = new ArrayList<>(count());
        for (int i = 0; i < count(); i++) {
            all.add(patch(i));
        }
        return all;
    }

    /** The patch side in pixels. */
    public int size() {
        return size;
    }

    /** The step between patches in pixels. */
    public int stride() {
        return stride;
    }
}
