package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.DjlReference;
import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.Labels;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The synthetic model on its generated samples: right class, and a heat-map minimum on a light. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("model")
class SyntheticModelSamplesTest {
    private Classifier classifier;
    private ModelDirectory model;

    @BeforeAll
    void load() throws Exception {
        model = ModelDirectory.open(TestData.syntheticModel());
        classifier = Classifier.load(model);
    }

    @AfterAll
    void close() {
        classifier.close();
    }

    Stream<Labels.Entry> samples() throws Exception {
        List<Labels.Entry> entries = Labels.read(TestData.project("samples/generated/labels.csv")).entries();
        assertTrue(entries.size() >= 8 && entries.size() <= 12, "8 to 12 samples, found " + entries.size());
        return entries.stream();
    }

    @Test
    void theModelDirectoryIsWhatTheModelCardSays() {
        assertEquals(List.of("none", "red", "green"), model.classes());
        assertEquals(new dev.occlude.model.preprocess.Geometry(455, 256, 256, 144, 0, 0, 256, 144),
                model.preprocessing().geometry(455, 256));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void predictedClassAndPointing(Labels.Entry sample) throws Exception {
        Path file = TestData.generatedSample(sample.file());
        BufferedImage image = new ImageLoader().load(file);
        Occluder occluder = new Occluder(classifier, ScanSettings.exact(16));
        Analysis a = occluder.analyse(image, new PatchSize(32, 16), sample.label());
        String predicted = model.classes().get(a.predicted());
        boolean hard = sample.file().startsWith("hard-");
        if (hard) {
            // the documented hard case: the model is known to get it wrong
            assertTrue(!predicted.equals(sample.label()), sample.file() + " is documented as a mistake but was right");
            return;
        }
        assertEquals(sample.label(), predicted, sample.file());
        if (!sample.boxes().isEmpty()) {
            Rectangle min = a.minPatch();
            assertTrue(sample.boxes().stream().anyMatch(min::intersects),
                    sample.file() + ": min patch " + min + " (p=" + a.minProbability() + ") misses every light " + sample.boxes());
        }
    }

    @Test
    void basePredictionEqualsDjlsTranslator() throws Exception {
        try (DjlReference djl = new DjlReference(TestData.syntheticModel())) {
            for (Labels.Entry sample : samples().toList()) {
                BufferedImage image = new ImageLoader().load(TestData.generatedSample(sample.file()));
                float[] expected = djl.probabilities(List.of(image), model.classes()).get(0);
                Occluder occluder = new Occluder(classifier, ScanSettings.exact(1));
                float[] ours = occluder.clean(occluder.prepare(image));
                for (int c = 0; c < expected.length; c++) {
                    assertEquals(expected[c], ours[c], 1e-4, sample.file() + " " + model.classes().get(c));
                }
            }
        }
    }
}
