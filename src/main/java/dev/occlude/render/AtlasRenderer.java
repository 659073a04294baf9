package dev.occlude.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The atlas: where the worst patches of a run's images lie, one frame-sized panel per group (each
 * predicted class, the mistakes, the labelled boxes). A pixel's colour is the share of the group's
 * counted frames whose worst patch (or box) covers it, on one colour scale for every panel (from
 * none to the largest share of any panel), drawn as a bar below the panels with its numbers. Each
 * panel's title says how many frames it counts and how many it left out (their worst patch moves
 * their class too little); a panel that counts none says so. Under the colour lies the mean of the
 * run's images in grey, so that a reader sees where on the road the patches lie.
 */
public final class AtlasRenderer {
    private static final int SCALE = 2;
    private static final int BACKGROUND = 0x202020;
    private static final int TEXT = 0xf0f0f0;
    /** The colour's weight over the grey sketch: the road still shows through it. */
    private static final double OPACITY = 0.8;
    /** How bright the grey sketch is drawn: dim enough that the colour map's dark end still reads. */
    private static final double SKETCH = 0.55;

    /**
     * One panel.
     *
     * @param title what it counts ("PREDICTED RED")
     * @param unit what its frames are called in the title ("FRAMES", "BOXES")
     * @param counts per canvas pixel, how many of its counted frames' patches cover it
     * @param frames how many frames (or boxes) it counts
     * @param leftOut how many frames it left out: their worst patch lowers their class too little
     */
    public record Panel(String title, String unit, int[] counts, int frames, int leftOut) {
        /** The most frames covering one pixel. */
        int maxCount() {
            int most = 0;
            for (int c : counts) {
                most = Math.max(most, c);
            }
            return most;
        }

        /** The largest share of the counted frames covering one pixel (0 when it counts none). */
        public double maxShare() {
            return frames == 0 ? 0 : maxCount() / (double) frames;
        }

        /** The title with its counts: "MISTAKES: 12 OF 50 FRAMES; 38 WITHOUT FOCUS LEFT OUT". */
        String heading() {
            boolean boxes = unit.equals("BOXES");
            int all = frames + leftOut;
            String noun = all != 1 ? unit : boxes ? "BOX" : "FRAME";
            return leftOut == 0 ? String.format(Locale.ROOT, "%s: %d %s", title, frames, noun)
                    : String.format(Locale.ROOT, "%s: %d OF %d %s; %d WITHOUT FOCUS LEFT OUT", title, frames, all, noun,
                    leftOut);
        }
    }

    /**
     * What lies under the colour.
     *
     * @param mean the mean image on the canvas, one RGB per pixel; null when none was read
     * @param images how many images the mean is of
     * @param mapped how many images and frames the atlas counts in all
     */
    public record Sketch(int[] mean, int images, int mapped) {}

    private AtlasRenderer() {}

