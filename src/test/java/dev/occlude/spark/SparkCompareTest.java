package dev.occlude.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.PngFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * {@code occlude-spark --model A --model B} in a local session of two cores: each row is
 * {@code occlude compare}'s line for the same image (both sides' lines and the compare), the
 * command line run on the same frames in the same JVM.
 */
@Tag("model")
@Tag("spark")
@ResourceLock("spark") // Spark's in-process session is one per JVM
class SparkCompareTest {
    private static final List<String> SCAN = List.of("--patch", "64", "--stride", "32");
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("occlude-compare-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void rowsEqualTheCompareLinesOfTheCommandLine() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String f : TestData.NEXAR_FRAMES) {
            Files.copy(TestData.nexarFrame(f), in.resolve(f));
        }
        Files.write(in.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0});
        String labels = TestData.project("samples/nexar/labels.csv").toString();
        List<String> models = List.of("--model", TestData.nexarModel().toString(), "--model", "synthetic-traffic-lights");

        List<String> job = new ArrayList<>(List.of(in.toString(), "--out", tmp.resolve("fleet").toString(), "--format",
                "json", "--overlays", "--labels", labels));
        job.addAll(models);
        job.addAll(SCAN);
        StringWriter err = new StringWriter();
        int exit = OccludeSpark.run(spark, new PrintWriter(err, true), job.toArray(String[]::new));
        assertEquals(1, exit, err.toString());
        assertTrue(err.toString().contains("broken.png"), err.toString());

        List<String> cli = new ArrayList<>(List.of("compare", in.toString(), "--out", tmp.resolve("cli").toString(),
                "--labels", labels, "-q"));
        cli.addAll(models);
        cli.addAll(SCAN);
        CliRun run = CliRun.of(cli.toArray(String[]::new));
        assertEquals(1, run.exit(), run.toString());
        Map<String, JsonObject> lines = byName(run.stdoutLines().stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList());

        Map<String, JsonObject> rows = byName(spark.read().format("json")
                .schema(ResultSchema.table(CompareSchema.record())).load(tmp.resolve("fleet").resolve("results").toString())
                .toJSON().collectAsList().stream().map(j -> JsonParser.parseString(j).getAsJsonObject()).toList());
        assertEquals(lines.keySet(), rows.keySet());
        assertEquals(4, rows.size(), rows.toString());
        for (Map.Entry<String, JsonObject> e : lines.entrySet()) {
            assertSame(e.getValue(), rows.get(e.getKey()), e.getKey());
        }
        // the verdicts of the command line's test: two broke, one fixed
        assertEquals("fixed", rows.get("night-parking-signs.png").getAsJsonObject("compare").get("verdict").getAsString());
        assertEquals("broke", rows.get("night-red.png").getAsJsonObject("compare").get("verdict").getAsString());
        assertTrue(rows.get("broken.png").get("error").getAsString().contains("broken.png"));
        // each side's settings, to resume; the compare picture in OUT/overlays, this tool's
        JsonObject parking = rows.get("night-parking-signs.png");
        assertEquals(2, parking.get("settings").getAsString().split(" ").length, parking.toString());
        Path picture = Path.of(java.net.URI.create(parking.getAsJsonObject("compare").get("picture").getAsString()));
        assertEquals(tmp.resolve("fleet").resolve("overlays").resolve("night-parking-signs.compare.png"), picture);
        assertTrue(PngFiles.isComplete(picture) && PngFiles.isMarked(picture), picture.toString());
        String overlayA = parking.getAsJsonArray("models").get(0).getAsJsonObject().getAsJsonObject("outputs")
                .get("overlay").getAsString();
        assertTrue(overlayA.endsWith("/overlays/a-nexar-squeezenet/night-parking-signs.occlusion.png"), overlayA);

        // resumed: every row matches the two sides' settings the driver computes (or is an error row), nothing mapped again
        job.add("--skip-existing");
        StringWriter again = new StringWriter();
        assertEquals(0, OccludeSpark.run(spark, new PrintWriter(again, true), job.toArray(String[]::new)), again.toString());
        assertTrue(again.toString().contains("4 of 4 images already in"), again.toString());
    }

    private static Map<String, JsonObject> byName(List<JsonObject> lines) {
        Map<String, JsonObject> m = new HashMap<>();
        for (JsonObject o : lines) {
            assertEquals(null, m.put(Path.of(o.get("image").getAsString()).getFileName().toString(), o), o.toString());
        }
        return m;
    }

    /**
     * Every field of the line is in the row with the same value: numbers within 1e-5 (both score
     * incrementally with other batch sizes; float rounding differs by a few 1e-6), where each looks
     * within 0.1 px and 1e-4; paths and timing aside.
     */
    private static void assertSame(JsonElement expected, JsonElement actual, String where) {
        if (expected.isJsonNull()) { // a null field is no column value: the row leaves it out
            assertTrue(actual == null || actual.isJsonNull(), where + ": " + actual);
            return;
        }
        assertNotNull(actual, where);
        if (expected.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : expected.getAsJsonObject().entrySet()) {
                if (!Set.of("image", "outputs", "seconds", "picture", "source").contains(e.getKey())) {
                    assertSame(e.getValue(), actual.getAsJsonObject().get(e.getKey()), where + "." + e.getKey());
                }
            }
        } else if (expected.isJsonArray()) {
            assertEquals(expected.getAsJsonArray().size(), actual.getAsJsonArray().size(), where);
            for (int i = 0; i < expected.getAsJsonArray().size(); i++) {
                assertSame(expected.getAsJsonArray().get(i), actual.getAsJsonArray().get(i), where + "[" + i + "]");
            }
        } else if (expected.isJsonPrimitive() && expected.getAsJsonPrimitive().isNumber()) {
            assertEquals(expected.getAsDouble(), actual.getAsDouble(), where.endsWith("focus_distance") ? 0.11 : 1e-4,
                    where);
        } else if (where.endsWith(".error")) { // the row names the input as listed, a URI
            assertEquals(expected.getAsString(), actual.getAsString().replaceFirst("^file:", ""), where);
        } else {
            assertEquals(expected, actual, where);
        }
    }
}
