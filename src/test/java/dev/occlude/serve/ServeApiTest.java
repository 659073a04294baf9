package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.Npy;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * occlude serve's HTTP API against the command line on the shipped model and frames: a probe is the
 * CLI's variant, a map job the CLI's map (and, with the worst patch kept, the CLI's second pass), a
 * second model's answers its own CLI's, an earlier run's results its own records and pictures.
 */
@Tag("model")
class ServeApiTest extends ServeTestBase {
    @Test
    void probesEqualTheCliVariantsOfTheSamePatches() throws Exception {
        Path out = tmp.resolve("cli-table");
        CliRun cli = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--patch", "64", "--stride", "16",
                "--table", "--out", out.toString(), "-q");
        assertEquals(0, cli.exit(), cli.toString());
        List<CSVRecord> rows;
        try (Reader in = Files.newBufferedReader(out.resolve("night-red.patches.csv"))) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in).getRecords();
        }
        Random random = new Random(7);
        int compared = 0;
        for (int k = 0; k < 12; k++) {
            CSVRecord row = rows.get(k == 0 ? 0 : random.nextInt(rows.size()));
            JsonObject p = probe("0/night-red.png", Integer.parseInt(row.get("x")), Integer.parseInt(row.get("y")),
                    Integer.parseInt(row.get("width")), Integer.parseInt(row.get("height")), null);
            JsonArray got = p.getAsJsonArray("probabilities");
            List<String> classes = p.getAsJsonArray("classes").asList().stream().map(e -> e.getAsString()).toList();
            for (int c = 0; c < classes.size(); c++) {
                assertEquals(Float.parseFloat(row.get("p_" + classes.get(c))), got.get(c).getAsFloat(), 1e-5,
                        "patch " + row.toMap() + ", class " + classes.get(c));
            }
            compared++;
        }
        assertEquals(12, compared);
        // the worst patch of the CLI's line, and a patch off the frame (nothing hidden: the clean probabilities)
        JsonObject line = JsonParser.parseString(cli.stdoutLines().get(0)).getAsJsonObject();
        JsonObject min = line.getAsJsonObject("min");
        JsonObject worst = probe("0/night-red.png", min.get("x").getAsInt(), min.get("y").getAsInt(), 64, 64, null);
        assertEquals(min.get("probability").getAsDouble(), worst.getAsJsonArray("probabilities").get(1).getAsDouble(),
                1e-5);
        JsonObject off = probe("0/night-red.png", -500, -500, 64, 64, null);
        assertEquals(off.getAsJsonArray("clean"), off.getAsJsonArray("probabilities"));
    }

    /**
     * The command line's two passes on the two-light frame at P64 S16 (the second always run), its
     * pictures and maps in {@code out}: its JSON line.
     */
    static JsonObject twoPasses(Path out) {
        CliRun cli = CliRun.of(TestData.nexarFrame("green-two-lights.png").toString(), "--patch", "64", "--stride", "16",
                "--passes", "2", "--stop-below", "0", "--out", out.toString(), "-q");
        assertEquals(0, cli.exit(), cli.toString());
        return JsonParser.parseString(cli.stdoutLines().get(0)).getAsJsonObject();
    }

    /** Waits for the job's end through its server-sent events; returns the last event's name. */
    static String awaitEvents(ServeServer s, String events) throws Exception {
        HttpResponse<Stream<String>> r = HTTP.send(request(s, events)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        String last = null;
        boolean progress = false;
        try (Stream<String> lines = r.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String l = it.next();
                if (l.startsWith("event: ")) {
                    last = l.substring(7);
                    progress |= last.equals("progress");
                }
            }
        }
        assertTrue(progress, "progress events before the end");
        return last;
    }

    private static JsonObject map(String image, String keep, String cls) throws Exception {
        HttpResponse<String> started = HTTP.send(request(server, "/api/maps?image="
                + q(image) + "&patch=64&stride=16" + (keep == null ? "" : "&keep=" + q(keep))
                + (cls == null ? "" : "&class=" + q(cls)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, started.statusCode(), started.body());
        JsonObject job = JsonParser.parseString(started.body()).getAsJsonObject();
        assertEquals("done", awaitEvents(server, job.get("events").getAsString()));
        return getJson(job.get("result").getAsString());
    }

    /** The job's map, fetched as the .npy its result names (never a JSON array), equals the CLI's. */
    private static void assertMapEquals(ServeServer s, Npy.Array2D expected, JsonObject result) throws Exception {
        assertEquals(expected.rows(), result.get("height").getAsInt());
        assertEquals(expected.cols(), result.get("width").getAsInt());
        String url = result.get("map").getAsString();
        assertTrue(url.endsWith(".npy"), url);
        HttpResponse<byte[]> npy = HTTP.send(request(s, url).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, npy.statusCode());
        Path file = Files.createTempFile(tmp, "map", ".npy");
        Files.write(file, npy.body());
        Npy.Array2D map = Npy.read(file);
        assertEquals(expected.rows(), map.rows());
        assertEquals(expected.data().length, map.data().length);
        for (int i = 0; i < map.data().length; i++) {
            assertEquals(expected.data()[i], map.data()[i], 1e-5, "map pixel " + i);
        }
    }

    @Test
    void aMapJobEqualsTheCliMapAndKeepingTheWorstPatchEqualsItsSecondPass() throws Exception {
        Path out = tmp.resolve("cli-passes");
        JsonObject line = twoPasses(out);

        JsonObject first = map("0/green-two-lights.png", null, null);
        assertMapEquals(server, Npy.read(out.resolve("green-two-lights.occlusion.npy")), first);
        JsonObject record = first.getAsJsonObject("record");
        for (String k : List.of("target", "patch", "stride", "fill", "variants", "skipped", "forward_passes", "map",
                "incremental")) {
            assertEquals(line.get(k), record.get(k), k);
        }
        assertSameMin(line.getAsJsonObject("min"), record.getAsJsonObject("min"));
        String overlay = record.getAsJsonObject("outputs").get("overlay").getAsString();
        HttpResponse<byte[]> png = HTTP.send(request(server, overlay).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, png.statusCode());
        java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
        // the CLI's picture of one pass (two passes share one colour scale, and so their bar's labels differ)
        Path onePass = tmp.resolve("cli-one-pass");
        CliRun cli = CliRun.of(TestData.nexarFrame("green-two-lights.png").toString(), "--patch", "64", "--stride", "16",
                "--out", onePass.toString(), "-q");
        assertEquals(0, cli.exit(), cli.toString());
        java.awt.image.BufferedImage cliPicture = javax.imageio.ImageIO.read(onePass.resolve("green-two-lights.occlusion.png")
                .toFile());
        assertEquals(cliPicture.getWidth(), picture.getWidth(), "the overlay the CLI draws");
        assertTrue(picture.getHeight() > 256, "the frame and its legend below it");

        // the article's second pass by hand: the worst patch kept hidden, the frame scanned again for the same class
        JsonObject min = record.getAsJsonObject("min");
        String keep = min.get("x") + "," + min.get("y") + ",64,64";
        JsonObject second = map("0/green-two-lights.png", keep, record.get("target").getAsString());
        assertMapEquals(server, Npy.read(out.resolve("green-two-lights.pass2.occlusion.npy")), second);
        JsonObject pass2 = line.getAsJsonArray("passes").get(1).getAsJsonObject();
        assertSameMin(pass2.getAsJsonObject("min"), second.getAsJsonObject("record").getAsJsonObject("min"));
        // a probe with the patch kept: its clean probability is the CLI's second pass's
        JsonObject kept = probe("0/green-two-lights.png", -500, -500, 8, 8, keep);
        int target = kept.getAsJsonArray("classes").asList().stream().map(e -> e.getAsString()).toList()
                .indexOf(line.get("target").getAsString());
        assertEquals(pass2.get("probability").getAsDouble(), kept.getAsJsonArray("clean").get(target).getAsDouble(),
                1e-5);
    }

    /** The same worst patch, its probability within 1e-5 (records round to six digits). */
    private static void assertSameMin(JsonObject expected, JsonObject got) {
        for (String k : List.of("x", "y", "width", "height")) {
            assertEquals(expected.get(k), got.get(k), k + " of " + got);
        }
        assertEquals(expected.get("probability").getAsDouble(), got.get("probability").getAsDouble(), 1e-5);
    }

    @Test
    void twoModelsAreServedSideBySideEachAsItsOwnCliComputesIt() throws Exception {
        ModelDirectory synthetic = ModelDirectory.open(TestData.syntheticModel());
        Path out = tmp.resolve("cli-synthetic");
        JsonObject line = syntheticLine(out);
        try (Classifier second = Classifier.load(synthetic);
             ServeServer both = withSecond(second, synthetic)) {
            String at = "http://127.0.0.1:" + both.port();
            JsonObject models = JsonParser.parseString(HTTP.send(request(both, "/api/model")
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
            assertEquals(List.of(model.name(), synthetic.name()), models.getAsJsonArray("models").asList().stream()
                    .map(m -> m.getAsJsonObject().get("name").getAsString()).toList());
            JsonObject min = line.getAsJsonObject("min");
            String probe = "/api/probe?image=0%2Fnight-red.png&x=" + min.get("x") + "&y=" + min.get("y") + "&w=64&h=64";
            JsonObject p1 = JsonParser.parseString(HTTP.send(request(both, probe + "&model=1")
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
            int target = p1.getAsJsonArray("classes").asList().stream().map(e -> e.getAsString()).toList()
                    .indexOf(line.get("target").getAsString());
            assertEquals(min.get("probability").getAsDouble(), p1.getAsJsonArray("probabilities").get(target)
                    .getAsDouble(), 1e-5, "the second model's variant, as the CLI computes it with that model");
            JsonObject p0 = probe("0/night-red.png", min.get("x").getAsInt(), min.get("y").getAsInt(), 64, 64, null);
            JsonObject same = JsonParser.parseString(HTTP.send(request(both, probe + "&model=0")
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
            for (int c = 0; c < 3; c++) {
                assertEquals(p0.getAsJsonArray("probabilities").get(c).getAsDouble(),
                        same.getAsJsonArray("probabilities").get(c).getAsDouble(), 1e-6, "the first model's");
            }
            assertEquals(400, HTTP.send(request(both, probe + "&model=2").build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            // a map job on the second model: the CLI's map with that model
            HttpResponse<String> started = HTTP.send(request(both, "/api/maps?image=0%2Fnight-red.png&patch=64&stride=32&model=1")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject job = JsonParser.parseString(started.body()).getAsJsonObject();
            assertEquals("done", awaitEvents(both, job.get("events").getAsString()));
            JsonObject result = JsonParser.parseString(HTTP.send(request(both, job.get("result").getAsString()).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .getAsJsonObject();
            assertMapEquals(both, Npy.read(out.resolve("night-red.occlusion.npy")), result);
            assertEquals(synthetic.name(), result.getAsJsonObject("record").get("model").getAsString());
        }
    }

    @Test
    void earlierResultsAreListedWithTheirRecordsAndOnlyThePicturesTheyName() throws Exception {
        Path out = tmp.resolve("earlier");
        CliRun cli = CliRun.of(TestData.nexarFrame("night-red.png").toString(),
                TestData.nexarFrame("night-parking-signs.png").toString(), "--patch", "64", "--stride", "32", "--out",
                out.toString(), "-q");
        assertEquals(0, cli.exit(), cli.toString());
        Path results = tmp.resolve("earlier.jsonl");
        Files.writeString(results, cli.stdout() + "{not json\n" + cli.stdoutLines().get(0).replace(
                TestData.nexarFrame("night-red.png").toString(), "gone.png") + "\n");
        try (ServeServer served = ServeServer.start(classifier, model, new ServeServer.Config(List.of(), List.of(results),
                "127.0.0.1", 0, 50_000_000L, 1_000_000L))) {
            String at = "http://127.0.0.1:" + served.port();
            assertEquals(2, served.problems().size(), served.problems().toString());
            assertTrue(served.problems().get(0).contains("line 3"), served.problems().toString());
            assertTrue(served.problems().get(1).contains("gone.png"), served.problems().toString());
            JsonObject listed = JsonParser.parseString(HTTP.send(request(served, "/api/frames")
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
            assertEquals(List.of("r/0/0", "r/0/1"), listed.getAsJsonArray("frames").asList().stream()
                    .map(e -> e.getAsJsonObject().get("id").getAsString()).toList());
            String resultUrl = listed.getAsJsonArray("frames").get(0).getAsJsonObject().get("result").getAsString();
            JsonObject record = JsonParser.parseString(HTTP.send(request(served, resultUrl)
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject().getAsJsonObject("record");
            JsonObject line = JsonParser.parseString(cli.stdoutLines().get(0)).getAsJsonObject();
            assertEquals(line.get("image"), record.get("image"));
            assertEquals(line.getAsJsonObject("min"), record.getAsJsonObject("min"));
            String overlay = record.getAsJsonObject("outputs").get("overlay").getAsString();
            assertTrue(overlay.startsWith("/api/results/0/0/pictures/"), overlay);
            HttpResponse<byte[]> png = HTTP.send(request(served, overlay).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, png.statusCode());
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(out.resolve("night-red.occlusion.png")), png.body()),
                    "the run's own overlay");
            for (String refused : List.of("/api/results/0/0/pictures/9", "/api/results/0/2", "/api/results/1/0",
                    "/api/results/0/0/pictures/..%2F..%2Fsecret")) {
                assertEquals(404, HTTP.send(request(served, refused).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), refused);
            }
            // the frame of a result is probed as any frame
            JsonObject min = line.getAsJsonObject("min");
            JsonObject p = JsonParser.parseString(HTTP.send(request(served, "/api/probe?image="
                    + q("r/0/0") + "&x=" + min.get("x") + "&y=" + min.get("y") + "&w=64&h=64").build(),
                    HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
            assertEquals(min.get("probability").getAsDouble(), p.getAsJsonArray("probabilities").get(1).getAsDouble(),
                    1e-5);
        }
    }
}
