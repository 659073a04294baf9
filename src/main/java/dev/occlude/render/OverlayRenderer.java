package dev.occlude.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture a person looks at: the source image with the heat map blended over it, a colour bar
 * with its scale on the right, outlined patches (the minimum), and a caption line below.
 * Pixels the map does not cover (NaN) keep the source colour.
 */
public final class OverlayRenderer {
    private static final int BACKGROUND = 0x202020;
    private static final int TEXT = 0xf0f0f0;
    private static final int OUTLINE = 0x00e5ff;

    private Colormap colormap = Colormap.AFMHOT;
    private double alpha = 0.6;
    private double[] fixedScale;

    public OverlayRenderer colormap(Colormap colormap) {
        this.colormap = colormap;
        return this;
    }

    /** Weight of the map colour against the image, in [0, 1]. */
    public OverlayRenderer alpha(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        this.alpha = alpha;
        return this;
    }

    /** Colour scale from lo to hi instead of the map's own min..max; null for automatic. */
    public OverlayRenderer scale(double[] loHi) {
        this.fixedScale = loHi;
        return this;
    }

    /** A rectangle to outline, with an optional label ("1", "2", ...) drawn at its corner. */
    public record Mark(Rectangle rect, String label) {}

    public BufferedImage render(BufferedImage source, float[] map, List<Mark> marks, String caption) {
        int w = source.getWidth();
        int h = source.getHeight();
        int scale = Math.max(1, (int) Math.round(Math.min(w, h) / 128.0));
        int pad = 3 * scale;
        double[] range = fixedScale != null ? fixedScale : finiteRange(map);
        List<String> ticks = tickLabels(range[0], range[1]);
        int labelWidth = 0;
        for (String t : ticks) {
            labelWidth = Math.max(labelWidth, PixelFont.width(t, scale));
        }
        int barWidth = 6 * scale;
        int panel = pad + barWidth + pad + labelWidth + pad;
        int captionScale = scale;
        while (captionScale > 1 && PixelFont.width(caption, captionScale) > w + panel - 2 * pad) {
            captionScale--;
        }
        int captionHeight = PixelFont.height(captionScale) + 2 * pad;
        BufferedImage out = new BufferedImage(w + panel, h + captionHeight, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, out.getWidth(), out.getHeight(), BACKGROUND);

        int[] src = source.getRGB(0, 0, w, h, null, 0, w);
        int[] blended = new int[w * h];
        double span = range[1] - range[0];
        for (int i = 0; i < w * h; i++) {
            float v = map[i];
            if (Float.isNaN(v)) {
                blended[i] = src[i];
            } else {
                double t = span > 0 ? (v - range[0]) / span : 0.5;
                blended[i] = blend(src[i], colormap.color(t), alpha);
            }
        }
        out.setRGB(0, 0, w, h, blended, 0, w);
        for (Mark mark : marks) {
            outline(out, mark.rect(), Math.max(1, scale / 2), OUTLINE, w, h);
            if (mark.label() != null) {
                int lx = Math.min(w - PixelFont.width(mark.label(), scale), Math.max(0, mark.rect().x + scale));
                int ly = Math.min(h - PixelFont.height(scale), Math.max(0, mark.rect().y + scale));
                PixelFont.fill(out, lx - 1, ly - 1, PixelFont.width(mark.label(), scale) + 2,
                        PixelFont.height(scale) + 2, 0x000000);
                PixelFont.draw(out, mark.label(), lx, ly, scale, OUTLINE);
            }
        }

        // colour bar: top is the high end of the scale
        int barX = w + pad;
        int barTop = pad + PixelFont.height(scale) / 2;
        int barBottom = h - pad - PixelFont.height(scale) / 2;
        for (int y = barTop; y <= barBottom; y++) {
            double t = barBottom == barTop ? 1 : 1.0 - (double) (y - barTop) / (barBottom - barTop);
            PixelFont.fill(out, barX, y, barWidth, 1, colormap.color(t));
        }
        int labelX = barX + barWidth + pad;
        for (int i = 0; i < ticks.size(); i++) {
            double f = ticks.size() == 1 ? 0 : (double) i / (ticks.size() - 1);
            int y = (int) Math.round(barTop + f * (barBottom - barTop)) - PixelFont.height(scale) / 2;
            PixelFont.draw(out, ticks.get(i), labelX, y, scale, TEXT);
            PixelFont.fill(out, barX + barWidth, y + PixelFont.height(scale) / 2, pad / 2 + 1, Math.max(1, scale / 2), TEXT);
        }
        PixelFont.draw(out, caption, pad, h + pad, captionScale, TEXT);
        return out;
    }

    private static void outline(BufferedImage out, Rectangle r, int thickness, int rgb, int w, int h) {
        int x0 = Math.max(0, r.x);
        int y0 = Math.max(0, r.y);
        int x1 = Math.min(w, r.x + r.width);
        int y1 = Math.min(h, r.y + r.height);
        for (int t = 0; t < thickness; t++) {
            for (int x = x0; x < x1; x++) {
                set(out, x, y0 + t, rgb, w, h);
                set(out, x, y1 - 1 - t, rgb, w, h);
            }
            for (int y = y0; y < y1; y++) {
                set(out, x0 + t, y, rgb, w, h);
                set(out, x1 - 1 - t, y, rgb, w, h);
            }
        }
    }

    private static void set(BufferedImage out, int x, int y, int rgb, int w, int h) {
        if (x >= 0 && y >= 0 && x < w && y < h) {
            out.setRGB(x, y, rgb);
        }
    }

    static int blend(int a, int b, double alpha) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - alpha) + ((b >> 16) & 0xff) * alpha);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - alpha) + ((b >> 8) & 0xff) * alpha);
        int bl = (int) Math.round((a & 0xff) * (1 - alpha) + (b & 0xff) * alpha);
        return r << 16 | g << 8 | bl;
    }

    /** min and max of the finite values; [0, 1] when there are none. */
    public static double[] finiteRange(float[] map) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (float v : map) {
            if (!Float.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo > hi ? new double[] {0, 1} : new double[] {lo, hi};
    }

    /** Five labels from hi (top) to lo, with enough decimals that distinct values read distinct. */
    static List<String> tickLabels(double lo, double hi) {
        int decimals = 3;
        double span = hi - lo;
        while (decimals < 7 && span > 0 && span < 4 * Math.pow(10, -decimals)) {
            decimals++;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double v = hi - span * i / 4.0;
            labels.add(String.format(Locale.ROOT, "%." + decimals + "f", v));
        }
        return labels;
    }
}
