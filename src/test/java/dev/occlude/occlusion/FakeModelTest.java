package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.FakeScorer;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scan, refinement, repeated passes and the plan of maps against a fake model whose
 * probabilities are a known function of the pixels: every figure is checked against the same
 * function computed here on the occluded image, independently of the tool's variant building.
 */
class FakeModelTest {
    private static final int W = 96;
    private static final int H = 64;
    private static final Rectangle LEFT = new Rectangle(21, 21, 4, 4);
    private static final Rectangle RIGHT = new Rectangle(69, 29, 4, 4);
    private static final int GREY = 128;

    /** A dark image with bright red squares at the lights (the right one a little dimmer). */
    private static BufferedImage scene(List<Rectangle> lights) {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, ((x * 7 + y * 3) % 40) << 16 | 0x101010);
            }
        }
        for (Rectangle r : lights) {
            int red = r == RIGHT ? 230 : 250;
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    image.setRGB(x, y, red << 16 | 0x2020);
                }
            }
        }
        return image;
    }

    /** p(light) of the image with the rectangles painted grey: the fake model's function, computed directly. */
    private static float expected(BufferedImage image, List<Rectangle> lights, List<Rectangle> hidden) {
        float best = 0;
        for (Rectangle l : lights) {
            double sum = 0;
            for (int y = l.y; y < l.y + l.height; y++) {
                for (int x = l.x; x < l.x + l.width; x++) {
                    final int px = x;
                    final int py = y;
                    boolean grey = hidden.stream().anyMatch(h -> h.contains(px, py));
                    sum += (grey ? GREY : (image.getRGB(x, y) >> 16) & 0xff) / 255f;
                }
            }
            best = Math.max(best, (float) (sum / (l.width * l.height)));
        }
        return best;
    }

    @Test
    void everyVariantAndThePerPixelMeanMatchTheFunction() throws Exception {
        List<Rectangle> lights = List.of(LEFT);
        BufferedImage image = scene(lights);
        FakeScorer scorer = new FakeScorer(lights);
        PatchSize size = new PatchSize(8, 4);
        Analysis a;
        try (Occluder occluder = new Occluder(scorer, ScanSettings.exact(5))) {
            a = occluder.analyse(image, size, "light");
        }
        List<Rectangle> patches = a.scan().patches();
        assertEquals(size.grid(W, H).count(), patches.size());
        assertEquals(patches.size(), a.scan().passes(), "every variant run: nothing is outside a crop");
        assertEquals(patches.size() + 1, scorer.forwardPasses(), "one forward pass per variant, plus the clean image");
        assertEquals(expected(image, lights, List.of()), a.cleanProbability(), 1e-6);
        for (int i = 0; i < patches.size(); i++) {
            assertEquals(expected(image, lights, List.of(patches.get(i))), a.scan().probabilities()[i][1], 1e-6,
                    "variant " + patches.get(i));
        }
        assertTrue(a.minPatch().intersects(LEFT), "min on the light: " + a.minPatch());
        // the map: at each pixel the mean over the patches covering it, computed naively
        for (int y = 0; y < H; y += 3) {
            for (int x = 0; x < W; x += 5) {
                double sum = 0;
                int n = 0;
                for (int i = 0; i < patches.size(); i++) {
                    if (patches.get(i).contains(x, y)) {
                        sum += a.scan().probabilities()[i][1];
                        n++;
                    }
                }
                assertEquals(sum / n, a.map()[y * W + x], 1e-6, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void aStrideLargerThanThePatchLeavesUncoveredPixelsNaN() throws Exception {
        BufferedImage image = scene(List.of(LEFT));
        try (Occluder occluder = new Occluder(new FakeScorer(List.of(LEFT)), ScanSettings.exact(8))) {
            Analysis a = occluder.analyse(image, new PatchSize(4, 10));
            int nan = 0;
            for (float v : a.map()) {
                nan += Float.isNaN(v) ? 1 : 0;
            }
            assertTrue(nan > 0 && nan < W * H, "some pixels uncovered: " + nan);
            assertTrue(Float.isNaN(a.map()[0 * W + 5]), "column 5 lies between squares at -3..0 and 7..10");
        }
    }

    @Test
    void refinementFindsTheExactMinimumWithFewerPasses() throws Exception {
        List<Rectangle> lights = List.of(LEFT);
        BufferedImage image = scene(lights);
        PatchSize size = new PatchSize(8, 2);
        Analysis exact;
        Analysis refined;
        FakeScorer refinedScorer = new FakeScorer(lights);
        try (Occluder e = new Occluder(new FakeScorer(lights), ScanSettings.exact(16));
             Occluder r = new Occluder(refinedScorer, ScanSettings.exact(16).withRefine(true))) {
            exact = e.analyse(image, size);
            refined = r.analyse(image, size);
        }
        assertEquals(exact.scan().variants(), refined.scan().variants(), "the same fine grid");
        assertEquals(exact.minPatch(), refined.minPatch());
        assertEquals(exact.minProbability(), refined.minProbability(), 1e-6);
        assertTrue(exact.scan().passes() >= 5 * refined.scan().passes(),
                "exact " + exact.scan().passes() + " passes, refined " + refined.scan().passes());
        assertEquals(refined.scan().passes() + 1, refinedScorer.forwardPasses(), "passes counted as run");
        // far from the light nothing moves: the estimate equals the clean probability there
        assertEquals(refined.cleanProbability(), refined.map()[60 * W + 90], 1e-6);
        assertTrue(MapStatistics.pearson(exact.map(), refined.map()) > 0.95);
    }

    @Test
    void twoLightsNeedTwoPasses() throws Exception {
        List<Rectangle> lights = List.of(LEFT, RIGHT);
        BufferedImage image = scene(lights);
        // grey (128/255 = 0.502) over a whole light leaves 0.502: stop once both are hidden
        AnalysisPlan plan = new AnalysisPlan(List.of(new PatchSize(8, 4)), false, false, 3, 0.6, false,
                MapKind.PROBABILITY);
        ImageMaps maps;
        try (Occluder occluder = new Occluder(new FakeScorer(lights), ScanSettings.exact(8))) {
            maps = new MapPlanner(occluder, plan).run(image);
        }
        assertEquals(2, maps.passes().size(), "the third pass is not run: both lights hidden, p below 0.6");
        RepeatedOcclusion.Stop stop = maps.passesStop().orElseThrow();
        assertEquals(2, stop.after(), "said: stopped after pass 2");
        assertEquals(RepeatedOcclusion.Reason.STOP_BELOW, stop.reason());
        assertTrue(stop.probability() < 0.6 && stop.stopBelow() == 0.6, stop.toString());
        RepeatedOcclusion.Pass first = maps.passes().get(0).pass();
        RepeatedOcclusion.Pass second = maps.passes().get(1).pass();
        assertTrue(first.analysis().minPatch().intersects(LEFT), "pass 1 on the brighter light");
        float hidden = expected(image, lights, List.of(first.analysis().minPatch()));
        assertEquals(hidden, second.hiddenProbability(), 1e-6, "pass 2 starts with pass 1's patch grey");
        assertTrue(hidden > 0.8, "the other light keeps the probability up: " + hidden);
        assertTrue(second.analysis().minPatch().intersects(RIGHT), "pass 2 on the other light");
        assertFalse(second.analysis().minPatch().intersects(LEFT));
        assertEquals(expected(image, lights, List.of(first.analysis().minPatch(), second.analysis().minPatch())),
                second.analysis().minProbability(), 1e-6);
        BufferedImage shown = maps.passes().get(1).image();
        Rectangle p = first.analysis().minPatch().intersection(new Rectangle(0, 0, W, H));
        assertEquals(0x808080, shown.getRGB(p.x, p.y) & 0xffffff, "pass 2's picture has pass 1's patch grey");
    }

    @Test
    void thePlanGivesEverySizeTheirMeanEveryClassAndTheWorstVariant() throws Exception {
        List<Rectangle> lights = List.of(LEFT);
        BufferedImage image = scene(lights);
        AnalysisPlan plan = new AnalysisPlan(List.of(new PatchSize(8, 4), new PatchSize(16, 8)), true, true, 1, 0.5,
                true, MapKind.DROP);
        ImageMaps maps;
        try (Occluder occluder = new Occluder(new FakeScorer(lights), ScanSettings.exact(8))) {
            maps = new MapPlanner(occluder, plan).run(image);
        }
        assertEquals(new PatchSize(8, 4), maps.size());
        assertEquals(2, maps.sizes().size());
        assertEquals(new PatchSize(16, 8), maps.sizes().get(1).size());
        assertEquals(new PatchSize(16, 8).grid(W, H).count(), maps.sizes().get(1).analysis().scan().variants());
        float clean = maps.main().cleanProbability();
        float[] small = maps.sizes().get(0).map();
        float[] large = maps.sizes().get(1).map();
        float[] mean = maps.combined().orElseThrow();
        for (int i = 0; i < mean.length; i += 7) {
            assertEquals(clean - maps.main().map()[i], small[i], 1e-6, "drop = clean - probability");
            assertEquals((small[i] + large[i]) / 2, mean[i], 1e-6, "combined = mean of the sizes");
        }
        assertEquals(List.of("none", "light"), maps.classes().stream().map(c -> c.analysis().targetName()).toList());
        for (int i = 0; i < mean.length; i += 11) {
            assertEquals(0, maps.classes().get(0).map()[i] + maps.classes().get(1).map()[i], 1e-5,
                    "the two classes' drops cancel: p(none) = 1 - p(light)");
        }
        assertTrue(maps.passes().isEmpty(), "one pass: no pass list");
        Rectangle min = maps.main().minPatch().intersection(new Rectangle(0, 0, W, H));
        BufferedImage worst = maps.worst().orElseThrow();
        assertEquals(0x808080, worst.getRGB(min.x, min.y) & 0xffffff, "the worst variant is grey at the min patch");
        assertEquals(image.getRGB(W - 1, H - 1), worst.getRGB(W - 1, H - 1), "and the source elsewhere");
    }
}
