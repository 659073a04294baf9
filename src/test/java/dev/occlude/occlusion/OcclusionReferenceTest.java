package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.DjlReference;
import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tool's heat map against a plain reference: every patch painted grey on the source image,
 * the whole occluded image run through DJL's own ImageClassificationTranslator, then averaged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("model")
class OcclusionReferenceTest {
    /** The article's P32 S16 on the two-light frame; coarser grids on the others keep the suite short. */
    private static final java.util.Map<String, PatchSize> SIZES = java.util.Map.of(
            "green-two-lights.png", new PatchSize(32, 16),
            "night-parking-signs.png", new PatchSize(48, 32),
            "night-red.png", new PatchSize(48, 32));

    private ModelDirectory model;
    private Classifier classifier;
    private DjlReference djl;

    @BeforeAll
    void load() throws Exception {
        model = ModelDirectory.open(TestData.nexarModel());
        classifier = Classifier.load(model);
        djl = new DjlReference(TestData.nexarModel());
    }

    @AfterAll
    void close() {
        classifier.close();
        djl.close();
    }

    static List<String> frames() {
        return TestData.NEXAR_FRAMES;
    }

    @ParameterizedTest
    @MethodSource("frames")
    void mapMatchesTheReference(String frame) throws Exception {
        BufferedImage image = new ImageLoader().load(TestData.nexarFrame(frame));
        Occluder occluder = new Occluder(classifier, ScanSettings.exact(8));
        PatchSize size = SIZES.get(frame);
        Analysis tool = occluder.analyse(image, size);
        assertEquals(size.patch() == 32 ? 558 : 16 * 10, tool.scan().variants());

        // base prediction: DJL's translator on the clean image
        float[] reference = djl.probabilities(List.of(image), model.classes()).get(0);
        for (int c = 0; c < reference.length; c++) {
            assertEquals(reference[c], tool.scan().cleanProbabilities()[c], 1e-4,
                    frame + ": clean probability of " + model.classes().get(c));
        }

        // reference map: each occluded image through DJL, whole
        List<Rectangle> patches = size.grid(image.getWidth(), image.getHeight()).patches();
        HeatMap referenceMap = new HeatMap(image.getWidth(), image.getHeight());
        int target = tool.target();
        int refMin = -1;
        float refMinP = Float.POSITIVE_INFINITY;
        for (int start = 0; start < patches.size(); start += 16) {
            List<BufferedImage> batch = new ArrayList<>();
            for (int i = start; i < Math.min(patches.size(), start + 16); i++) {
                batch.add(DjlReference.occlude(image, patches.get(i), 128));
            }
            List<float[]> scores = djl.probabilities(batch, model.classes());
            for (int k = 0; k < scores.size(); k++) {
                float p = scores.get(k)[target];
                referenceMap.add(patches.get(start + k), p);
                if (p < refMinP) {
                    refMinP = p;
                    refMin = start + k;
                }
            }
        }
        float[] expected = referenceMap.means();
        float[] actual = tool.map();
        double sum = 0;
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            sum += d;
            max = Math.max(max, d);
        }
        double mad = sum / expected.length;
        String figures = String.format(Locale.ROOT,
                "%s: mean |map - reference| = %.2e, max = %.2e; min patch tool %s p=%.6f, reference %s p=%.6f; skipped %d",
                frame, mad, max, tool.minPatch(), tool.minProbability(), patches.get(refMin), refMinP,
                tool.scan().skipped());
        System.out.println(figures);
        assertTrue(mad <= 0.01, figures);
        assertEquals(patches.get(refMin), tool.minPatch(), figures);
    }
}
