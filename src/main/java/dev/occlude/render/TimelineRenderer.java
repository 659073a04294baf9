package dev.occlude.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleToIntFunction;
import java.util.function.ToIntFunction;

/**
 * A video's timeline. Every class's probability on the clean frame, one line each in the class's
 * colour, so that a switch from red to green shows as two lines crossing; the mapped class's
 * probability with the frame's worst patch hidden as a dashed white line, the gap down to it
 * shaded (a fragile decision is a wide gap); below, a band coloured by the predicted class of each
 * sampled frame. Lines and band break where frames were not sampled (a gap over 2.5 sampling
 * intervals), and the worst line breaks where the mapped class changes. A key names every line,
 * colour and shade; the axes have titles. {@link TimelineWorst} draws the worst patch's marks,
 * {@link TimelineKey} the key and the mistakes' letters.
 */
public final class TimelineRenderer {
    private static final int WIDTH = 1200;
    private static final int PLOT_HEIGHT = 240;
    private static final int BAND_HEIGHT = 24;
    private static final int MARGIN_LEFT = 48;
    private static final int MARGIN_RIGHT = 16;
    /** Pixels no text comes nearer to the picture's left and right sides. */
    static final int EDGE = 4;
    static final int SCALE = 2;
    static final int LINE = PixelFont.height(SCALE) + 8;
    /** Where the plot's top (probability 1) is. */
    static final int TOP = 8 + 4 * LINE;
    static final int TEXT = 0xf0f0f0;
    static final int DIM = 0xb0b0b0;
    static final int BACKGROUND = 0x202020;
    static final double CUT = 2.5;

    private TimelineRenderer() {}

    /**
     * One sampled frame on the timeline.
     *
     * @param time seconds from the video's start
     * @param probabilities every class's probability on the clean frame
     * @param worst the mapped class's probability with the worst patch hidden
     * @param predicted the class predicted on the clean frame (index into the classes)
     * @param target the mapped class (index into the classes)
     * @param mistake for a labelled frame the model gets wrong, the kind of mistake ("false-light", or
     *     "mistake" when it has none); null otherwise
     */
    public record Point(double time, double[] probabilities, double worst, int predicted, int target, String mistake) {
        /** A frame that is not a known mistake. */
        public Point(double time, double[] probabilities, double worst, int predicted, int target) {
            this(time, probabilities, worst, predicted, target, null);
        }
    }

    /**
     * @param title the first line (the video's file name, as it is spelled)
     * @param points the sampled frames, in time order
     * @param classes the model's classes, for the lines' and the band's colours and key
     * @param end the time the axis runs to (the video's length or the last frame's time)
     */
    public static BufferedImage render(String title, List<Point> points, List<String> classes, double end) {
        int plotBottom = TOP + PLOT_HEIGHT;
        int bandTop = plotBottom + 8 + 2 * LINE;
        boolean mistakes = points.stream().anyMatch(p -> p.mistake() != null);
        int height = bandTop + BAND_HEIGHT + 12 + LINE + (mistakes ? 2 * LINE : 0);
        BufferedImage out = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, WIDTH, height, BACKGROUND);
        int plotWidth = WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
        double start = points.isEmpty() ? 0 : Math.min(0, points.get(0).time());
        double last = points.isEmpty() ? 1 : points.get(points.size() - 1).time() - start;
        double span = Math.max(end - start, last) > 0 ? Math.max(end - start, last) : 1;
        DoubleToIntFunction x = t -> MARGIN_LEFT + (int) Math.round((t - start) / span * plotWidth);
        DoubleToIntFunction y = p -> plotBottom - (int) Math.round(p * PLOT_HEIGHT);
        double interval = interval(points);

