package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON-line contract, field for field: the lines of a set of runs on the shipped samples
 * against golden lines recorded in src/test/resources/golden (recorded before the result became
 * typed records). Field names, their order, strings and integers must be equal; probabilities
 * within 1e-5 (another CPU may round the sixth decimal otherwise); {@code seconds} is not
 * compared. Fields may be added after the recorded ones, never renamed or removed.
 * Run with {@code -Dgolden.update=true} to record anew.
 */
@Tag("model")
class GoldenJsonTest {
    @TempDir
    Path tmp;

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    /** Each run: its name and its arguments; OUT stands for a fresh output folder. */
    private static final Map<String, List<String>> RUNS = Map.of(
            "folder-labels", List.of("samples/generated", "--patch", "64", "--stride", "32",
                    "--labels", "samples/generated/labels.csv"),
            "every-map", List.of("samples/generated/green-two-lights.jpg", "--patch", "64,32", "--stride", "32,32",
                    "--combine", "--class", "all", "--passes", "2", "--save-worst", "--map", "drop"),
            "only-mistakes", List.of("samples/generated", "--patch", "64", "--stride", "64", "--labels",
                    "samples/generated/labels.csv", "--only-mistakes"),
            "failure-and-refine", List.of("samples/generated/red-day.jpg", "samples/no-such-frame.jpg",
                    "--patch", "32", "--stride", "8", "--refine", "--class", "red"),
            "nexar-crop", List.of("samples/nexar/night-red.png", "--model", "models/nexar-squeezenet",
                    "--patch", "128", "--stride", "64", "--passes", "3", "--stop-below", "0.99"));

    private List<String> run(List<String> args, Path out) {
        List<String> a = new ArrayList<>(args);
        if (!a.contains("--model")) {
            a.addAll(List.of("--model", TestData.syntheticModel().toString()));
        }
        a.addAll(List.of("--out", out.toString(), "-q", "--batch", "4", "--workers", "1"));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertTrue(r.exit() <= 1, r.toString());
        return r.stdoutLines().stream().map(l -> l.replace(out.toString(), "OUT")).toList();
    }

    @Test
    void linesMatchTheRecordedContract() throws Exception {
        boolean update = Boolean.getBoolean("golden.update");
        for (var run : RUNS.entrySet()) {
            Path out = tmp.resolve(run.getKey());
            List<String> lines = new ArrayList<>(run(run.getValue(), out));
            if (run.getKey().equals("folder-labels")) {
                // resuming: the same run again re-emits every record as existing
                lines.addAll(run(withSkipExisting(run.getValue()), out));
            }
            Path golden = GOLDEN.resolve(run.getKey() + ".jsonl");
            if (update) {
                Files.createDirectories(GOLDEN);
                Files.write(golden, lines, StandardCharsets.UTF_8);
                continue;
            }
            stagingIsSaid(run.getKey(), lines);
            List<String> expected = Files.readAllLines(golden, StandardCharsets.UTF_8);
            assertEquals(expected.size(), lines.size(), run.getKey() + ": number of lines\n" + String.join("\n", lines));
            for (int i = 0; i < expected.size(); i++) {
                compare(run.getKey() + " line " + (i + 1), JsonParser.parseString(expected.get(i)),
                        JsonParser.parseString(lines.get(i)));
            }
        }
    }

    /**
     * Added after the recording (#42), last in each mapped record: both shipped models are fully
     * staged, so every map says so, with the share of multiply-adds its stages hold and the bound.
     */
    private static void stagingIsSaid(String run, List<String> lines) {
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (!o.has("patch")) {
                continue; // a failed input
            }
            List<String> keys = new ArrayList<>(o.keySet());
            keys.remove("passes_stop"); // added after the recorded contract too, last of all when a pass stopped early
            assertEquals(List.of("staged", "incremental_share", "incremental_bound"), keys.subList(keys.size() - 3,
                    keys.size()), run + ": " + keys);
            assertEquals("fully", o.get("staged").getAsString(), run);
            assertEquals(1.0, o.get("incremental_share").getAsDouble(), 1e-9, run + ": no multiply-adds in their heads");
            assertTrue(o.get("incremental_bound").getAsDouble() > 1.5, run + ": " + line);
        }
    }

    private static List<String> withSkipExisting(List<String> args) {
        List<String> a = new ArrayList<>(args);
        a.add("--skip-existing");
        return a;
    }

    private static void compare(String where, JsonElement expected, JsonElement actual) {
        if (expected.isJsonObject()) {
            assertTrue(actual.isJsonObject(), where + ": an object, got " + actual);
            JsonObject e = expected.getAsJsonObject();
            JsonObject a = actual.getAsJsonObject();
            List<String> ek = new ArrayList<>(e.keySet());
            List<String> ak = new ArrayList<>(a.keySet());
            assertTrue(ak.size() >= ek.size() && ak.subList(0, ek.size()).equals(ek),
                    where + ": fields " + ak + " must start with the recorded " + ek);
            for (String k : ek) {
                if (!k.equals("seconds")) {
                    compare(where + "." + k, e.get(k), a.get(k));
                }
            }
        } else if (expected.isJsonArray()) {
            JsonArray e = expected.getAsJsonArray();
            JsonArray a = actual.getAsJsonArray();
            assertEquals(e.size(), a.size(), where + ": array length");
            for (int i = 0; i < e.size(); i++) {
                compare(where + "[" + i + "]", e.get(i), a.get(i));
            }
        } else if (expected.isJsonPrimitive() && expected.getAsJsonPrimitive().isNumber()) {
            String text = expected.getAsString();
            if (text.contains(".") || text.contains("E")) {
                String got = actual.getAsString();
                assertTrue(got.contains(".") || got.contains("E"), where + ": written as a decimal, got " + got);
                assertEquals(expected.getAsDouble(), actual.getAsDouble(), 1e-5, where);
            } else {
                assertEquals(text, actual.getAsString(), where);
            }
        } else if (!expected.equals(actual)) {
            fail(where + ": expected " + expected + ", got " + actual);
        }
    }
}
