package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.FakeScorer;
import dev.occlude.model.preprocess.Fill;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Region of interest, class changes, faithfulness curves and fills against the fake model, whose
 * probability is a known function of the pixels: every figure recomputed here independently.
 */
class AnalysesTest {
    private static final int W = 64;
    private static final int H = 48;
    private static final Rectangle LIGHT = new Rectangle(21, 17, 4, 4);

    private static BufferedImage scene() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, LIGHT.contains(x, y) ? 0xfa2020 : ((x * 5 + y * 3) % 50) << 16 | 0x101010);
            }
        }
        return image;
    }

    /** The fake model's p(light) on an image: the mean red of the light, computed directly. */
    private static double light(int[] rgb) {
        double sum = 0;
        for (int y = LIGHT.y; y < LIGHT.y + LIGHT.height; y++) {
            for (int x = LIGHT.x; x < LIGHT.x + LIGHT.width; x++) {
                sum += ((rgb[y * W + x] >> 16) & 0xff) / 255f;
            }
        }
        return (float) (sum / (LIGHT.width * LIGHT.height));
    }

    private static Occluder occluder() {
        return new Occluder(new FakeScorer(List.of(LIGHT)), ScanSettings.exact(8));
    }

    @Test
    void aRegionRunsOnlyThePatchesMeetingItAndMasksTheMap() throws Exception {
        BufferedImage image = scene();
        Rectangle region = new Rectangle(10, 8, 30, 20);
        PatchSize size = new PatchSize(8, 4);
        try (Occluder o = occluder()) {
            var prepared = o.prepare(image);
            float[] clean = o.clean(prepared);
            Analysis a = o.analyse(prepared, clean, 1, size, Optional.of(region), (d, t) -> { });
            long meeting = size.grid(W, H).patches().stream().filter(p -> p.intersects(region)).count();
            assertEquals(meeting, a.scan().variants(), "only the patches that meet the region");
            assertTrue(a.scan().patches().stream().allMatch(p -> p.intersects(region)));
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    assertEquals(!region.contains(x, y), Float.isNaN(a.map()[y * W + x]), "pixel " + x + "," + y);
                }
            }
            assertTrue(a.minPatch().intersects(LIGHT));
            assertThrows(IllegalArgumentException.class, () -> o.analyse(prepared, clean, 1, size,
                    Optional.of(new Rectangle(500, 500, 10, 10)), (d, t) -> { }), "a region outside the image");
        }
    }

    @Test
    void flipsAreThePatchesThatChangeThePrediction() throws Exception {
        BufferedImage image = scene();
        // a dark fill (8-bit 51): hiding most of the light takes it below one half
        try (Occluder o = new Occluder(new FakeScorer(List.of(LIGHT)), new ScanSettings(0.2, 8, 1, false))) {
            Analysis a = o.analyse(image, new PatchSize(4, 2));
            assertEquals(1, a.predicted(), "light predicted on the clean image");
            Map<Integer, Integer> flips = a.flips();
            int expected = 0;
            int[] source = image.getRGB(0, 0, W, H, null, 0, W);
            for (int i = 0; i < a.scan().variants(); i++) {
                Rectangle p = a.scan().patches().get(i);
                int[] hidden = source.clone();
                for (int y = Math.max(0, p.y); y < Math.min(H, p.y + p.height); y++) {
                    for (int x = Math.max(0, p.x); x < Math.min(W, p.x + p.width); x++) {
                        hidden[y * W + x] = 0x333333;
                    }
                }
                boolean flipsToNone = light(hidden) < 0.5;
                expected += flipsToNone ? 1 : 0;
                assertEquals(flipsToNone, flips.containsKey(i), "patch " + p);
            }
            assertTrue(expected > 0, "some patches hide enough of the light");
            assertEquals(expected, flips.size());
            assertTrue(flips.values().stream().allMatch(c -> c == 0), "every flip goes to none");
        }
    }

    @Test
    void deletionAndInsertionCurvesFollowTheMap() throws Exception {
        BufferedImage image = scene();
        int steps = 8;
        Faithfulness.Curves curves;
        float[] importance;
        try (Occluder o = occluder()) {
            Analysis a = o.analyse(image, new PatchSize(8, 4));
            importance = MapKind.DROP.of(a);
            curves = new Faithfulness(o).measure(image, Fill.grey(128), importance, 1, steps, 7);
        }
        // the order recomputed here: the largest drop first, ties by position
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < W * H; i++) {
            order.add(i);
        }
        final float[] imp = importance;
        order.sort(Comparator.comparingDouble((Integer i) -> -imp[i]).thenComparingInt(i -> i));
        int[] source = image.getRGB(0, 0, W, H, null, 0, W);
        for (int k = 0; k <= steps; k++) {
            int moved = (int) Math.round((double) k * W * H / steps);
            int[] deleted = source.clone();
            int[] inserted = new int[W * H];
            java.util.Arrays.fill(inserted, 0x808080);
            for (int j = 0; j < moved; j++) {
                deleted[order.get(j)] = 0x808080;
                inserted[order.get(j)] = source[order.get(j)];
            }
            assertEquals(light(deleted), curves.deletion()[k], 1e-6, "deletion step " + k);
            assertEquals(light(inserted), curves.insertion()[k], 1e-6, "insertion step " + k);
        }
        double area = 0;
        for (int k = 0; k < steps; k++) {
            area += (curves.deletion()[k] + curves.deletion()[k + 1]) / 2 / steps;
        }
        assertEquals(area, curves.deletionArea(), 1e-12);
        assertTrue(curves.deletionArea() < curves.randomDeletionArea(), "the map deletes faster than chance");
        assertTrue(curves.insertionArea() > curves.randomInsertionArea(), "and inserts faster");
        assertEquals(curves.deletion()[steps], curves.insertion()[0], 1e-6, "all deleted = nothing inserted");
    }

    @Test
    void fillsAreWhatTheyPromise() {
        BufferedImage image = scene();
        int[] rgb = image.getRGB(0, 0, W, H, null, 0, W);
        // mean colour, per channel, computed here
        long r = 0;
        for (int p : rgb) {
            r += (p >> 16) & 0xff;
        }
        Fill mean = FillSpec.parse("mean", 8, 0).forImage(image);
        assertEquals(Math.round(r / (double) rgb.length), mean.sample(3, 3, 16));
        assertEquals(mean.rgb(0, 0), mean.rgb(W - 1, H - 1), "one colour everywhere");
        assertEquals(0x12ab34, FillSpec.parse("#12AB34", 8, 0).forImage(image).rgb(5, 5));
        assertEquals(0x808080, FillSpec.parse("0.5", 8, 0).forImage(image).rgb(5, 5));
        // the blur against a direct two-dimensional Gaussian sum (clamped edges, radius 3 sigma)
        double sigma = 2;
        Fill blur = FillSpec.parse("blur", sigma, 0).forImage(image);
        for (int[] at : new int[][] {{22, 18}, {0, 0}, {40, 30}, {63, 47}}) {
            double sum = 0;
            double weights = 0;
            for (int dy = -6; dy <= 6; dy++) {
                for (int dx = -6; dx <= 6; dx++) {
                    double wgt = Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                    int x = Math.min(W - 1, Math.max(0, at[0] + dx));
                    int y = Math.min(H - 1, Math.max(0, at[1] + dy));
                    sum += wgt * ((rgb[y * W + x] >> 16) & 0xff);
                    weights += wgt;
                }
            }
            assertEquals(sum / weights, blur.sample(at[0], at[1], 16), 0.51, "blurred red at " + at[0] + "," + at[1]);
        }
        Fill noise = FillSpec.parse("noise", 8, 42).forImage(image);
        Fill again = FillSpec.parse("noise", 8, 42).forImage(image);
        Fill other = FillSpec.parse("noise", 8, 43).forImage(image);
        assertEquals(noise.rgb(10, 10), again.rgb(10, 10), "the same seed, the same noise");
        assertFalse(noise.rgb(10, 10) == other.rgb(10, 10) && noise.rgb(11, 10) == other.rgb(11, 10));
        assertThrows(IllegalArgumentException.class, () -> FillSpec.parse("purple", 8, 0));
    }
}
