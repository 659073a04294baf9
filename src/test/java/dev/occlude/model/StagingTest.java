package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.model.incremental.Stages;
import dev.occlude.model.score.Staging;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never slower than full passes: the multiply-add bound a stages.json declares decides, without
 * timing anything, whether the tool scores incrementally. A network staged up to its first
 * squeeze-and-excitation block (a head of nearly every multiply-add) runs full passes; a fully
 * staged one runs incrementally; the bound is counted as the benchmark counts it.
 */
class StagingTest {
    @TempDir
    Path dir;

    /** One 3x3 convolution of 100 multiply-adds a position on a 64x64 input, then a head of {@code headMacs}. */
    private Staging staging(long headMacs, String staged, int patch) throws Exception {
        Files.writeString(dir.resolve(Stages.FILE), "{\"format\": \"occlude-stages/2\", \"head\": {\"method\": \"head\", "
                + "\"inputs\": [1], \"from\": \"a squeeze-and-excitation scale\", \"macs\": " + headMacs + ", \"staged\": \""
                + staged + "\"}, \"stages\": [{\"method\": \"stage_0\", \"inputs\": [{\"map\": 0, \"kernel\": [3, 3], "
                + "\"stride\": [1, 1], \"padding\": [1, 1]}], \"macsPerPosition\": 100}]}");
        return Stages.read(dir).staging(64, 64, patch);
    }

    @Test
    void aPartlyStagedNetworkWhoseHeadIsNearlyEverythingRunsFullPasses() throws Exception {
        // the stage: 64*64*100 = 409,600 multiply-adds; the head 20 times that
        Staging s = staging(8_192_000, "2 of the network's 81 convolutions and poolings", 16);
        assertEquals("partly", s.extent());
        assertEquals(409_600.0 / (409_600 + 8_192_000), s.share(), 1e-12);
        // a 16-pixel patch changes 18x18 outputs of the 3x3 stage
        assertEquals((409_600.0 + 8_192_000) / (18 * 18 * 100 + 8_192_000), s.bound(), 1e-12);
        assertFalse(s.faster(), s.describe());
        assertTrue(s.describe().startsWith("partly staged, 5% of its multiply-adds incremental, bound 1.05x at --patch 16"),
                s.describe());
    }

    @Test
    void aFullyStagedNetworkRunsIncrementally() throws Exception {
        Staging s = staging(1000, "1 of the network's 1 convolutions and poolings", 16);
        assertEquals("fully", s.extent());
        assertTrue(s.bound() > 10, s.describe());
        assertTrue(s.faster(), s.describe());
    }

    @Test
    void aPatchAsLargeAsTheInputLeavesNothingToSave() throws Exception {
        Staging s = staging(1000, "1 of the network's 1 convolutions and poolings", 64);
        assertEquals(1.0, s.bound(), 1e-12);
        assertFalse(s.faster());
    }

    @Test
    void stagesWithoutDeclaredMultiplyAddsKeepIncrementalInference() throws Exception {
        Staging s = staging(-1, "", 16);
        assertTrue(Double.isNaN(s.bound()));
        assertTrue(s.faster(), "an earlier export without the figures runs as it did");
        assertEquals("", s.extent());
    }
}
