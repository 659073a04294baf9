package dev.occlude.model.incremental;

import java.awt.Rectangle;

/**
 * Where one stage must be recomputed for a batch of variants, and how to cut its input windows.
 *
 * <p>A variant differs from the clean image only in its changed region; the stage's outputs that
 * see that region through their window are the only ones that change. Every variant of a batch
 * gets an output window of the same size (the largest any of them needs, slid back inside the
 * map where it would overhang), so the batch is one tensor. Its input window, in the padded
 * input, is gathered by one index per position: the variant's own tile (the previous stage's
 * recomputed output) where the tile covers it, the stored clean padded activation elsewhere.
 * Indices count the tiles first ({@code variant * tileArea + row * tileWidth + column}), then
 * the clean map ({@code tiles * tileArea + paddedRow * paddedWidth + paddedColumn}).
 *
 * @param changed per variant, the outputs that differ from the clean ones (map coordinates)
 * @param windows per variant, the outputs computed: all of one size, each covering its changed region
 * @param index the gather indices, [variant][input row][input column]
 * @param inHeight input window height (padded coordinates)
 * @param inWidth input window width
 */
public record StageWindows(Rectangle[] changed, Rectangle[] windows, long[] index, int inHeight, int inWidth) {

    /**
     * The windows of stage {@code s} on an input of {@code height x width}, for variants whose
     * input differs from the clean one inside {@code changed[b]} and whose correct values are
     * known on {@code tiles[b]} (all tiles one size, each covering its changed region).
     */
    public static StageWindows plan(Stages.Stage s, int height, int width, Rectangle[] changed, Rectangle[] tiles,
                                    int count) {
        int outH = s.outHeight(height);
        int outW = s.outWidth(width);
        Rectangle[] outChanged = new Rectangle[count];
        int oh = 1;
        int ow = 1;
        for (int b = 0; b < count; b++) {
            Rectangle r = changed[b];
            int y0 = Math.max(0, ceilDiv(r.y + s.padY() - s.kernelY() + 1, s.strideY()));
            int y1 = Math.min(outH, Math.floorDiv(r.y + r.height - 1 + s.padY(), s.strideY()) + 1);
            int x0 = Math.max(0, ceilDiv(r.x + s.padX() - s.kernelX() + 1, s.strideX()));
            int x1 = Math.min(outW, Math.floorDiv(r.x + r.width - 1 + s.padX(), s.strideX()) + 1);
            // a region no output sees (e.g. rows a strided window skips) still gets a one-pixel window
            y1 = Math.max(y1, Math.min(y0 + 1, outH));
            x1 = Math.max(x1, Math.min(x0 + 1, outW));
            y0 = Math.min(y0, y1 - 1);
            x0 = Math.min(x0, x1 - 1);
            outChanged[b] = new Rectangle(x0, y0, x1 - x0, y1 - y0);
            oh = Math.max(oh, y1 - y0);
            ow = Math.max(ow, x1 - x0);
        }
        int inH = (oh - 1) * s.strideY() + s.kernelY();
        int inW = (ow - 1) * s.strideX() + s.kernelX();
        Rectangle[] windows = new Rectangle[count];
        int[] originY = new int[count];
        int[] originX = new int[count];
        for (int b = 0; b < count; b++) {
            int wy = Math.min(outChanged[b].y, outH - oh);
            int wx = Math.min(outChanged[b].x, outW - ow);
            windows[b] = new Rectangle(wx, wy, ow, oh);
            // the window's first input position, in unpadded input coordinates
            originY[b] = wy * s.strideY() - s.padY();
            originX[b] = wx * s.strideX() - s.padX();
        }
        long[] index = gather(count, tiles, originY, originX, inH, inW, s.padY(), s.padX(), s.paddedWidth(width));
        return new StageWindows(outChanged, windows, index, inH, inW);
    }

    /** The whole unpadded map of {@code height x width} per variant, with each variant's tile pasted in. */
    public static StageWindows whole(int height, int width, Rectangle[] changed, Rectangle[] tiles, int count) {
        int[] zero = new int[count];
        long[] index = gather(count, tiles, zero, zero, height, width, 0, 0, width);
        Rectangle[] all = new Rectangle[count];
        java.util.Arrays.fill(all, new Rectangle(0, 0, width, height));
        return new StageWindows(changed, all, index, height, width);
    }

    private static long[] gather(int count, Rectangle[] tiles, int[] originY, int[] originX, int inH, int inW,
                                 int padY, int padX, int storedWidth) {
        int th = tiles[0].height;
        int tw = tiles[0].width;
        long tileArea = (long) th * tw;
        long cleanBase = count * tileArea;
        long[] index = new long[count * inH * inW];
        int at = 0;
        for (int b = 0; b < count; b++) {
            Rectangle t = tiles[b];
            for (int y = 0; y < inH; y++) {
                int uy = originY[b] + y;
                boolean rowInTile = uy >= t.y && uy < t.y + th;
                long cleanRow = cleanBase + (long) (uy + padY) * storedWidth + padX;
                long tileRow = b * tileArea + (long) (uy - t.y) * tw - t.x;
                for (int x = 0; x < inW; x++) {
                    int ux = originX[b] + x;
                    index[at++] = rowInTile && ux >= t.x && ux < t.x + tw ? tileRow + ux : cleanRow + ux;
                }
            }
        }
        return index;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
