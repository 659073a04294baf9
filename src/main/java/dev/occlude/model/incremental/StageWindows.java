package dev.occlude.model.incremental;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where one stage must be recomputed for a batch of variants, and how to cut a window of each map
 * it reads.
 *
 * <p>A variant's map differs from the clean one only in its changed region; the stage's outputs
 * that see a changed region of any map they read, through that map's {@link Window}, are the only
 * ones that change. Every variant of a batch gets an output window of the same size (the largest
 * any of them needs, slid back inside the map where it would overhang), so the batch is one
 * tensor. Each map's input window, in its padded coordinates, is gathered by one index per
 * position: the variant's own tile of that map (recomputed by its stage) where the tile covers it,
 * the stored clean map elsewhere, and the pad value outside the map. Indices count the tiles first
 * ({@code variant * tileArea + row * tileWidth + column}), then the clean map
 * ({@code tiles * tileArea + row * width + column}), then one pad row
 * ({@code tiles * tileArea + height * width}).
 *
 * @param changed per variant, the outputs that differ from the clean ones (map coordinates)
 * @param windows per variant, the outputs computed: all of one size, each covering its changed region
 * @param inputs per map read, the gather of its windows
 */
public record StageWindows(Rectangle[] changed, Rectangle[] windows, List<Gather> inputs) {

    /**
     * A batch's windows of one map.
     *
     * @param index the gather indices, [variant][input row][input column]
     * @param tileRows how many of the indices' first values are the tiles' (the rest are the clean map's and the pad row)
     * @param inHeight input window height
     * @param inWidth input window width
     */
    public record Gather(long[] index, long tileRows, int inHeight, int inWidth) {
        /** The windows of variants {@code from} to {@code from + n - 1} alone (indices still count every tile). */
        public Gather slice(int from, int n) {
            int area = inHeight * inWidth;
            return new Gather(Arrays.copyOfRange(index, from * area, (from + n) * area), tileRows, inHeight,
                    inWidth);
        }
    }

    /**
     * A map as a batch holds it: its size, and per variant where it changed and the tile recomputed
     * (all tiles of one size, each covering its changed region).
     */
    public record Source(int height, int width, Rectangle[] changed, Rectangle[] tiles) {}

    /** The output size of reading {@code source} through {@code w}, as {height, width}. */
    static int[] outSize(Window w, Source source) {
        return new int[] {w.outHeight(source.height()), w.outWidth(source.width())};
    }

    /**
     * The windows of a stage whose inputs are {@code sources}, each read through {@code windows}
     * (one per source, in the stage's argument order), for {@code count} variants.
     */
    public static StageWindows plan(List<Window> windows, List<Source> sources, int count) {
        int[] out = outSize(windows.get(0), sources.get(0));
        int outH = out[0];
        int outW = out[1];
        Rectangle[] outChanged = new Rectangle[count];
        int oh = 1;
        int ow = 1;
        for (int b = 0; b < count; b++) {
            Rectangle union = null;
            for (int i = 0; i < windows.size(); i++) {
                Rectangle seen = seenBy(windows.get(i), sources.get(i).changed()[b], outH, outW);
                if (seen != null) {
                    union = union == null ? seen : union.union(seen);
                }
            }
            if (union == null) {
                // no output sees the change (e.g. rows a strided window skips): a one-pixel window still runs
                Rectangle r = sources.get(0).changed()[b];
                Window w = windows.get(0);
                int y = Math.min(outH - 1, Math.max(0, Math.floorDiv(r.y + w.padY(), w.strideY())));
                int x = Math.min(outW - 1, Math.max(0, Math.floorDiv(r.x + w.padX(), w.strideX())));
                union = new Rectangle(x, y, 1, 1);
            }
            outChanged[b] = union;
            oh = Math.max(oh, union.height);
            ow = Math.max(ow, union.width);
        }
        Rectangle[] placed = new Rectangle[count];
        for (int b = 0; b < count; b++) {
            placed[b] = new Rectangle(Math.min(outChanged[b].x, outW - ow), Math.min(outChanged[b].y, outH - oh), ow, oh);
        }
        List<Gather> gathers = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            int inH = (oh - 1) * w.strideY() + w.kernelY();
            int inW = (ow - 1) * w.strideX() + w.kernelX();
            int[] originY = new int[count];
            int[] originX = new int[count];
            for (int b = 0; b < count; b++) {
                originY[b] = placed[b].y * w.strideY() - w.padY();
                originX[b] = placed[b].x * w.strideX() - w.padX();
            }
            gathers.add(gather(count, sources.get(i), originY, originX, inH, inW));
        }
        return new StageWindows(outChanged, placed, List.copyOf(gathers));
    }

    /** The outputs of an {@code outH x outW} map that see {@code r} through {@code w}, or null if none does. */
    static Rectangle seenBy(Window w, Rectangle r, int outH, int outW) {
        int y0 = Math.max(0, ceilDiv(r.y + w.padY() - w.kernelY() + 1, w.strideY()));
        int y1 = Math.min(outH, Math.floorDiv(r.y + r.height - 1 + w.padY(), w.strideY()) + 1);
        int x0 = Math.max(0, ceilDiv(r.x + w.padX() - w.kernelX() + 1, w.strideX()));
        int x1 = Math.min(outW, Math.floorDiv(r.x + r.width - 1 + w.padX(), w.strideX()) + 1);
        return y1 > y0 && x1 > x0 ? new Rectangle(x0, y0, x1 - x0, y1 - y0) : null;
    }

    /** The whole map of a source per variant, with each variant's tile pasted in (what the head reads). */
    public static Gather whole(Source source, int count) {
        return gather(count, source, new int[count], new int[count], source.height(), source.width());
    }

    private static Gather gather(int count, Source source, int[] originY, int[] originX, int inH, int inW) {
        Rectangle[] tiles = source.tiles();
        int th = tiles[0].height;
        int tw = tiles[0].width;
        int height = source.height();
        int width = source.width();
        long tileArea = (long) th * tw;
        long cleanBase = count * tileArea;
        long padSlot = cleanBase + (long) height * width;
        long[] index = new long[count * inH * inW];
        int at = 0;
        for (int b = 0; b < count; b++) {
            Rectangle t = tiles[b];
            for (int y = 0; y < inH; y++) {
                int uy = originY[b] + y;
                boolean rowInMap = uy >= 0 && uy < height;
                boolean rowInTile = uy >= t.y && uy < t.y + th;
                long cleanRow = cleanBase + (long) uy * width;
                long tileRow = b * tileArea + (long) (uy - t.y) * tw - t.x;
                for (int x = 0; x < inW; x++) {
                    int ux = originX[b] + x;
                    if (!rowInMap || ux < 0 || ux >= width) {
                        index[at++] = padSlot;
                    } else {
                        index[at++] = rowInTile && ux >= t.x && ux < t.x + tw ? tileRow + ux : cleanRow + ux;
                    }
                }
            }
        }
        return new Gather(index, cleanBase, inH, inW);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
