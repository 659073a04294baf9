package dev.occlude.model.incremental;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.occlusion.IncrementalExactnessTest;
import dev.occlude.occlusion.PatchSize;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The head of a large frame reads whole maps a few variants at a time: run one variant at a time
 * (as a small budget forces), every variant still equals its full pass.
 */
@Tag("model")
class HeadInPartsTest {
    @Test
    void aHeadRunOneVariantAtATimeGivesTheFullPassesProbabilities() throws Exception {
        long was = StagedPass.headFloats(1);
        try (Classifier model = Classifier.load(ModelDirectory.open(TestData.nexarModel()))) {
            double[] a = IncrementalExactnessTest.agreement(model,
                    new ImageLoader().load(TestData.nexarFrame("green-two-lights.png")), new PatchSize(64, 48),
                    "the head one variant at a time");
            assertTrue(a[1] > 0.01, "the probabilities move by " + a[1]);
        } finally {
            StagedPass.headFloats(was);
        }
    }
}
