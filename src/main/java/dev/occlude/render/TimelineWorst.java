package dev.occlude.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Path2D;
import java.util.List;
import java.util.function.DoubleToIntFunction;

/**
 * The timeline's worst-patch marks: in each run of frames of one mapped class without a cut, the
 * mapped class's probability with the worst patch hidden as a dashed white line, the gap down to it
 * from the clean probability shaded; a lone frame (its neighbours map another class, or none was
 * sampled beside it) a shaded bar and a short dash, so every frame shows how far its worst patch
 * moves it.
 */
final class TimelineWorst {
    /** The shade of the gap: white at about a quarter over the background. */
    static final Color SHADE = new Color(0xff, 0xff, 0xff, 60);
    /** Half the width of a lone frame's gap and dash (px). */
    private static final int LONE = 8;

    private TimelineWorst() {}

    /** Draws every frame's gap and worst line on {@code g}, with the plot's axes {@code x} and {@code y}. */
    static void draw(Graphics2D g, List<TimelineRenderer.Point> points, double interval, DoubleToIntFunction x,
                     DoubleToIntFunction y) {
        for (List<TimelineRenderer.Point> run : TimelineRenderer.runs(points, interval, true)) {
            if (run.size() == 1) {
                lone(g, run.get(0), x.applyAsInt(run.get(0).time()), y);
                continue;
            }
            Path2D gap = TimelineRenderer.path(run, x, p -> y.applyAsInt(p.probabilities()[p.target()]));
            for (int i = run.size() - 1; i >= 0; i--) {
                gap.lineTo(x.applyAsInt(run.get(i).time()), y.applyAsInt(run.get(i).worst()));
            }
            gap.closePath();
            g.setColor(SHADE);
            g.fill(gap);
            g.setStroke(dashed());
            g.setColor(new Color(TimelineRenderer.TEXT));
            g.draw(TimelineRenderer.path(run, x, p -> y.applyAsInt(p.worst())));
        }
    }

    /** A lone frame: its gap a shaded bar half a marker wide each side, its worst a short dashed stroke across it. */
    private static void lone(Graphics2D g, TimelineRenderer.Point p, int px, DoubleToIntFunction y) {
        int clean = y.applyAsInt(p.probabilities()[p.target()]);
        int worst = y.applyAsInt(p.worst());
        g.setColor(SHADE);
        g.fillRect(px - LONE, Math.min(clean, worst), 2 * LONE + 1, Math.abs(worst - clean) + 1);
        g.setStroke(dashed());
        g.setColor(new Color(TimelineRenderer.TEXT));
        g.drawLine(px - LONE, worst, px + LONE, worst);
    }

    private static Stroke dashed() {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f);
    }
}
