package dev.occlude.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline's lines and band are where the probabilities and predictions put them. */
class TimelineRendererTest {
    private static final List<String> CLASSES = List.of("none", "red", "green");

    // the layout's constants: plot from x 48 to 1184, probability 1 at y 52 and 0 at y 292, the band from y 320
    private static int x(double t, double end) {
        return 48 + (int) Math.round(t / end * 1136);
    }

    private static int y(double p) {
        return 292 - (int) Math.round(p * 240);
    }

    @Test
    void linesAndBandFollowTheFrames() {
        List<TimelineRenderer.Point> points = List.of(
                new TimelineRenderer.Point(0, 1.0, 0.25, 1, "red"),
                new TimelineRenderer.Point(1, 0.9, 0.5, 2, "green"),
                new TimelineRenderer.Point(2, 0.8, 0.7, 1, "red"));
        BufferedImage t = TimelineRenderer.render("drive.mp4", points, CLASSES, 3);
        assertEquals(1200, t.getWidth());
        // the band: each frame's predicted class until the next frame; the last one for one interval
        assertEquals(FlipRenderer.colour(1), t.getRGB(x(0.5, 3), 330) & 0xffffff);
        assertEquals(FlipRenderer.colour(2), t.getRGB(x(1.5, 3), 330) & 0xffffff);
        assertEquals(FlipRenderer.colour(1), t.getRGB(x(2.5, 3), 330) & 0xffffff);
        // the dots: clean (white) and worst (orange) at each frame's probabilities
        for (TimelineRenderer.Point p : points) {
            int clean = t.getRGB(x(p.time(), 3), y(p.clean()));
            int worst = t.getRGB(x(p.time(), 3), y(p.worst()));
            assertTrue((clean >> 16 & 255) > 200 && (clean >> 8 & 255) > 200 && (clean & 255) > 200,
                    "white at clean p " + p.clean() + ": " + Integer.toHexString(clean));
            assertTrue((worst >> 16 & 255) > 200 && (worst >> 8 & 255) > 100 && (worst & 255) < 80,
                    "orange at worst p " + p.worst() + ": " + Integer.toHexString(worst));
        }
        // between clean and worst the gap is shaded; above the clean line it is not
        int inGap = t.getRGB(x(0.5, 3), y(0.6)) & 0xffffff;
        int above = t.getRGB(x(0.5, 3), y(0.99)) & 0xffffff;
        assertTrue((inGap >> 16 & 255) > (above >> 16 & 255) + 20, Integer.toHexString(inGap) + " vs " + Integer.toHexString(above));
    }

    @Test
    void ticksReadAsClockTimes() {
        assertEquals(0.5, TimelineRenderer.tick(3));
        assertEquals(300, TimelineRenderer.tick(3600));
        assertEquals("12S", TimelineRenderer.clock(12, 1));
        assertEquals("1:30", TimelineRenderer.clock(90, 30));
        assertEquals("1:00:00", TimelineRenderer.clock(3600, 300));
    }
}
