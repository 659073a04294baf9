package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.TestData;
import dev.occlude.model.tuning.Throughput;
import dev.occlude.model.tuning.Tuning;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measuring settings leaves PyTorch's thread count as it found it, and caches the choice (measured
 * within a 2 s budget: what is checked does not depend on how long each candidate runs).
 */
@Tag("model")
class TuningTest {
    @TempDir
    Path tmp;

    @Test
    void measuringRestoresTheThreadCountAndCaches() throws Exception {
        try (Classifier classifier = Classifier.load(ModelDirectory.open(TestData.syntheticModel()))) {
            classifier.setIntraOpThreads(1);
            Tuning tuning = new Tuning(tmp.resolve("tuning.properties"), 2);
            Tuning.Choice measured = tuning.best(classifier, "synthetic", 144, 256);
            assertFalse(measured.cached());
            assertEquals(1, classifier.intraOpThreads(), "the thread count before measuring is back");
            assertTrue(measured.imagesPerSecond() > 0);
            Tuning.Choice again = tuning.best(classifier, "synthetic", 144, 256);
            assertTrue(again.cached());
            assertEquals(measured.setting(), again.setting());
            Tuning.Choice fixed = tuning.choose(classifier, "synthetic", 144, 256, 3, 2, null);
            assertEquals(new Throughput.Setting(3, 2, Math.max(1, Runtime.getRuntime().availableProcessors() / 2)),
                    fixed.setting(), "batch and workers given: nothing measured, cores shared out");
        }
    }
}
