package dev.occlude.render;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleToIntFunction;

/**
 * What the timeline's marks mean: the key above the plot (each class's line, the worst patch's
 * dashed line, the shade), the mistaken frames' letters under the band, and the lines under it
 * that name the band and the letters.
 */
final class TimelineKey {
    private static final int SCALE = TimelineRenderer.SCALE;
    private static final int LINE = TimelineRenderer.LINE;
    /** The mark of a mistaken frame. */
    private static final int MISTAKE = 0xc00000;

    private TimelineKey() {}

    /** The letter that marks a kind of mistake under the band. */
    static String letter(String kind) {
        return switch (kind) {
            case "other-light" -> "O";
            case "no-focus" -> "N";
            case "false-light" -> "F";
            case "missed-light" -> "M";
            case "unexplained" -> "U";
            default -> "X";
        };
    }

    /** The key above the plot: each class's line, the worst patch's dashed line, the shade. */
    static void above(BufferedImage out, List<String> classes) {
        int kx = 8;
        int ky = 8 + LINE;
        for (int c = 0; c < classes.size(); c++) {
            PixelFont.fill(out, kx, ky + PixelFont.height(SCALE) / 2 - 1, 20, 3, FlipRenderer.colour(c));
            kx += 26;
            String name = "P(" + classes.get(c).toUpperCase(Locale.ROOT) + ")";
            PixelFont.draw(out, name, kx, ky, SCALE, TimelineRenderer.TEXT);
            kx += PixelFont.width(name, SCALE) + 18;
        }
        PixelFont.draw(out, "ON THE CLEAN FRAME", kx, ky, SCALE, TimelineRenderer.TEXT);
        kx = 8;
        ky += LINE;
        for (int d = 0; d < 20; d += 10) {
            PixelFont.fill(out, kx + d, ky + PixelFont.height(SCALE) / 2 - 1, 6, 2, TimelineRenderer.TEXT);
        }
        String worst = "MAPPED CLASS WITH THE WORST PATCH HIDDEN;";
        PixelFont.draw(out, worst, kx + 26, ky, SCALE, TimelineRenderer.TEXT);
        kx += 26 + PixelFont.width(worst, SCALE) + 18;
        PixelFont.fill(out, kx, ky, 20, PixelFont.height(SCALE), Rgb.blend(TimelineRenderer.BACKGROUND, 0xffffff,
                TimelineWorst.SHADE.getAlpha() / 255.0));
        PixelFont.draw(out, "SHADED: WHAT HIDING IT TAKES AWAY", kx + 26, ky, SCALE, TimelineRenderer.TEXT);
    }

    /**
     * Under the band from {@code below}: each mistaken frame's kind as a letter at its time (when
     * {@code mistakes}), then the lines that name the band and the letters.
     */
    static void below(BufferedImage out, List<TimelineRenderer.Point> points, boolean mistakes, DoubleToIntFunction x,
                      int below, int left) {
        if (mistakes) {
            for (TimelineRenderer.Point p : points) {
                if (p.mistake() != null) {
                    String l = letter(p.mistake());
                    int lx = x.applyAsInt(p.time()) - PixelFont.width(l, SCALE) / 2;
                    PixelFont.fill(out, lx - SCALE, below + 3, PixelFont.width(l, SCALE) + 2 * SCALE,
                            PixelFont.height(SCALE) + 2 * SCALE, MISTAKE);
                    PixelFont.draw(out, l, lx, below + 3 + SCALE, SCALE, 0xffffff);
                }
            }
        }
        int legend = below + 8 + (mistakes ? LINE : 0);
        PixelFont.draw(out, "BAND: THE PREDICTED CLASS OF EACH SAMPLED FRAME; A GAP WHERE NO FRAME WAS SAMPLED",
                left, legend, SCALE, TimelineRenderer.DIM);
        if (mistakes) {
            PixelFont.draw(out, "MISTAKES UNDER THE BAND: O OTHER-LIGHT  N NO-FOCUS  F FALSE-LIGHT  M MISSED-LIGHT  "
                    + "U UNEXPLAINED  X NOT TRIAGED", left, legend + LINE, SCALE, TimelineRenderer.DIM);
        }
    }
}
