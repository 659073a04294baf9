package dev.occlude.occlusion;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the grey squares go: top-left corners from -(size-1) in steps of {@code stride} while they
 * are inside the image, each square clipped to the image (the scheme of the article this tool
 * follows). When the stride divides the size, every pixel is covered (size/stride)^2 times.
 */
public final class PatchGrid {
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
        this.columns = positions(imageWidth);
        this.rows = positions(imageHeight);
    }

    private int positions(int extent) {
        // corners -(size-1), -(size-1)+stride, ... while < extent
        return (extent + size - 1 + stride - 1) / stride;
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
        int x = -(size - 1) + (index % columns) * stride;
        int y = -(size - 1) + (index / columns) * stride;
        int x0 = Math.max(0, x);
        int y0 = Math.max(0, y);
        int x1 = Math.min(imageWidth, x + size);
        int y1 = Math.min(imageHeight, y + size);
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