        PixelFont.draw(out, title, 8, 8, SCALE, TEXT);
        TimelineKey.above(out, classes);
        PixelFont.draw(out, "PROBABILITY", 8, 8 + 3 * LINE, SCALE, DIM);

        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x505050));
        for (double p : new double[] {0, 0.5, 1}) {
            g.drawLine(MARGIN_LEFT, y.applyAsInt(p), WIDTH - MARGIN_RIGHT, y.applyAsInt(p));
        }
        double tick = tick(span);
        for (double t = Math.ceil(start / tick) * tick; t <= start + span + 1e-9; t += tick) {
            int tx = x.applyAsInt(t);
            g.drawLine(tx, TOP, tx, plotBottom);
            String label = clock(t, tick);
            // centred under its tick, but kept off the picture's sides: the last tick sits 16 px from the edge
            PixelFont.draw(out, label, Math.max(EDGE, Math.min(WIDTH - EDGE - PixelFont.width(label, SCALE),
                    tx - PixelFont.width(label, SCALE) / 2)), plotBottom + 8, SCALE, DIM);
        }
        String axis = span + start < 60 ? "TIME (S)" : span + start < 3600 ? "TIME (M:SS)" : "TIME (H:MM:SS)";
        PixelFont.draw(out, axis, WIDTH - MARGIN_RIGHT - PixelFont.width(axis, SCALE), plotBottom + 8 + LINE, SCALE, DIM);

        // the mapped class's worst: shaded down from its clean probability, in runs of one class without a cut
        TimelineWorst.draw(g, points, interval, x, y);
        g.setStroke(new BasicStroke(2f));
        for (List<Point> run : runs(points, interval, false)) {
            for (int c = 0; c < classes.size(); c++) {
                int k = c;
                g.setColor(new Color(FlipRenderer.colour(c)));
                g.draw(path(run, x, p -> y.applyAsInt(p.probabilities()[k])));
                for (Point p : run) {
                    g.fillOval(x.applyAsInt(p.time()) - 2, y.applyAsInt(p.probabilities()[k]) - 2, 5, 5);
                }
            }
        }
        g.dispose();
        for (String label : new String[] {"1", "0.5", "0"}) {
            PixelFont.draw(out, label, MARGIN_LEFT - 6 - PixelFont.width(label, SCALE),
                    y.applyAsInt(Double.parseDouble(label)) - PixelFont.height(SCALE) / 2, SCALE, DIM);
        }

        // the predicted class per frame, until the next frame (one interval where a cut follows)
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            boolean cut = i + 1 >= points.size() || points.get(i + 1).time() - p.time() > CUT * interval;
            double next = cut ? Math.min(start + span, p.time() + interval) : points.get(i + 1).time();
            int x0 = x.applyAsInt(p.time());
            int x1 = Math.max(x0 + 1, x.applyAsInt(next));
            PixelFont.fill(out, x0, bandTop, Math.min(x1, WIDTH - MARGIN_RIGHT) - x0, BAND_HEIGHT,
                    FlipRenderer.colour(p.predicted()));
        }
        // each mistaken frame's kind as a letter under the band, and what the band and the letters mean
        TimelineKey.below(out, points, mistakes, x, bandTop + BAND_HEIGHT, MARGIN_LEFT);
        return out;
    }

    static Path2D path(List<Point> run, DoubleToIntFunction x, ToIntFunction<Point> y) {
        Path2D path = new Path2D.Double();
        for (int i = 0; i < run.size(); i++) {
            Point p = run.get(i);
            if (i == 0) {
                path.moveTo(x.applyAsInt(p.time()), y.applyAsInt(p));
            } else {
                path.lineTo(x.applyAsInt(p.time()), y.applyAsInt(p));
            }
        }
        return path;
    }

    /** The sampling interval: the median gap between frames (1 s for a single frame). */
    public static double interval(List<Point> points) {
        if (points.size() < 2) {
            return 1;
        }
        double[] gaps = new double[points.size() - 1];
        for (int i = 1; i < points.size(); i++) {
            gaps[i - 1] = points.get(i).time() - points.get(i - 1).time();
        }
        Arrays.sort(gaps);
        return Math.max(1e-6, gaps[gaps.length / 2]);
    }

    /** The points in runs without a cut (and, with {@code byTarget}, of one mapped class). */
    static List<List<Point>> runs(List<Point> points, double interval, boolean byTarget) {
        List<List<Point>> runs = new ArrayList<>();
        List<Point> run = new ArrayList<>();
        for (Point p : points) {
            Point before = run.isEmpty() ? null : run.get(run.size() - 1);
            if (before != null && (p.time() - before.time() > CUT * interval || byTarget && p.target() != before.target())) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(p);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
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

    /** A tick's label, in the unit the axis title names: seconds below a minute ("12", "0.5"), else m:ss or h:mm:ss. */
    static String clock(double t, double tick) {
        long s = Math.round(t);
        if (tick < 60 && t < 60) {
            return tick < 1 ? String.format(Locale.ROOT, "%.1f", t) : String.valueOf(s);
        }
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
