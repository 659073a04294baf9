package dev.occlude.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timeline's lines, band and key are where the probabilities and predictions put them. */
class TimelineRendererTest {
    private static final List<String> CLASSES = List.of("none", "red", "green");
    private static final int BACKGROUND = 0x202020;

    // the layout: plot from x 48 to 1184, probability 1 at TOP and 0 at TOP + 240, the band 52 below it
    private static int x(double t, double end) {
        return 48 + (int) Math.round(t / end * 1136);
    }

    private static int y(double p) {
        return TimelineRenderer.TOP + 240 - (int) Math.round(p * 240);
    }

    private static final int BAND = TimelineRenderer.TOP + 240 + 8 + 2 * (PixelFont.height(2) + 8) + 10;

    private static TimelineRenderer.Point point(double t, double none, double red, double green, double worst, int target) {
        double[] p = {none, red, green};
        int predicted = red >= green ? (red >= none ? 1 : 0) : green >= none ? 2 : 0;
        return new TimelineRenderer.Point(t, p, worst, predicted, target);
    }

    @Test
    void everyClassHasItsLineSoASwitchShows() {
        // the prediction switches from red to green at 2 s: the red line falls and the green one rises
        List<TimelineRenderer.Point> points = List.of(point(0, 0, 1.0, 0, 0.25, 1), point(1, 0, 0.9, 0.1, 0.5, 1),
                point(2, 0, 0.1, 0.9, 0.6, 2));
        BufferedImage t = TimelineRenderer.render("drive.mp4", points, CLASSES, 3);
        assertEquals(1200, t.getWidth());
        assertEquals(FlipRenderer.colour(1), t.getRGB(x(0, 3) + 1, y(1.0)) & 0xffffff, "red at 1.0 at 0 s");
        assertEquals(FlipRenderer.colour(1), t.getRGB(x(2, 3), y(0.1)) & 0xffffff, "red at 0.1 at 2 s");
        assertEquals(FlipRenderer.colour(2), t.getRGB(x(2, 3), y(0.9)) & 0xffffff, "green at 0.9 at 2 s");
        // the band: each frame's predicted class until the next frame; the last one for one interval
        assertEquals(FlipRenderer.colour(1), t.getRGB(x(0.5, 3), BAND) & 0xffffff);
        assertEquals(FlipRenderer.colour(1), t.getRGB(x(1.5, 3), BAND) & 0xffffff);
        assertEquals(FlipRenderer.colour(2), t.getRGB(x(2.5, 3), BAND) & 0xffffff);
        // the gap under the mapped class's clean probability is shaded; above it, not
        int inGap = t.getRGB(x(0.5, 3), y(0.6)) & 0xffffff;
        int above = t.getRGB(x(0.5, 3), y(0.99)) & 0xffffff;
        assertTrue(luminance(inGap) > luminance(BACKGROUND) + 15, Integer.toHexString(inGap));
        assertTrue(luminance(inGap) > luminance(above) + 15, Integer.toHexString(inGap) + " vs " + Integer.toHexString(above));
        // the key shows each class's colour
        for (int c = 0; c < 3; c++) {
            assertTrue(has(t, FlipRenderer.colour(c), 8 + PixelFont.height(2) + 8, TimelineRenderer.TOP - 30),
                    "the key names class " + c);
        }
    }

    @Test
    void aFrameAloneInItsClassStillShowsItsWorstPatch() {
        // red, green, none: each frame's neighbours map another class, so no line joins any two
        List<TimelineRenderer.Point> points = List.of(point(0, 0, 0.9, 0.1, 0.28, 1), point(1, 0, 0.1, 0.9, 0.75, 2),
                point(2, 0.9, 0.05, 0.05, 0.01, 0));
        BufferedImage t = TimelineRenderer.render("drive.mp4", points, CLASSES, 3);
        // the white dash at the worst value, and the shade between it and the clean probability
        int dash = t.getRGB(x(1, 3) - 5, y(0.75)) & 0xffffff;
        assertTrue(luminance(dash) > 200, "the worst patch's dash at 1 s: " + Integer.toHexString(dash));
        int shade = t.getRGB(x(0, 3) + 5, y(0.6)) & 0xffffff;
        assertTrue(luminance(shade) > luminance(BACKGROUND) + 15, "the gap at 0 s is shaded: " + Integer.toHexString(shade));
        int beside = t.getRGB(x(0, 3) + 40, y(0.6)) & 0xffffff;
        assertTrue(luminance(shade) > luminance(beside) + 15, "only under the frame: " + Integer.toHexString(beside));
    }

