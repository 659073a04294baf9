package dev.occlude.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/** What is drawn over an overlay besides the colour: the marked patches, their numbers, the caption's wrapping. */
final class Annotations {
    /** The colour of outlines and their numbers. */
    static final int OUTLINE = 0x00e5ff;

    private Annotations() {}

    /** Every mark outlined, its number beside it. */
    static void marks(BufferedImage out, List<OverlayRenderer.Mark> marks, int scale, int w, int h) {
        for (OverlayRenderer.Mark mark : marks) {
            int rgb = mark.raises() ? OverlayRenderer.RISE : OUTLINE;
            outline(out, mark.rect(), Math.max(1, scale / 2), rgb, w, h);
            if (mark.label() != null) {
                label(out, mark, scale, w, h, rgb);
            }
        }
    }

    /** A mark's number beside its rectangle (above it, else below, else inside), so it never hides what it marks. */
    private static void label(BufferedImage out, OverlayRenderer.Mark mark, int scale, int w, int h, int rgb) {
        Rectangle r = mark.rect();
        int lw = PixelFont.width(mark.label(), scale);
        int lh = PixelFont.height(scale);
        int lx = Math.min(w - lw - 1, Math.max(1, r.x));
        int ly;
        if (r.y - lh - 2 * scale >= 0) {
            ly = r.y - lh - scale;
        } else if (r.y + r.height + lh + 2 * scale <= h) {
            ly = r.y + r.height + scale;
        } else {
            ly = Math.max(1, r.y + scale);
        }
        PixelFont.fill(out, lx - 1, ly - 1, lw + 2, lh + 2, 0x000000);
        PixelFont.draw(out, mark.label(), lx, ly, scale, rgb);
    }

    /** Lines broken at spaces to at most {@code columns} characters. */
    static List<String> wrap(List<String> lines, int columns) {
        List<String> out = new ArrayList<>();
        int cols = Math.max(8, columns);
        for (String line : lines) {
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" +")) {
                while (word.length() > cols) {
                    if (current.length() > 0) {
                        out.add(current.toString());
                        current.setLength(0);
                    }
                    out.add(word.substring(0, cols));
                    word = word.substring(cols);
                }
                if (current.length() > 0 && current.length() + 1 + word.length() > cols) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                current.append(current.length() > 0 ? " " : "").append(word);
            }
            if (current.length() > 0) {
                out.add(current.toString());
            }
        }
        return out;
    }

    /** A rectangle's outline, {@code thickness} pixels inside it, clipped to the picture. */
    static void outline(BufferedImage out, Rectangle r, int thickness, int rgb, int w, int h) {
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


    /** Paints {@code rgb} on the pixels just outside a region (4-neighbours of it, not in it), so the region itself keeps its pixels. */
    static void outlineRegion(int[] out, boolean[] inside, int rgb, int w, int h) {
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!inside[i] && (x > 0 && inside[i - 1] || x < w - 1 && inside[i + 1] || y > 0 && inside[i - w]
                        || y < h - 1 && inside[i + w])) {
                    out[i] = rgb;
                }
            }
        }
    }
}
