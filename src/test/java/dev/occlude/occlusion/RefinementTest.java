package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** --refine against exact on the default model's light samples, and workers against one thread. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("model")
class RefinementTest {
    private Classifier classifier;

    @BeforeAll
    void load() throws Exception {
        classifier = Classifier.load(ModelDirectory.open(TestData.syntheticModel()));
    }

    @AfterAll
    void close() {
        classifier.close();
    }

    @Test
    void refineAgreesWithExactAtAFractionOfThePasses() throws Exception {
        ScanSettings exact = new ScanSettings(0.5, 8, 1, false);
        PatchSize size = new PatchSize(32, 8);
        for (String sample : List.of("red-day.jpg", "green-two-lights.jpg", "red-night.jpg", "green-far-small.jpg")) {
            BufferedImage image = new ImageLoader().load(TestData.generatedSample(sample));
            Analysis e;
            Analysis r;
            try (Occluder ex = new Occluder(classifier, exact); Occluder re = new Occluder(classifier, exact.withRefine(true))) {
                e = ex.analyse(image, size);
                r = re.analyse(image, size);
            }
            Rectangle me = e.minPatch();
            Rectangle mr = r.minPatch();
            double pearson = MapStatistics.pearson(e.map(), r.map());
            String figures = String.format(Locale.ROOT, "%s: passes exact %d, refine %d (%.1fx fewer); min exact %d,%d refine %d,%d; "
                    + "pearson %.4f", sample, e.scan().passes(), r.scan().passes(), e.scan().passes() / (double) r.scan().passes(),
                    me.x, me.y, mr.x, mr.y, pearson);
            System.out.println(figures);
            assertTrue(e.scan().passes() >= 5 * r.scan().passes(), figures);
            assertTrue(Math.abs(me.x - mr.x) <= 8 && Math.abs(me.y - mr.y) <= 8, figures);
            assertTrue(pearson >= 0.95, figures);
            assertEquals(e.scan().variants(), r.scan().variants(), "the same fine grid");
        }
    }

    @Test
    void severalWorkersGiveTheSameNumbersAsOne() throws Exception {
        BufferedImage image = new ImageLoader().load(TestData.generatedSample("green-day.jpg"));
        Analysis one;
        Analysis two;
        try (Occluder a = new Occluder(classifier, new ScanSettings(0.5, 4, 1, false));
             Occluder b = new Occluder(classifier, new ScanSettings(0.5, 3, 2, false))) {
            one = a.analyse(image, new PatchSize(48, 16));
            two = b.analyse(image, new PatchSize(48, 16));
        }
        assertEquals(one.minPatch(), two.minPatch());
        float[] m1 = one.map();
        float[] m2 = two.map();
        for (int i = 0; i < m1.length; i++) {
            assertEquals(m1[i], m2[i], 1e-5, "pixel " + i);
        }
        assertArrayEquals(one.scan().cleanProbabilities(), two.scan().cleanProbabilities(), 1e-6f);
    }
}
