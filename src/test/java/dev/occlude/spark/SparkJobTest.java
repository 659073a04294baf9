package dev.occlude.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.Npy;
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
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The Spark job in a local session of two cores (four attempts per task, so a failed task is
 * retried as on a cluster), against the CLI run on the same images in the same JVM.
 */
@Tag("model")
@Tag("spark")
@ResourceLock("spark") // Spark's in-process session is one per JVM
class SparkJobTest {
    /** Three of the generated samples, for the runs that only need a few. */
    private static final List<String> IMAGES = List.of("green-day.jpg", "red-day.jpg", "none-tail-lights.jpg");
    /** Five generated samples for the rows against the CLI's lines: each class, day and night, a hard one. */
    private static final List<String> KINDS = List.of("green-two-lights.jpg", "hard-red-predicted-none.jpg",
            "none-parking-sign-night.jpg", "red-dusk-three-lights.jpg", "red-night.jpg");
    private static final String[] FAST = {"--patch", "128", "--stride", "64", "--batch", "1"};
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("occlude-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The job's exit code and what it said on stderr. */
    private record JobRun(int exit, String stderr) {}

    private static JobRun job(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--model", TestData.nexarModel().toString()));
        a.addAll(List.of(FAST));
        StringWriter err = new StringWriter();
        int code = OccludeSpark.run(spark, new PrintWriter(err, true), a.toArray(String[]::new));
        return new JobRun(code, err.toString());
    }

    private Path folder(String name, List<String> images) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (String i : images) {
            Files.copy(TestData.generatedSample(i), dir.resolve(i));
        }
        return dir;
    }

    /** Every row of the table, as JSON. */
    private static List<JsonObject> table(Path out, String format) {
        return spark.read().format(format).schema(ResultSchema.table()).load(out.resolve("results").toString()).toJSON()
                .collectAsList().stream().map(j -> JsonParser.parseString(j).getAsJsonObject()).toList();
    }

    private static Map<String, JsonObject> rows(Path out, String format) {
        Dataset<Row> table = spark.read().format(format).schema(ResultSchema.table()).load(out.resolve("results")
                .toString());
        Map<String, JsonObject> byName = new HashMap<>();
        for (String json : table.toJSON().collectAsList()) {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            String name = Path.of(o.get("image").getAsString()).getFileName().toString();
            assertNull(byName.put(name, o), "one row per image: " + name);
        }
        return byName;
    }

