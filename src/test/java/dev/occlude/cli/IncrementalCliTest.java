package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental inference on the command line: on by default for the staged shipped models, off
 * with --no-incremental and for models without stages, the same outputs either way with every
 * feature that runs variants, and a stage file that does not describe its network refused in one line.
 */
@Tag("model")
class IncrementalCliTest {
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path tmp;

    private JsonObject run(Path out, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--out", out.toString(), "-q")).toArray(String[]::new);
        CliRun run = CliRun.of(all);
        assertEquals(0, run.exit(), run.toString());
        return JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
    }

    @Test
    void theDefaultModelRunsIncrementallyAndMatchesFullPasses() throws Exception {
        String frame = TestData.nexarFrame("night-red.png").toString();
        JsonObject inc = run(tmp.resolve("inc"), frame, "--patch", "64", "--stride", "32");
        JsonObject full = run(tmp.resolve("full"), frame, "--patch", "64", "--stride", "32", "--no-incremental");
        assertTrue(inc.get("incremental").getAsBoolean(), inc.toString());
        assertFalse(full.get("incremental").getAsBoolean(), full.toString());
        assertSameResults(inc, full);
        assertSameMaps(tmp.resolve("inc"), tmp.resolve("full"));
    }

    @Test
    void everyFeatureThatRunsVariantsGivesTheSameNumbers() throws Exception {
        String sample = TestData.generatedSample("green-two-lights.jpg").toString();
        String model = TestData.syntheticModel().toString();
        List<List<String>> features = List.of(
                List.of("--patch", "32,48", "--stride", "16", "--class", "all", "--fill", "noise", "--seed", "7"),
                List.of("--patch", "48", "--stride", "24", "--passes", "3", "--fill", "blur"),
                List.of("--patch", "32", "--stride", "8", "--refine", "--fill", "#204080"));
        int i = 0;
        for (List<String> feature : features) {
            Path a = tmp.resolve("a" + i);
            Path b = tmp.resolve("b" + i++);
            String[] args = Stream.concat(Stream.of(sample, "--model", model), feature.stream()).toArray(String[]::new);
            JsonObject inc = run(a, args);
            JsonObject full = run(b, Stream.concat(Stream.of(args), Stream.of("--no-incremental")).toArray(String[]::new));
            assertTrue(inc.get("incremental").getAsBoolean(), feature.toString());
            assertFalse(full.get("incremental").getAsBoolean(), feature.toString());
            assertSameResults(inc, full);
            assertSameMaps(a, b);
        }
    }

    @Test
    void aModelWithoutStagesRunsFullPasses() {
        CliRun run = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model",
                TestData.project("models/nexar-squeezenet-onnx").toString(), "--patch", "128", "--stride", "128",
                "--out", tmp.toString(), "-q", "--batch", "1", "--workers", "1");
        assertEquals(0, run.exit(), run.toString());
        assertFalse(JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject().get("incremental").getAsBoolean());
    }

    @Test
    void stagesThatDoNotDescribeTheNetworkAreRefusedInOneLine() throws Exception {
        Path model = tmp.resolve("model");
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(TestData.syntheticModel())) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        String stages = Files.readString(model.resolve("stages.json"));
        String frame = TestData.generatedSample("red-day.jpg").toString();
        Map<String, String> broken = Map.of(
                stages.replaceFirst("\"stride\": \\[2, 2\\]", "\"stride\": [1, 1]"), "stages.json does not describe the network",
                stages.replace("occlude-stages/2", "occlude-stages/9"), "format \"occlude-stages/9\" is not occlude-stages/2 (or occlude-stages/1)",
                stages.replaceFirst("\"padValue\": 0.0", "\"padValue\": \"zero\""), "padValue \"zero\" is not a number",
                stages.replaceFirst("stage_2", "stage_two"), "stages.json does not describe the network",
                "{\"format\": ", "stages.json: unreadable");
        for (var entry : broken.entrySet()) {
            Files.writeString(model.resolve("stages.json"), entry.getKey());
            CliRun run = CliRun.of(frame, "--model", model.toString(), "--out", tmp.toString(), "-q");
            assertEquals(2, run.exit(), run.toString());
            List<String> lines = run.stderrLines().stream().filter(l -> !l.contains(" WARN ") && !l.contains(" INFO ")).toList();
            assertEquals(1, lines.size(), run.toString());
            assertTrue(lines.get(0).startsWith("occlude: model " + model), lines.get(0));
            assertTrue(lines.get(0).contains(entry.getValue()), lines.get(0));
            assertTrue(run.stdout().isEmpty(), run.toString());
        }
    }

    /** Every number of the two JSON lines within the tolerance, every other field equal (time and paths aside). */
    private static void assertSameResults(JsonObject a, JsonObject b) {
        // full passes say why, an incremental scan has nothing to say
        assertEquals(a.get("incremental").getAsBoolean() ? null : "--no-incremental",
                a.has("full_passes") ? a.get("full_passes").getAsString() : null);
        assertEquals(b.get("incremental").getAsBoolean() ? null : "--no-incremental",
                b.has("full_passes") ? b.get("full_passes").getAsString() : null);
        a = a.deepCopy();
        b = b.deepCopy();
        a.remove("full_passes");
        b.remove("full_passes");
        for (String key : a.keySet()) {
            if (List.of("seconds", "incremental", "outputs").contains(key)) {
                continue;
            }
            assertSame(key, a.get(key), b.get(key));
        }
        assertEquals(a.keySet(), b.keySet());
    }

    private static void assertSame(String where, JsonElement a, JsonElement b) {
        if (a.isJsonObject()) {
            for (String k : a.getAsJsonObject().keySet()) {
                if (!k.equals("outputs")) {
                    assertSame(where + "." + k, a.getAsJsonObject().get(k), b.getAsJsonObject().get(k));
                }
            }
        } else if (a.isJsonArray()) {
            assertEquals(a.getAsJsonArray().size(), b.getAsJsonArray().size(), where);
            for (int i = 0; i < a.getAsJsonArray().size(); i++) {
                assertSame(where + "[" + i + "]", a.getAsJsonArray().get(i), b.getAsJsonArray().get(i));
            }
        } else if (a.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber()) {
            assertEquals(a.getAsDouble(), b.getAsDouble(), TOLERANCE, where);
        } else {
            assertEquals(a, b, where);
        }
    }

    /** Every .npy map written in one folder, pixel for pixel within the tolerance of the other's. */
    private static void assertSameMaps(Path a, Path b) throws Exception {
        List<Path> maps;
        try (Stream<Path> files = Files.list(a)) {
            maps = files.filter(p -> p.toString().endsWith(".npy")).sorted().toList();
        }
        assertFalse(maps.isEmpty(), "maps in " + a);
        for (Path map : maps) {
            float[] x = Npy.read(map).data();
            float[] y = Npy.read(b.resolve(map.getFileName())).data();
            assertEquals(x.length, y.length, map.toString());
            for (int i = 0; i < x.length; i++) {
                assertTrue(Math.abs(x[i] - y[i]) <= TOLERANCE || Float.isNaN(x[i]) && Float.isNaN(y[i]),
                        map.getFileName() + " pixel " + i + ": " + x[i] + " vs " + y[i]);
            }
        }
    }
}
