package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.Npy;
import dev.occlude.io.PngFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up part-way, on a real file system (a small tmpfs; mounting it needs root,
 * as CI's machines give; elsewhere the test is skipped and says why): each image that does not
 * fit is one line, nothing half-written stays, and once there is room --skip-existing does the rest.
 */
@Tag("model")
class DiskFullTest {
    @TempDir
    Path tmp;

    private Path mounted;

    private static int sh(String... command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            sh("umount", mounted.toString());
        }
    }

    private static CliRun run(String... first) {
        List<String> a = new ArrayList<>(List.of(first));
        a.addAll(List.of("--model", TestData.syntheticModel().toString(), "--patch", "128", "--stride", "128", "-q",
                "--batch", "4", "--workers", "1"));
        return CliRun.of(a.toArray(String[]::new));
    }

    @Test
    void aFullDiskFailsOneImageAtATimeAndResumes() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < 5; i++) {
            Files.copy(TestData.generatedSample("red-day.jpg"), dir.resolve("f" + i + ".jpg"));
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", out.toString()) == 0,
                "mounting a small tmpfs needs root");
        mounted = out;

        CliRun full = run(dir.toString(), "--out", out.toString());
        assertEquals(1, full.exit(), full.toString());
        List<JsonObject> lines = full.stdoutLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                .toList();
        assertEquals(5, lines.size(), "every image has its line: " + full);
        long failed = lines.stream().filter(o -> o.has("error")).count();
        assertTrue(failed >= 1 && failed < 5, failed + " of 5 did not fit: " + full);
        assertEquals(failed, full.stderrLines().size(), full.toString());
        for (String e : full.stderrLines()) {
            assertTrue(e.contains("cannot write outputs") && e.contains("No space left on device"), e);
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                assertFalse(name.endsWith(".tmp"), "no temporary left: " + name);
                assertTrue(name.endsWith(".json") || name.endsWith(".png") && PngFiles.isComplete(f)
                        || name.endsWith(".npy") && Npy.isComplete(f), "only whole files: " + name);
            }
        }

        assertEquals(0, sh("mount", "-o", "remount,size=8m", out.toString()));
        CliRun resumed = run(dir.toString(), "--out", out.toString(), "--skip-existing");
        assertEquals(0, resumed.exit(), resumed.toString());
        List<JsonObject> again = resumed.stdoutLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                .toList();
        for (int i = 0; i < 5; i++) {
            assertEquals(!lines.get(i).has("error"), again.get(i).has("existing"), "only the failed are redone: " + i);
        }
    }
}
