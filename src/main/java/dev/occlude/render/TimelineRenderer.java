package dev.occlude.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * A video's timeline: over time, the target class's probability on the clean frame (white) and
 * with the frame's worst patch hidden (orange), the gap between them shaded, so a fragile
 * decision shows as a wide gap; below, a band coloured by the predicted class of each sampled
 * frame (until the next one), so a change of mind shows as a change of colour.
 */
public final class TimelineRenderer {
    private static final int WIDTH = 1200;
    private static final int PLOT_HEIGHT = 240;
    private static final int BAND_HEIGHT = 24;
    private static final int MARGIN_LEFT = 48;
    private static final int MARGIN_RIGHT = 16;
    private static final int SCALE = 2;
    private static final int CLEAN = 0xf0f0f0;
    private static final int WORST = 0xff8c1a;
    private static final int BACKGROUND = 0x202020;

    private TimelineRenderer() {}

    /**
     * One sampled frame on the timeline.
     *
     * @param time seconds from the video's start
     * @param clean the target's probability on the clean frame
     * @param worst the target's probability with the worst patch hidden
     * @param predicted the class predicted on the clean frame (index into the classes)
     * @param target the mapped class's name
     */
    public record Point(double time, double clean, double worst, int predicted, String target) {}

    /**
     * @param title the first line (the video's name)
     * @param points the sampled frames, in time order
     * @param classes the model's classes, for the band's colours and key
     * @param end the time the axis runs to (the video's length or the last frame's time)
     */
    public static BufferedImage render(String title, List<Point> points, List<String> classes, double end) {
        int lineHeight = PixelFont.height(SCALE) + 8;
        int top = 8 + 2 * lineHeight;
        int plotBottom = top + PLOT_HEIGHT;
        int bandTop = plotBottom + 28;
        int height = bandTop + BAND_HEIGHT + 12 + lineHeight;
        BufferedImage out = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, WIDTH, height, BACKGROUND);
        int plotWidth = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
        double start = points.isEmpty() ? 0 : Math.min(0, points.get(0).time());
        double span = Math.max(end - start, points.isEmpty() ? 1 : points.get(points.size() - 1).time() - start);
        span = span > 0 ? span : 1;
        double spanFinal = span;
        java.util.function.DoubleToIntFunction x = t -> MARGIN_LEFT + (int) Math.round((t - start) / spanFinal * plotWidth);
        java.util.function.DoubleToIntFunction y = p -> plotBottom - (int) Math.round(p * PLOT_HEIGHT);

