package dev.occlude.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.DoubleToIntFunction;

/** A video's timeline drawn for a report's card: no text, lines and band only (the card names the colours). */
public final class TimelineThumbnail {
    private TimelineThumbnail() {}

    /**
     * The timeline drawn for a small card, without text: each class's probability as a line in its
     * colour over the top, the band of predicted classes below; both break where no frame was
     * sampled. {@code classes} colours are {@link FlipRenderer#colour}'s.
     */
    public static BufferedImage render(List<TimelineRenderer.Point> points, int classes, double end, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, width, height, TimelineRenderer.BACKGROUND);
        int band = Math.max(6, height / 6);
        int plotBottom = height - band - 6;
        double span = end > 0 ? end : 1;
        DoubleToIntFunction x = t -> 2 + (int) Math.round(t / span * (width - 4));
        DoubleToIntFunction y = p -> plotBottom - (int) Math.round(p * (plotBottom - 4));
        double interval = TimelineRenderer.interval(points);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x505050));
        g.drawLine(0, y.applyAsInt(0.5), width, y.applyAsInt(0.5));
        g.setStroke(new BasicStroke(2f));
        for (List<TimelineRenderer.Point> run : TimelineRenderer.runs(points, interval, false)) {
            for (int c = 0; c < classes; c++) {
                int k = c;
                g.setColor(new Color(FlipRenderer.colour(c)));
                g.draw(TimelineRenderer.path(run, x, p -> y.applyAsInt(p.probabilities()[k])));
            }
        }
        g.dispose();
        for (int i = 0; i < points.size(); i++) {
            TimelineRenderer.Point p = points.get(i);
            boolean cut = i + 1 >= points.size() || points.get(i + 1).time() - p.time() > TimelineRenderer.CUT * interval;
            int x0 = x.applyAsInt(p.time());
            int x1 = Math.max(x0 + 1, x.applyAsInt(cut ? Math.min(span, p.time() + interval) : points.get(i + 1).time()));
            PixelFont.fill(out, x0, height - band, x1 - x0, band, FlipRenderer.colour(p.predicted()));
        }
        return out;
    }
}
