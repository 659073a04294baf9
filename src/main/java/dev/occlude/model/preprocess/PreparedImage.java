package dev.occlude.model.preprocess;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/**
 * A source image as the model sees it, and the exact model input of any copy of it with a
 * rectangle of the source filled (grey, a colour, or a fill picture's pixels).
 *
 * <p>DJL resizes the 8-bit image with torch's separable resize (rows first, then columns, in
 * float) and truncates back to 8 bits, then crops. A grey rectangle changes only the resized
 * pixels whose filter window touches it, so a variant is the clean input with those pixels
 * recomputed: the same numbers as occluding the source and preprocessing it whole, at the cost of
 * a small window. The clean row pass is kept, so only the patch's own rows are filtered again.
 */
public final class PreparedImage {
    private final Geometry geometry;
    private final int[] sourceRgb;
    private final ResampleAxis xAxis;
    private final ResampleAxis yAxis;
    /** Clean horizontal pass: [channel][sourceRow * resizedWidth + resizedColumn]. */
    private final float[][] rows;
    private final float[][] lut;
    private final float[] clean;
    private final Fill fill;
    /** Channels of the model input: 3, or 1 for a grey-scale network (whose pixels are made grey first, as DJL does). */
    private final int channels;

    /** The image with grey 128 as its fill. */
    public PreparedImage(BufferedImage image, Preprocessing preprocessing) {
        this(image, preprocessing, Fill.grey(128));
    }

    /** The image, and what its hidden pixels become. */
    public PreparedImage(BufferedImage image, Preprocessing preprocessing, Fill fill) {
        this.fill = fill;
        this.channels = preprocessing.channels();
        int w = image.getWidth();
        int h = image.getHeight();
        this.geometry = preprocessing.geometry(w, h);
        this.sourceRgb = image.getRGB(0, 0, w, h, null, 0, w);
        if (channels == 1) {
            for (int i = 0; i < sourceRgb.length; i++) {
                sourceRgb[i] = Preprocessing.grey(sourceRgb[i]);
            }
        }
        this.xAxis = new ResampleAxis(w, geometry.resizedWidth());
        this.yAxis = new ResampleAxis(h, geometry.resizedHeight());
        this.lut = new float[channels][256];
        for (int c = 0; c < channels; c++) {
            for (int v = 0; v < 256; v++) {
                lut[c][v] = preprocessing.tensorValue(c, v);
            }
        }
        int rw = geometry.resizedWidth();
        this.rows = new float[channels][h * rw];
        for (int y = 0; y < h; y++) {
            for (int ox = 0; ox < rw; ox++) {
                for (int c = 0; c < channels; c++) {
                    rows[c][y * rw + ox] = horizontal(c, y, ox, null, null);
                }
            }
        }
        this.clean = new float[inputSize()];
        fill(clean, 0, null, null, 0, 0, geometry.inputWidth(), geometry.inputHeight());
    }

    /** How the source maps to the model's input. */
    public Geometry geometry() {
        return geometry;
    }

    /** What hidden source pixels become in this image's variants. */
    public Fill fill() {
        return fill;
    }

    /** Floats in one model input: channels x inputHeight x inputWidth. */
    public int inputSize() {
        return channels * geometry.inputWidth() * geometry.inputHeight();
    }

    /** Channels of the model input: 3 (RGB), or 1 for a grey-scale network. */
    public int channels() {
        return channels;
    }

    /** The unoccluded model input (CHW); do not modify. */
    public float[] cleanInput() {
        return clean;
    }

