package dev.occlude.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The atlas: where the worst patches of a run's images lie, one frame-sized panel per group (each
 * predicted class, the mistakes, the labelled boxes). A pixel's colour is the share of the group's
 * frames whose worst patch (or box) covers it, on the colour map from none (the dark canvas) to the
 * panel's largest share; each panel's title says how many frames it counts and its caption that
 * largest share.
 */
public final class AtlasRenderer {
    private static final int SCALE = 2;
    private static final int BACKGROUND = 0x202020;
    private static final int TEXT = 0xf0f0f0;

    /**
     * One panel.
     *
     * @param title what it counts ("PREDICTED RED")
     * @param unit what its frames are called in the title ("FRAMES", "BOXES")
     * @param counts per canvas pixel, how many of its frames' patches cover it
     * @param frames how many frames (or boxes) it counts
     */
    public record Panel(String title, String unit, int[] counts, int frames) {
        /** The most frames covering one pixel. */
        int maxCount() {
            int most = 0;
            for (int c : counts) {
                most = Math.max(most, c);
            }
            return most;
        }

        /** The largest share of the frames covering one pixel. */
        public double maxShare() {
            return frames == 0 ? 0 : maxCount() / (double) frames;
        }
    }

    private AtlasRenderer() {}

    /** The panels side by side, two to a row, each {@code w} x {@code h} with its title above and caption below. */
    public static BufferedImage render(List<Panel> panels, int w, int h) {
        int pad = 3 * SCALE;
        int line = PixelFont.height(SCALE) + 2 * SCALE;
        int columns = (w - 2 * pad) / (PixelFont.ADVANCE * SCALE);
        List<List<String>> captions = new ArrayList<>();
        int captionLines = 1;
        for (Panel p : panels) {
            List<String> c = Annotations.wrap(List.of(String.format(Locale.ROOT, p.unit().equals("BOXES")
                    ? "COLOUR: SHARE OF THE BOXES COVERING A PIXEL, FROM NONE (DARK) TO THE MOST, %.2f"
                    : "COLOUR: SHARE OF THESE FRAMES WHOSE WORST PATCH COVERS A PIXEL, FROM NONE (DARK) TO THE MOST, %.2f",
                    p.maxShare())), columns);
            captions.add(c);
            captionLines = Math.max(captionLines, c.size());
        }
        int cellW = w + 2 * pad;
        int cellH = line + h + captionLines * line + 2 * pad;
        int cols = Math.min(2, Math.max(1, panels.size()));
        int rows = Math.max(1, (panels.size() + cols - 1) / cols);
        BufferedImage out = new BufferedImage(cols * cellW, rows * cellH, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, out.getWidth(), out.getHeight(), 0x101010);
        for (int k = 0; k < panels.size(); k++) {
            Panel p = panels.get(k);
            int x0 = (k % cols) * cellW + pad;
            int y0 = (k / cols) * cellH + pad;
            String unit = p.frames() != 1 ? p.unit() : p.unit().equals("BOXES") ? "BOX" : "FRAME";
            PixelFont.draw(out, String.format(Locale.ROOT, "%s: %d %s", p.title(), p.frames(), unit), x0, y0, SCALE, TEXT);
            int top = y0 + line;
            int most = p.maxCount();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int c = p.counts()[y * w + x];
                    out.setRGB(x0 + x, top + y, c == 0 || most == 0 ? BACKGROUND
                            : Colormap.INFERNO.color(0.15 + 0.85 * c / (double) most));
                }
            }
            List<String> caption = captions.get(k);
            for (int i = 0; i < caption.size(); i++) {
                PixelFont.draw(out, caption.get(i), x0, top + h + SCALE + i * line, SCALE, TEXT);
            }
        }
        return out;
    }
}
