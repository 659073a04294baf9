package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occlude.DjlReference;
import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.preprocess.Fill;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every fill stays exact through the fast path: each variant's probabilities equal those of the
 * source with the patch painted in the fill, run whole through DJL's own translator (the
 * synthetic model resizes, so the fast path's windowed resampling is exercised).
 */
@Tag("model")
class FillExactnessTest {
    @Test
    void everyFillMatchesOccludingTheSourceInDjl() throws Exception {
        ModelDirectory dir = ModelDirectory.open(TestData.syntheticModel());
        BufferedImage image = new ImageLoader().load(TestData.generatedSample("red-day.jpg"));
        PatchSize size = new PatchSize(96, 96);
        try (Classifier classifier = Classifier.load(dir); DjlReference djl = new DjlReference(TestData.syntheticModel())) {
            for (String text : List.of("0.25", "#ff8000", "mean", "blur", "noise")) {
                FillSpec spec = FillSpec.parse(text, 6, 11);
                Analysis a;
                try (Occluder o = new Occluder(classifier, ScanSettings.exact(4).withFill(spec))) {
                    a = o.analyse(image, size);
                }
                Fill fill = spec.forImage(image);
                List<BufferedImage> painted = new ArrayList<>();
                for (Rectangle p : a.scan().patches()) {
                    painted.add(RepeatedOcclusion.paint(image, List.of(p), fill));
                }
                List<float[]> reference = djl.probabilities(painted, dir.classes());
                for (int i = 0; i < painted.size(); i++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(reference.get(i)[c], a.scan().probabilities()[i][c], 1e-4,
                                text + ": variant " + a.scan().patches().get(i));
                    }
                }
            }
        }
    }
}