    @Test
    void rowsEqualTheCliLinesAndBadFilesAreErrorRows() throws Exception {
        List<String> samples = KINDS;
        Path in = folder("in", samples);
        byte[] jpeg = Files.readAllBytes(TestData.generatedSample("red-night.jpg"));
        Files.write(in.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        Files.createDirectories(in.resolve("x.jpg"));
        // a FIFO named like an image: opening it would block its task for ever
        assertEquals(0, new ProcessBuilder("mkfifo", in.resolve("fifo.jpg").toString()).start().waitFor());
        Files.writeString(in.resolve("notes.txt"), "not an image, found in a folder: skipped\n");
        Path out = tmp.resolve("out");

        // every class's map and a second pass too: the map- and array-typed columns
        JobRun run = job(in.toString(), "--out", out.toString(), "--overlays", "--class", "all", "--passes", "2");
        assertEquals(1, run.exit(), run.stderr());
        assertTrue(run.stderr().contains("truncated.jpg: truncated or corrupt"), run.stderr());
        assertTrue(run.stderr().contains("x.jpg: is a directory, not an image"), run.stderr());
        assertTrue(run.stderr().contains("fifo.jpg: a special file (FIFO, device or socket), not an image"), run.stderr());
        assertTrue(run.stderr().contains(samples.size() + " images mapped, 3 failed"), run.stderr());

        CliRun cli = CliRun.of(in.toString(), "--out", tmp.resolve("cli").toString(), "--model",
                TestData.nexarModel().toString(), "--patch", "128", "--stride", "64", "--batch", "1", "--workers", "1",
                "--class", "all", "--passes", "2", "-q");
        assertEquals(1, cli.exit(), cli.toString());
        Map<String, JsonObject> lines = new HashMap<>();
        for (String line : cli.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            lines.put(Path.of(o.get("image").getAsString()).getFileName().toString(), o);
        }

        Map<String, JsonObject> rows = rows(out, "parquet");
        assertEquals(new TreeSet<>(lines.keySet()), new TreeSet<>(rows.keySet()));
        for (String name : samples) {
            JsonObject row = rows.get(name);
            JsonObject line = lines.get(name);
            assertSameFields(line, row, name);
            // the map column is the CLI's .npy map
            String stem = name.substring(0, name.lastIndexOf('.'));
            Npy.Array2D npy = Npy.read(tmp.resolve("cli").resolve(stem + ".occlusion.npy"));
            assertEquals(npy.rows(), row.get("heatmap_height").getAsInt());
            assertEquals(npy.cols(), row.get("heatmap_width").getAsInt());
            var values = row.getAsJsonArray("heatmap");
            assertEquals(npy.data().length, values.size());
            // both score incrementally, whose window shapes follow the batch size (the CLI here runs batch 1):
            // float rounding then differs by a few 1e-6
            for (int i = 0; i < npy.data().length; i += 97) {
                assertEquals(npy.data()[i], values.get(i).getAsFloat(), 1e-5, name + " map value " + i);
            }
            // the overlay is in OUT/overlays under the CLI's name, a whole PNG a decoder reads
            Path overlay = out.resolve("overlays").resolve(stem + ".occlusion.png");
            assertTrue(row.getAsJsonObject("outputs").get("overlay").getAsString().endsWith("/overlays/" + stem
                    + ".occlusion.png"), row.toString());
            assertTrue(PngFiles.isComplete(overlay) && PngFiles.isMarked(overlay), overlay.toString());
            assertEquals(3, row.getAsJsonObject("classes").size(), row.toString());
            // every picture the row names (each class's, each pass's) is there and whole
            List<String> named = new ArrayList<>();
            overlays(row, named);
            assertTrue(named.size() >= 4, named.toString());
            for (String uri : named) {
                assertTrue(PngFiles.isComplete(Path.of(java.net.URI.create(uri))), uri);
            }
            // the picture with its colour bar beside it
            assertTrue(ImageIO.read(overlay.toFile()).getWidth() > row.get("width").getAsInt(), overlay.toString());
        }
        assertTrue(rows.get("truncated.jpg").get("error").getAsString().contains("truncated or corrupt"));
        assertTrue(rows.get("x.jpg").get("error").getAsString().contains("is a directory"));
        assertTrue(rows.get("fifo.jpg").get("error").getAsString().contains("a special file"));
        try (var files = Files.list(out.resolve("overlays"))) {
            assertEquals(Set.of(), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".occlusion.png")).collect(java.util.stream.Collectors.toSet()),
                    "nothing but the overlays (no checksum or temporary files)");
        }
    }

    private static void overlays(JsonElement e, List<String> into) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (m.getKey().equals("overlay") && m.getValue().isJsonPrimitive()) {
                    into.add(m.getValue().getAsString());
                } else {
                    overlays(m.getValue(), into);
                }
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> overlays(x, into));
        }
    }

    /** Every field of the CLI's line is in the row with the same value (probabilities to 1e-6); paths and timing aside. */
    private static void assertSameFields(JsonObject line, JsonObject row, String where) {
        for (Map.Entry<String, JsonElement> e : line.entrySet()) {
            String key = e.getKey();
            if (Set.of("image", "outputs", "seconds").contains(key)) {
                continue;
            }
            assertTrue(row.has(key), where + ": no column " + key);
            assertSame(e.getValue(), row.get(key), where + "." + key);
        }
    }

    private static void assertSame(JsonElement expected, JsonElement actual, String where) {
        if (expected.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : expected.getAsJsonObject().entrySet()) {
                if (!e.getKey().equals("outputs")) {
                    assertSame(e.getValue(), actual.getAsJsonObject().get(e.getKey()), where + "." + e.getKey());
                }
            }
        } else if (expected.isJsonArray()) {
            assertEquals(expected.getAsJsonArray().size(), actual.getAsJsonArray().size(), where);
            for (int i = 0; i < expected.getAsJsonArray().size(); i++) {
                assertSame(expected.getAsJsonArray().get(i), actual.getAsJsonArray().get(i), where + "[" + i + "]");
            }
        } else if (expected.getAsJsonPrimitive().isNumber()) {
            assertEquals(expected.getAsDouble(), actual.getAsDouble(), 1.5e-6, where);
        } else {
            assertEquals(expected, actual, where);
        }
    }

    /** With labels (read by the driver, sent with the tasks), rows carry label, pointing and the mistake's kind as the CLI's lines. */
    @Test
    void labelledRowsCarryTheMistakesKindAsTheCliLines() throws Exception {
        Path in = folder("in", IMAGES);
        // green-day labelled red: a mistake whatever the network says of it
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,class,boxes\ngreen-day.jpg,red,41 53 18 46 green\n"
                + "red-day.jpg,red,385 35 26 73 red\nnone-tail-lights.jpg,none,\n");
        Path out = tmp.resolve("out");
        JobRun run = job(in.toString(), "--out", out.toString(), "--format", "json", "--labels", labels.toString(),
                "--atlas", tmp.resolve("spark-atlas.png").toString());
        assertEquals(0, run.exit(), run.stderr());
        CliRun cli = CliRun.of(in.toString(), "--out", tmp.resolve("cli").toString(), "--model",
                TestData.nexarModel().toString(), "--patch", "128", "--stride", "64", "--batch", "1", "--workers", "1",
                "--labels", labels.toString(), "--atlas", tmp.resolve("cli-atlas.png").toString(), "-q");
        assertEquals(0, cli.exit(), cli.toString());
        // the atlas drawn on the driver from the rows: the command line's numbers
        assertEquals(Files.readString(tmp.resolve("cli-atlas.csv")), Files.readString(tmp.resolve("spark-atlas.csv")));
        assertTrue(dev.occlude.io.PngFiles.isMarked(tmp.resolve("spark-atlas.png")));
        Map<String, JsonObject> rows = rows(out, "json");
        int kinds = 0;
        for (String line : cli.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            String name = Path.of(o.get("image").getAsString()).getFileName().toString();
            assertSameFields(o, rows.get(name), name);
            assertTrue(rows.get(name).has("label"), name);
            kinds += o.has("triage") ? 1 : 0;
        }
        assertTrue(kinds >= 1, "green-day, labelled red, is a mistake with a kind");
        assertTrue(rows.get("green-day.jpg").getAsJsonObject("triage").has("kind"));

        JobRun purple = job(in.toString(), "--out", tmp.resolve("out2").toString(), "--labels", labels.toString(),
                "--none-class", "purple");
        assertEquals(2, purple.exit(), purple.stderr());
        assertTrue(purple.stderr().contains("--none-class purple is not a class of the model"), purple.stderr());
    }

    @Test
    void aStoppedJobResumesWithSkipExistingAndARetriedTaskLeavesNoDuplicate() throws Exception {
        Path in = folder("frames", IMAGES.subList(0, 1));
        Path out = tmp.resolve("fleet");
        JobRun first = job(in.toString(), "--out", out.toString(), "--format", "json");
        assertEquals(0, first.exit(), first.stderr());
        assertEquals(Set.of("green-day.jpg"), rows(out, "json").keySet());

        JobRun again = job(in.toString(), "--out", out.toString(), "--format", "json");
        assertEquals(2, again.exit(), again.stderr());
        assertTrue(again.stderr().contains("already holds a table; --skip-existing"), again.stderr());

        for (String i : IMAGES.subList(1, 3)) {
            Files.copy(TestData.generatedSample(i), in.resolve(i));
        }
        spark.sparkContext().setLocalProperty(ImageTask.FAIL_FIRST_ATTEMPT, "true");
        JobRun resumed;
        try {
            resumed = job(in.toString(), "--out", out.toString(), "--format", "json", "--skip-existing");
        } finally {
            spark.sparkContext().setLocalProperty(ImageTask.FAIL_FIRST_ATTEMPT, null);
        }
        assertEquals(0, resumed.exit(), resumed.stderr());
        assertTrue(resumed.stderr().contains("1 of 3 images already in"), resumed.stderr());
        assertTrue(resumed.stderr().contains("chunk 1 of 1: 2 images"), resumed.stderr());
        Map<String, JsonObject> rows = rows(out, "json");
        assertEquals(new TreeSet<>(IMAGES), new TreeSet<>(rows.keySet()));
        for (JsonObject r : rows.values()) {
            assertNotNull(r.get("settings"), r.toString());
            assertEquals(rows.get("green-day.jpg").get("settings"), r.get("settings"));
            assertNull(r.get("outputs"), "no overlays asked for, no paths given: " + r);
        }
        JobRun wrongFormat = job(in.toString(), "--out", out.toString(), "--skip-existing");
        assertEquals(2, wrongFormat.exit(), wrongFormat.stderr());
        assertTrue(wrongFormat.stderr().contains("another format than parquet"), wrongFormat.stderr());

        // a video named as the input: cut into ranges (sampled every 0.5 s, ranges of 1 s: 3), one row per sampled
        // frame equal to the CLI's frame line; its MP4 and timeline in OUT/overlays as the CLI draws them
        Path videos = Files.createDirectories(tmp.resolve("videos"));
        Path video = dev.occlude.video.Clips.drive(videos);
        Path videoOut = tmp.resolve("video-fleet");
        JobRun videoRun = job(video.toString(), "--out", videoOut.toString(), "--format", "json", "--every", "0.5s",
                "--video-range", "1s");
        assertEquals(0, videoRun.exit(), videoRun.stderr());
        assertTrue(videoRun.stderr().contains(": 6 frames in 3 ranges; "), videoRun.stderr());
        List<JsonObject> lines = DriveRows.cliFrames(video, tmp.resolve("video-cli"), "--every", "0.5s");
        List<JsonObject> frames = DriveRows.byTime(table(videoOut, "json"));
        DriveRows.assertEqualLines(lines, frames);
        DriveRows.assertAssembled(videoOut.resolve("overlays"), tmp.resolve("video-cli"), "drive", 6);
        try (var left = Files.list(videoOut.resolve("overlays"))) {
            assertEquals(List.of("drive.occlusion.mp4", "drive.timeline.png"),
                    left.map(f -> f.getFileName().toString()).sorted().toList(), "the frames' work folder removed");
        }
        // listed in a file of paths, and its frames kept (--frames): the same rows, each frame's picture named
        Path list = Files.writeString(videos.resolve("list.txt"), "drive.mp4\n");
        Path keptOut = tmp.resolve("video-kept");
        JobRun listed = job(list.toString(), "--out", keptOut.toString(), "--format", "json", "--every", "0.5s",
                "--video-range", "1s", "--frames");
        assertEquals(0, listed.exit(), listed.stderr());
        List<JsonObject> kept = DriveRows.byTime(table(keptOut, "json"));
        DriveRows.assertEqualLines(lines, kept);
        for (JsonObject f : kept) {
            Path overlay = Path.of(java.net.URI.create(f.getAsJsonObject("outputs").get("overlay").getAsString()));
            assertTrue(dev.occlude.io.PngFiles.isComplete(overlay), f.toString());
            assertTrue(f.getAsJsonObject("outputs").get("video").getAsString().endsWith("drive.occlusion.mp4"));
        }
    }

    @Test
    void aJobKilledAfterItsFirstChunkResumesWhereItStopped() throws Exception {
        Path in = folder("drive", IMAGES);
        Path out = tmp.resolve("drive-out");
        Path log = tmp.resolve("job.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // the --add-opens flags this JVM got from the pom, which Spark needs in the job's JVM too
        java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-XX:+IgnoreUnrecognized")
                        || a.startsWith("-Djdk.reflect") || a.startsWith("-Dio.netty"))
                .forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), OccludeSpark.class.getName(), in.toString(),
                "--out", out.toString(), "--chunk", "1", "--master", "local[1]", "--model",
                TestData.nexarModel().toString()));
        cmd.addAll(List.of(FAST));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        boolean firstChunk = false;
        while (!firstChunk && p.isAlive()) {
            Thread.sleep(50);
            firstChunk = Files.readString(log).contains("chunk 1 of 3:");
        }
        p.destroyForcibly(); // SIGKILL, as a lost driver: no shutdown hook, no clean-up
        p.waitFor();
        assertTrue(firstChunk, Files.readString(log));
        int before = rows(out, "parquet").size();
        assertTrue(before >= 1 && before < 3, "the job was stopped part-way: " + before + " rows");

        JobRun resumed = job(in.toString(), "--out", out.toString(), "--skip-existing");
        assertEquals(0, resumed.exit(), resumed.stderr());
        assertTrue(resumed.stderr().contains(before + " of 3 images already in"), resumed.stderr());
        assertEquals(new TreeSet<>(IMAGES), new TreeSet<>(rows(out, "parquet").keySet()), "each image once");
    }

    @Test
    void usageErrorsAreOneLineAndStartNothing() {
        JobRun missing = job(tmp.resolve("nowhere").toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, missing.exit());
        assertEquals(List.of("occlude-spark: " + tmp.resolve("nowhere") + ": no such file or directory"),
                missing.stderr().lines().toList());
        JobRun badClass = job(TestData.generatedSample("red-day.jpg").toString(), "--out", tmp.resolve("o").toString(),
                "--class", "amber");
        assertEquals(2, badClass.exit());
        assertTrue(badClass.stderr().startsWith("occlude-spark: unknown class 'amber'; the model's classes are none, "),
                badClass.stderr());
        JobRun badPatch = job(TestData.generatedSample("red-day.jpg").toString(), "--out", tmp.resolve("o").toString(),
                "--patch", "0");
        assertEquals(2, badPatch.exit());
        assertTrue(badPatch.stderr().startsWith("occlude-spark: --patch"), badPatch.stderr());
        // a grid past the limit (its count once overflowed an int): one line, before anything
        JobRun hugeGrid = job(TestData.generatedSample("red-day.jpg").toString(), "--out", tmp.resolve("o").toString(),
                "--patch", "100000", "--stride", "1");
        assertEquals(2, hugeGrid.exit(), hugeGrid.stderr());
        assertEquals(List.of("occlude-spark: --patch/--stride: patch 100000 with stride 1 gives 10,000,000,000 variants "
                + "on any image; at most 1,000,000 are allowed (a smaller patch or a larger stride) (see occlude-spark --help)"),
                hugeGrid.stderr().lines().toList());
        // the atlas inside the job's own overlays folder (it would replace an overlay)
        Path atlas = tmp.resolve("o").resolve("overlays").resolve("red-day.occlusion.png");
        JobRun inOverlays = job(TestData.generatedSample("red-day.jpg").toString(), "--out", tmp.resolve("o").toString(),
                "--overlays", "--atlas", atlas.toString());
        assertEquals(2, inOverlays.exit(), inOverlays.stderr());
        assertEquals(List.of("occlude-spark: --atlas " + atlas + " lies in --out " + tmp.resolve("o")
                + "'s overlays folder, which the run writes; name another path"), inOverlays.stderr().lines().toList());
        assertTrue(Files.notExists(tmp.resolve("o")), "nothing written");
    }

    /**
     * A folder whose only file is no image, at the foot of a ladder of folder links (2^16 paths to it,
     * listed once): one chunk of one item, no row, and one line saying so, exit 1. The listing is the
     * driver's in every mode (SparkClusterTest counts the same ladder's items on a cluster).
     */
    @Test
    void aLadderOfFolderLinksWithNoImageIsListedOnceAndSaysSo() throws Exception {
        Path top = Files.createDirectories(tmp.resolve("ladder"));
        LinkLadder.build(top, tmp.resolve("rungs"), 16);
        JobRun r = job(top.toString(), "--out", tmp.resolve("ladder-out").toString(), "-r");
        assertEquals(1, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("chunk 1 of 1: 0 images"), r.stderr());
        assertTrue(r.stderr().contains("occlude-spark: " + top + ": no images in it"), r.stderr());
    }
}