    @Test
    void linesAndBandBreakWhereNoFrameWasSampled() {
        List<TimelineRenderer.Point> points = List.of(point(0, 0, 0.8, 0.2, 0.3, 1), point(1, 0, 0.8, 0.2, 0.3, 1),
                point(2, 0, 0.8, 0.2, 0.3, 1), point(10, 0, 0.2, 0.8, 0.1, 2), point(11, 0, 0.2, 0.8, 0.1, 2));
        BufferedImage t = TimelineRenderer.render("drive.mp4", points, CLASSES, 12);
        assertEquals(BACKGROUND, t.getRGB(x(6, 12), BAND) & 0xffffff, "no band where no frame was sampled");
        // a straight line from 2 s to 10 s would cross 0.5 at 6 s
        for (int dy = -3; dy <= 3; dy++) {
            int p = t.getRGB(x(6, 12), y(0.5) + dy) & 0xffffff;
            assertNotEquals(FlipRenderer.colour(1), p, "no red line across the gap");
            assertNotEquals(FlipRenderer.colour(2), p, "no green line across the gap");
        }
        assertEquals(2.5 * 1, 2.5 * TimelineRenderer.interval(points));
        assertEquals(2, TimelineRenderer.runs(points, 1, false).size());
    }

    @Test
    void mistakenFramesAreMarkedByKindUnderTheBand() {
        double[] red = {0, 0.9, 0.1};
        List<TimelineRenderer.Point> points = List.of(new TimelineRenderer.Point(0, red, 0.3, 1, 1, null),
                new TimelineRenderer.Point(1, red, 0.3, 1, 1, "false-light"), new TimelineRenderer.Point(2, red, 0.3, 1, 1,
                        null));
        BufferedImage t = TimelineRenderer.render("drive.mp4", points, CLASSES, 3);
        int below = BAND + 24;
        assertTrue(has(t, 0xc00000, below - 6, below + 18), "a mark under the band");
        int marks = 0;
        for (int x = 0; x < t.getWidth(); x++) {
            marks += (t.getRGB(x, below) & 0xffffff) == 0xc00000 ? 1 : 0;
        }
        assertTrue(marks > 0 && marks < 40, "one small mark, at 1 s: " + marks);
        assertTrue(Math.abs(firstX(t, 0xc00000, below) - x(1, 3)) < 20, "at the mistaken frame's time");
        BufferedImage none = TimelineRenderer.render("drive.mp4", List.of(new TimelineRenderer.Point(0, red, 0.3, 1, 1)),
                CLASSES, 3);
        assertTrue(!has(none, 0xc00000, 0, none.getHeight()), "no mistakes, no marks");
        assertEquals("F", TimelineKey.letter("false-light"));
        assertEquals("X", TimelineKey.letter("mistake"));
    }

    private static int firstX(BufferedImage t, int rgb, int y) {
        for (int x = 0; x < t.getWidth(); x++) {
            if ((t.getRGB(x, y) & 0xffffff) == rgb) {
                return x;
            }
        }
        return -1;
    }

    @Test
    void theLastTimeLabelStaysInsideThePicture() {
        // 0 to 6 s: the last tick, 6.0, sits at the plot's right end, 16 px from the picture's side
        List<TimelineRenderer.Point> points = List.of(point(0, 0, 0.8, 0.2, 0.3, 1), point(5, 0, 0.8, 0.2, 0.3, 1));
        BufferedImage image = TimelineRenderer.render("drive.mp4", points, CLASSES, 6);
        int background = image.getRGB(image.getWidth() - 1, 0);
        for (int x = image.getWidth() - TimelineRenderer.EDGE; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                assertEquals(background, image.getRGB(x, y), "nothing drawn at " + x + "," + y);
            }
        }
    }

    @Test
    void theTitleIsTheNameAsSpelled() {
        BufferedImage lower = TimelineRenderer.render("drive.mp4", List.of(), CLASSES, 3);
        BufferedImage upper = TimelineRenderer.render("DRIVE.MP4", List.of(), CLASSES, 3);
        assertTrue(!java.util.Arrays.equals(lower.getRGB(0, 0, 200, 24, null, 0, 200),
                upper.getRGB(0, 0, 200, 24, null, 0, 200)), "drive.mp4 is not drawn as DRIVE.MP4");
    }

    @Test
    void ticksReadAsClockTimesUnderAnAxisTitle() {
        assertEquals(0.5, TimelineRenderer.tick(3));
        assertEquals(300, TimelineRenderer.tick(3600));
        assertEquals("12", TimelineRenderer.clock(12, 1));
        assertEquals("0.5", TimelineRenderer.clock(0.5, 0.5));
        assertEquals("1:30", TimelineRenderer.clock(90, 30));
        assertEquals("1:00:00", TimelineRenderer.clock(3600, 300));
    }

    private static boolean has(BufferedImage t, int rgb, int fromRow, int toRow) {
        for (int y = fromRow; y < toRow; y++) {
            for (int x = 0; x < t.getWidth(); x++) {
                if ((t.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double luminance(int p) {
        return 0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255);
    }
}