    /**
     * The panels side by side, two to a row, each {@code w} x {@code h} with its title above, on
     * {@code under}, then the colour bar and what the atlas counts ({@code threshold}: the focus threshold).
     */
    public static BufferedImage render(List<Panel> panels, int w, int h, Sketch under, double threshold) {
        Layout at = Layout.of(panels, w, h);
        double most = 0;
        for (Panel p : panels) {
            most = Math.max(most, p.maxShare());
        }
        double top = most > 0 ? most : 1;
        int pad = Layout.PAD;
        int line = Layout.LINE;
        int width = at.cols() * at.cellW();
        List<String> footer = Annotations.wrap(footer(under, threshold), (width - 2 * pad) / (PixelFont.ADVANCE * SCALE));
        int barH = 4 * SCALE;
        int footerH = pad + barH + SCALE + line + footer.size() * line + pad;
        BufferedImage out = new BufferedImage(width, at.rows() * at.cellH() + footerH, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, out.getWidth(), out.getHeight(), 0x101010);
        int[] ground = ground(under.mean(), w * h);
        for (int k = 0; k < panels.size(); k++) {
            Panel p = panels.get(k);
            Rectangle canvas = at.canvas(k);
            List<String> heading = at.headings().get(k);
            for (int i = 0; i < heading.size(); i++) {
                PixelFont.draw(out, heading.get(i), canvas.x, canvas.y - (at.headingLines() - i) * line, SCALE, TEXT);
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int c = p.counts()[y * w + x];
                    int g = ground[y * w + x];
                    out.setRGB(canvas.x + x, canvas.y + y, c == 0 ? g
                            : Rgb.blend(g, colour(c / (double) p.frames(), top), OPACITY));
                }
            }
            if (p.frames() == 0) {
                empty(out, p, canvas, threshold);
            }
        }
        int barY = at.rows() * at.cellH() + pad;
        bar(out, pad, barY, width - 2 * pad, barH, top);
        for (int i = 0; i < footer.size(); i++) {
            PixelFont.draw(out, footer.get(i), pad, barY + barH + SCALE + line + i * line, SCALE, TEXT);
        }
        return out;
    }

    /**
     * Where things lie on the atlas: panels two to a row, each a cell with its wrapped heading
     * above its canvas.
     */
    public record Layout(int cols, int rows, int cellW, int cellH, int headingLines, List<List<String>> headings) {
        static final int PAD = 3 * SCALE;
        static final int LINE = PixelFont.height(SCALE) + 2 * SCALE;

        /** The layout of these panels on canvases of {@code w} x {@code h}. */
        public static Layout of(List<Panel> panels, int w, int h) {
            int columns = (w - 2 * PAD) / (PixelFont.ADVANCE * SCALE);
            List<List<String>> headings = new ArrayList<>();
            int lines = 1;
            for (Panel p : panels) {
                List<String> t = Annotations.wrap(List.of(p.heading()), columns);
                headings.add(t);
                lines = Math.max(lines, t.size());
            }
            int cols = Math.min(2, Math.max(1, panels.size()));
            return new Layout(cols, Math.max(1, (panels.size() + cols - 1) / cols), w + 2 * PAD,
                    lines * LINE + h + 2 * PAD, lines, headings);
        }

        /** Where panel {@code k}'s canvas lies in the picture. */
        public Rectangle canvas(int k) {
            return new Rectangle((k % cols) * cellW + PAD, (k / cols) * cellH + PAD + headingLines * LINE,
                    cellW - 2 * PAD, cellH - 2 * PAD - headingLines * LINE);
        }
    }

    /** The colour of a share on the one scale from 0 to {@code top}. */
    static int colour(double share, double top) {
        return Colormap.INFERNO.color(0.15 + 0.85 * Math.min(1, share / top));
    }

    /** The grey, dimmed mean image under the colour; the dark canvas when there is none. */
    private static int[] ground(int[] mean, int n) {
        int[] g = new int[n];
        for (int i = 0; i < n; i++) {
            if (mean == null) {
                g[i] = BACKGROUND;
            } else {
                int rgb = mean[i];
                // in steps of 4: the mean is blurred anyway, and its PNG a third of the size
                int grey = 4 * (int) Math.round(SKETCH / 4 * (0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff)
                        + 0.114 * (rgb & 0xff)));
                g[i] = grey << 16 | grey << 8 | grey;
            }
        }
        return g;
    }

    /** A panel that counts no frame says so across its middle, on a dark band. */
    private static void empty(BufferedImage out, Panel p, Rectangle canvas, double threshold) {
        int x0 = canvas.x;
        int top = canvas.y;
        int w = canvas.width;
        int h = canvas.height;
        String why = String.format(Locale.ROOT, p.unit().equals("BOXES") ? "NO BOX"
                : "NONE OF THESE %d FRAMES HAS A WORST PATCH THAT LOWERS ITS CLASS BY %s OR MORE: NOTHING TO COUNT",
                p.leftOut(), threshold(threshold));
        int line = PixelFont.height(SCALE) + 2 * SCALE;
        List<String> lines = Annotations.wrap(List.of(why), (w - 4 * SCALE) / (PixelFont.ADVANCE * SCALE));
        int bandH = lines.size() * line + 2 * SCALE;
        int y = top + Math.max(0, (h - bandH) / 2);
        PixelFont.fill(out, x0, y, w, bandH, 0x000000);
        for (int i = 0; i < lines.size(); i++) {
            PixelFont.draw(out, lines.get(i), x0 + 2 * SCALE, y + 2 * SCALE + i * line, SCALE, TEXT);
        }
    }

    /** The one scale: a horizontal bar from no share (left) to {@code top}, its round numbers below. */
    private static void bar(BufferedImage out, int x, int y, int w, int barH, double top) {
        for (int i = 0; i < w; i++) {
            int c = Rgb.blend(BACKGROUND, colour(top * i / Math.max(1, w - 1), top), OPACITY);
            PixelFont.fill(out, x + i, y, 1, barH, c);
        }
        for (BarLabels.Tick t : BarLabels.niceTicks(0, top, 6)) {
            int tx = x + (int) Math.round(t.value() / top * (w - 1));
            PixelFont.fill(out, tx, y + barH, Math.max(1, SCALE / 2), SCALE, TEXT);
            int lx = Math.max(x, Math.min(x + w - PixelFont.width(t.label(), SCALE), tx - PixelFont.width(t.label(), SCALE) / 2));
            PixelFont.draw(out, t.label(), lx, y + barH + 2 * SCALE, SCALE, TEXT);
        }
    }

    /** The focus threshold as it was given: 0.05, not 0.0500. */
    private static String threshold(double t) {
        return BigDecimal.valueOf(t).stripTrailingZeros().toPlainString();
    }

    /** What the bar and the panels show, said below them. */
    private static List<String> footer(Sketch under, double threshold) {
        List<String> lines = new ArrayList<>();
        lines.add("COLOUR (ONE SCALE FOR EVERY PANEL): SHARE OF A PANEL'S COUNTED FRAMES WHOSE WORST PATCH COVERS A "
                + "PIXEL (LABELLED BOXES: SHARE OF THE BOXES)");
        lines.add(String.format(Locale.ROOT, "COUNTED: A WORST PATCH THAT LOWERS ITS CLASS BY %s OR MORE (THE TRIAGE'S "
                + "FOCUS THRESHOLD); THE OTHERS ARE LEFT OUT", threshold(threshold)));
        if (under.images() == 0) {
            lines.add("UNDER THE COLOUR: NOTHING (NO STILL IMAGE COULD BE READ AGAIN; A VIDEO'S FRAMES ARE NOT)");
        } else if (under.images() == under.mapped()) {
            lines.add(String.format(Locale.ROOT, "UNDER THE COLOUR: THE MEAN OF THE %d IMAGES, IN GREY", under.images()));
        } else {
            lines.add(String.format(Locale.ROOT, "UNDER THE COLOUR: THE MEAN OF %d OF THE %d IMAGES AND FRAMES, IN GREY "
                    + "(A VIDEO'S FRAMES ARE NOT READ AGAIN)", under.images(), under.mapped()));
        }
        return lines;
    }
}