    /**
     * The window of the model input (in input coordinates) that a grey source rectangle changes,
     * or null when it changes nothing the model sees (e.g. wholly outside a centre crop).
     */
    public Rectangle inputWindow(Rectangle patch) {
        int x0 = Math.max(xAxis.firstTouching(patch.x), geometry.cropX()) - geometry.cropX();
        int x1 = Math.min(xAxis.endTouching(patch.x + patch.width), geometry.cropX() + geometry.inputWidth())
                - geometry.cropX();
        int y0 = Math.max(yAxis.firstTouching(patch.y), geometry.cropY()) - geometry.cropY();
        int y1 = Math.min(yAxis.endTouching(patch.y + patch.height), geometry.cropY() + geometry.inputHeight())
                - geometry.cropY();
        if (x0 >= x1 || y0 >= y1) {
            return null;
        }
        return new Rectangle(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * Writes the model input of the image with {@code patch} (source pixels) set to the 8-bit grey
     * {@code fill} into {@code dest} at {@code offset}. Returns false, writing nothing, when the
     * patch changes nothing the model sees.
     */
    public boolean writeOccluded(Rectangle patch, int fill, float[] dest, int offset) {
        return writeOccluded(patch, inputWindow(patch), Fill.grey(fill), dest, offset);
    }

    /** The model input with {@code patch} filled with this image's {@link #fill()}. */
    public boolean writeOccluded(Rectangle patch, Rectangle window, float[] dest, int offset) {
        return writeOccluded(patch, window, fill, dest, offset);
    }

    /**
     * As above with any {@link Fill}, and the patch's {@link #inputWindow} already known (a scan
     * computes it once per variant).
     */
    public boolean writeOccluded(Rectangle patch, Rectangle window, Fill fill, float[] dest, int offset) {
        if (window == null) {
            return false;
        }
        System.arraycopy(clean, 0, dest, offset, clean.length);
        fill(dest, offset, patch, fill, window.x, window.y, window.x + window.width, window.y + window.height);
        return true;
    }

    /**
     * Writes the occluded variant's input on {@code region} only (input coordinates; it must lie
     * inside the input) into {@code dest} at {@code offset}: channels x region.height x region.width, CHW.
     * Incremental inference needs no more of a variant than the part around its changed window.
     */
    public void writeRegion(Rectangle patch, Rectangle region, float[] dest, int offset) {
        fill(dest, offset, region, patch, fill, region.x, region.y, region.x + region.width, region.y + region.height);
    }

    /** Recomputes input pixels [x0,x1) x [y0,y1) (input coordinates), with an optional grey patch. */
    private void fill(float[] dest, int offset, Rectangle patch, Fill fill, int x0, int y0, int x1, int y1) {
        fill(dest, offset, new Rectangle(0, 0, geometry.inputWidth(), geometry.inputHeight()), patch, fill, x0, y0, x1, y1);
    }

    /** As above, into a destination that holds the input pixels of {@code layout} only. */
    private void fill(float[] dest, int offset, Rectangle layout, Rectangle patch, Fill fill, int x0, int y0, int x1,
                      int y1) {
        int iw = layout.width;
        int rw = geometry.resizedWidth();
        int plane = iw * layout.height;
        int ox0 = x0 + geometry.cropX();
        int ox1 = x1 + geometry.cropX();
        // the patch's own rows, filtered again across the columns this window needs
        int py0 = patch == null ? 0 : patch.y;
        int py1 = patch == null ? 0 : patch.y + patch.height;
        int span = ox1 - ox0;
        float[][] patchRows = new float[channels][Math.max(0, py1 - py0) * span];
        Fill seen = fill == null || channels == 3 ? fill : fill.grey();
        for (int r = py0; r < py1; r++) {
            for (int ox = ox0; ox < ox1; ox++) {
                for (int c = 0; c < channels; c++) {
                    patchRows[c][(r - py0) * span + ox - ox0] = horizontal(c, r, ox, patch, seen);
                }
            }
        }
        for (int y = y0; y < y1; y++) {
            int oy = y + geometry.cropY();
            int first = yAxis.start[oy];
            int n = yAxis.size[oy];
            int wBase = oy * yAxis.stride;
            for (int x = x0; x < x1; x++) {
                int ox = x + geometry.cropX();
                int at = offset + (y - layout.y) * iw + x - layout.x;
                for (int c = 0; c < channels; c++) {
                    float[] cleanRows = rows[c];
                    float[] occluded = patchRows[c];
                    float acc = 0f;
                    for (int j = 0; j < n; j++) {
                        int r = first + j;
                        float v = r >= py0 && r < py1 ? occluded[(r - py0) * span + ox - ox0] : cleanRows[r * rw + ox];
                        acc = j == 0 ? v * yAxis.weights[wBase] : Math.fma(v, yAxis.weights[wBase + j], acc);
                    }
                    // DJL casts the resized floats back to uint8: truncation
                    dest[at + c * plane] = lut[c][Math.min(255, (int) acc)];
                }
            }
        }
    }

    /** Row pass of torch's separable resize: source row r, resized column ox, channel c. */
    private float horizontal(int c, int r, int ox, Rectangle patch, Fill fill) {
        int sw = geometry.sourceWidth();
        int first = xAxis.start[ox];
        int n = xAxis.size[ox];
        int wBase = ox * xAxis.stride;
        int shift = 16 - 8 * c;
        boolean rowInPatch = patch != null && r >= patch.y && r < patch.y + patch.height;
        float acc = 0f;
        for (int j = 0; j < n; j++) {
            int s = first + j;
            int v = rowInPatch && s >= patch.x && s < patch.x + patch.width
                    ? fill.sample(s, r, shift) : (sourceRgb[r * sw + s] >> shift) & 0xff;
            acc = j == 0 ? v * xAxis.weights[wBase] : Math.fma((float) v, xAxis.weights[wBase + j], acc);
        }
        return acc;
    }
}
