package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hundred malformed and fuzzed files through one process: one JSON line per file, one
 * stderr line per failure naming its file, no stack trace, exit 0 or 1.
 */
@Tag("model")
class FaultSuiteTest {
    @TempDir
    Path tmp;

    @Test
    void everyBadFileIsOneLineAndTheRunGoesOn() throws Exception {
        List<Path> seeds = MalformedFiles.seeds(tmp.resolve("seeds"));
        seeds.add(TestData.generatedSample("red-day.jpg"));
        seeds.add(TestData.nexarFrame("night-red.png"));
        List<Path> files = MalformedFiles.generate(tmp.resolve("bad"), 20261127L, 400, seeds);
        CliRun run = CliRun.of(tmp.resolve("bad").toString(), "--model", TestData.syntheticModel().toString(),
                "--out", tmp.resolve("out").toString(), "--patch", "128", "--stride", "128", "-q", "--batch", "8",
                "--workers", "1", "--max-pixels", "4000000");
        assertTrue(run.exit() == 0 || run.exit() == 1, run.toString());
        assertFalse(run.stderr().contains("\tat ") || run.stderr().contains("Exception in"), "no stack trace");
        List<String> lines = run.stdoutLines();
        assertEquals(files.size(), lines.size(), "one JSON line per file");
        Set<String> seen = new HashSet<>();
        int failed = 0;
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            String image = o.get("image").getAsString();
            assertTrue(seen.add(image), "one line per file: " + image);
            if (o.has("error")) {
                failed++;
                assertTrue(o.get("error").getAsString().contains(Path.of(image).getFileName().toString()),
                        "the error names its file: " + line);
            } else {
                assertTrue(o.has("min"), line);
            }
        }
        assertEquals(failed, run.stderrLines().size(), "one stderr line per failed file");
        assertEquals(failed > 0 ? 1 : 0, run.exit());
        assertTrue(failed > files.size() / 2, "most of them are broken: " + failed);
        for (String err : run.stderrLines()) {
            assertTrue(err.startsWith("occlude: ") && err.contains(tmp.resolve("bad").toString()), err);
        }
    }
}