        String target = points.stream().map(Point::target).distinct().count() == 1 ? points.get(0).target() : "MAPPED CLASS";
        PixelFont.draw(out, title.toUpperCase(Locale.ROOT), 8, 8, SCALE, CLEAN);
        PixelFont.draw(out, "P(" + target.toUpperCase(Locale.ROOT) + ") ON THE CLEAN FRAME", 8, 8 + lineHeight, SCALE, CLEAN);
        int keyX = 8 + PixelFont.width("P(" + target.toUpperCase(Locale.ROOT) + ") ON THE CLEAN FRAME", SCALE) + 24;
        PixelFont.draw(out, "WITH THE WORST PATCH HIDDEN", keyX, 8 + lineHeight, SCALE, WORST);

        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x505050));
        for (double p : new double[] {0, 0.5, 1}) {
            g.drawLine(MARGIN_LEFT, y.applyAsInt(p), WIDTH - MARGIN_RIGHT, y.applyAsInt(p));
        }
        double tick = tick(span);
        for (double t = Math.ceil(start / tick) * tick; t <= start + span + 1e-9; t += tick) {
            int tx = x.applyAsInt(t);
            g.drawLine(tx, top, tx, plotBottom);
            String label = clock(t, tick);
            PixelFont.draw(out, label, Math.max(0, Math.min(WIDTH - PixelFont.width(label, SCALE),
                    tx - PixelFont.width(label, SCALE) / 2)), plotBottom + 8, SCALE, 0xb0b0b0);
        }
        if (!points.isEmpty()) {
            // the gap between clean and worst: how much one hidden patch takes away
            Path2D gap = new Path2D.Double();
            for (int i = 0; i < points.size(); i++) {
                Point p = points.get(i);
                if (i == 0) {
                    gap.moveTo(x.applyAsInt(p.time()), y.applyAsInt(p.clean()));
                } else {
                    gap.lineTo(x.applyAsInt(p.time()), y.applyAsInt(p.clean()));
                }
            }
            for (int i = points.size() - 1; i >= 0; i--) {
                gap.lineTo(x.applyAsInt(points.get(i).time()), y.applyAsInt(points.get(i).worst()));
            }
            gap.closePath();
            g.setColor(new Color(0xff, 0x8c, 0x1a, 70));
            g.fill(gap);
            g.setStroke(new BasicStroke(2f));
            line(g, points, x, y, true, new Color(CLEAN));
            line(g, points, x, y, false, new Color(WORST));
            for (Point p : points) {
                g.setColor(new Color(CLEAN));
                g.fillOval(x.applyAsInt(p.time()) - 2, y.applyAsInt(p.clean()) - 2, 5, 5);
                g.setColor(new Color(WORST));
                g.fillOval(x.applyAsInt(p.time()) - 2, y.applyAsInt(p.worst()) - 2, 5, 5);
            }
        }
        g.dispose();
        for (String label : new String[] {"1", "0.5", "0"}) {
            double p = Double.parseDouble(label);
            PixelFont.draw(out, label, MARGIN_LEFT - 6 - PixelFont.width(label, SCALE),
                    y.applyAsInt(p) - PixelFont.height(SCALE) / 2, SCALE, 0xb0b0b0);
        }

        // the predicted class per frame, until the next frame (the last one for one frame's time)
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double next = i + 1 < points.size() ? points.get(i + 1).time()
                    : Math.min(start + span, p.time() + (i > 0 ? p.time() - points.get(i - 1).time() : span));
            int x0 = x.applyAsInt(p.time());
            int x1 = Math.max(x0 + 1, x.applyAsInt(next));
            PixelFont.fill(out, x0, bandTop, Math.min(x1, WIDTH - MARGIN_RIGHT) - x0, BAND_HEIGHT,
                    FlipRenderer.colour(p.predicted()));
        }
        int kx = MARGIN_LEFT;
        int ky = bandTop + BAND_HEIGHT + 8;
        PixelFont.draw(out, "PREDICTED:", kx, ky, SCALE, CLEAN);
        kx += PixelFont.width("PREDICTED:", SCALE) + 12;
        for (int c = 0; c < classes.size(); c++) {
            PixelFont.fill(out, kx, ky, PixelFont.height(SCALE), PixelFont.height(SCALE), FlipRenderer.colour(c));
            kx += PixelFont.height(SCALE) + 6;
            String name = classes.get(c).toUpperCase(Locale.ROOT);
            PixelFont.draw(out, name, kx, ky, SCALE, CLEAN);
            kx += PixelFont.width(name, SCALE) + 18;
        }
        return out;
    }

    private static void line(Graphics2D g, List<Point> points, java.util.function.DoubleToIntFunction x,
                             java.util.function.DoubleToIntFunction y, boolean clean, Color colour) {
        Path2D path = new Path2D.Double();
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            int py = y.applyAsInt(clean ? p.clean() : p.worst());
            if (i == 0) {
                path.moveTo(x.applyAsInt(p.time()), py);
            } else {
                path.lineTo(x.applyAsInt(p.time()), py);
            }
        }
        g.setColor(colour);
        g.draw(path);
    }

    /** A tick interval giving about 4 to 12 labels: 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, ... */
    static double tick(double span) {
        double[] steps = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200};
        for (double s : steps) {
            if (span / s <= 12) {
                return s;
            }
        }
        return Math.ceil(span / 12 / 3600) * 3600;
    }

    /** A tick's label: seconds below a minute ("12S", "0.5S"), else minutes:seconds or hours:minutes:seconds. */
    static String clock(double t, double tick) {
        long s = Math.round(t);
        if (tick < 60 && t < 60) {
            return (tick < 1 ? String.format(Locale.ROOT, "%.1f", t) : String.valueOf(s)) + "S";
        }
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
