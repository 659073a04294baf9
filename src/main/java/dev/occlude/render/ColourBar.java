package dev.occlude.render;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleToIntFunction;

/**
 * An overlay's colour bar beside the picture: the scale's colours top (high) to bottom, round
 * ticks with their numbers, lines across it where no change lies and where the worst patch and
 * the patch that raises the class most lie, and, for a marked value beyond the coloured range, an
 * arrow past the bar's end with the value beside it. Laid out first (its width decides the
 * picture's), drawn once the picture is.
 */
final class ColourBar {
    private static final int TEXT = 0xf0f0f0;
    /** The line of no change (the clean probability, or no drop). */
    private static final int MARKER = 0xffffff;

    /** A marked value beyond the bar's coloured range: its colour and its number. */
    private record Beyond(int rgb, String label) {}

    /** A value marked on the bar with a line of its colour (NaN: none). */
    record Marked(double value, int rgb) {}

    private final double[] range;
    private final int scale;
    private final int pad;
    private final int slot;
    private final int top;
    private final int bottom;
    private final int height;
    private final int labelWidth;
    private final List<Beyond> above = new ArrayList<>();
    private final List<Beyond> below = new ArrayList<>();
    private final List<BarLabels.Tick> ticks;

    /**
     * A bar of {@code range} beside a picture {@code height} pixels high, at {@code scale} pixels
     * per font pixel; {@code beyond} are the marked values (with their colours) that get an arrow
     * when they lie outside the range and move the class visibly from {@code ref}.
     */
    ColourBar(double[] range, double ref, List<Marked> beyond, int height, int scale) {
        this.range = range;
        this.scale = scale;
        this.height = height;
        this.pad = 3 * scale;
        for (Marked m : beyond) {
            if (Double.isNaN(m.value()) || !OverlayRenderer.visible(m.value() - ref)) {
                continue;
            }
            if (m.value() < range[0]) {
                below.add(new Beyond(m.rgb(), BarLabels.number(m.value(), 3)));
            } else if (m.value() > range[1]) {
                above.add(new Beyond(m.rgb(), BarLabels.number(m.value(), 3)));
            }
        }
        this.slot = PixelFont.height(scale) + 3 * scale;
        this.top = pad + above.size() * slot;
        this.bottom = Math.max(top + 1, height - pad - below.size() * slot);
        int most = Math.max(2, Math.min(6, (bottom - top) / (PixelFont.height(scale) * 2) + 1));
        this.ticks = BarLabels.niceTicks(range[0], range[1], most);
        int widest = 0;
        for (BarLabels.Tick t : ticks) {
            widest = Math.max(widest, PixelFont.width(t.label(), scale));
        }
        for (Beyond b : above) {
            widest = Math.max(widest, PixelFont.width(b.label(), scale));
        }
        for (Beyond b : below) {
            widest = Math.max(widest, PixelFont.width(b.label(), scale));
        }
        this.labelWidth = widest;
    }

    private int barWidth() {
        return 6 * scale;
    }

    /** The width the bar, its ticks and its numbers take beside the picture. */
    int width() {
        return pad + barWidth() + pad + labelWidth + pad;
    }

    /** Whether a marked value lies past the bar's ends (the caption then says what the arrow means). */
    boolean hasArrows() {
        return !above.isEmpty() || !below.isEmpty();
    }

    /** Whether the mark of colour {@code rgb} is drawn as an arrow past an end rather than a line on the bar. */
    boolean arrowFor(int rgb) {
        return above.stream().anyMatch(b -> b.rgb() == rgb) || below.stream().anyMatch(b -> b.rgb() == rgb);
    }

    /**
     * Draws the bar at {@code x} (the picture's right edge): each row in {@code colour} of its
     * value, a white line at {@code ref}, a line for each of {@code lines} on the bar, the arrows,
     * the ticks.
     */
    void draw(BufferedImage out, int x, DoubleToIntFunction colour, double ref, List<Marked> lines) {
        int barX = x + pad;
        for (int y = top; y <= bottom; y++) {
            PixelFont.fill(out, barX, y, barWidth(), 1, colour.applyAsInt(value(y)));
        }
        line(out, ref, barX, MARKER);
        for (Marked m : lines) {
            line(out, m.value(), barX, m.rgb());
        }
        int labelX = barX + barWidth() + pad;
        for (int i = 0; i < above.size(); i++) {
            arrow(out, above.get(i), barX, labelX, top - (i + 1) * slot, true);
        }
        for (int i = 0; i < below.size(); i++) {
            arrow(out, below.get(i), barX, labelX, bottom + i * slot + scale, false);
        }
        for (BarLabels.Tick t : ticks) {
            int y = y(t.value());
            // the tick on the bar's far side from its number: never read as a minus sign
            PixelFont.fill(out, barX - pad + scale, y, pad - scale, Math.max(1, scale / 2), TEXT);
            // clear of the arrows' values past the bar's ends
            int ty = Math.max(above.isEmpty() ? 0 : top, Math.min((below.isEmpty() ? height : bottom + scale)
                    - PixelFont.height(scale), y - PixelFont.height(scale) / 2));
            PixelFont.draw(out, t.label(), labelX, ty, scale, TEXT);
        }
    }

    /** The value a row of the bar shows: the high end of the scale at the top. */
    private double value(int y) {
        return range[1] - (range[1] - range[0]) * (y - top) / Math.max(1, bottom - top);
    }

    private int y(double v) {
        return (int) Math.round(top + (range[1] - v) / (range[1] - range[0]) * (bottom - top));
    }

    /** A line across the bar at {@code v}, when v is on it. */
    private void line(BufferedImage out, double v, int barX, int rgb) {
        if (!Double.isNaN(v) && v >= range[0] && v <= range[1]) {
            PixelFont.fill(out, barX - scale, y(v) - scale / 2, barWidth() + 2 * scale, Math.max(1, scale), rgb);
        }
    }

    /** A triangle past the bar's end pointing away from it, and the value beside it, in the mark's colour. */
    private void arrow(BufferedImage out, Beyond b, int barX, int labelX, int at, boolean up) {
        int h = Math.max(3, slot - 2 * scale);
        for (int r = 0; r < h; r++) {
            // the wide end next to the bar, the point away from it
            int row = up ? at + slot - scale - 1 - r : at + r;
            int half = (int) Math.round((barWidth() / 2.0 + scale) * (h - r) / h);
            PixelFont.fill(out, barX + barWidth() / 2 - half, row, 2 * half, 1, b.rgb());
        }
        PixelFont.draw(out, b.label(), labelX, at + (slot - PixelFont.height(scale)) / 2, scale, b.rgb());
    }
}
