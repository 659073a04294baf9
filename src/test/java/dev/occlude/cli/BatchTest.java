package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.FormatFixtures;
import dev.occlude.io.Npy;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders, pipelines, bad files, labels and interrupted runs, as unattended users meet them. */
@Tag("model")
class BatchTest {
    @TempDir
    Path tmp;

    private static final String[] FAST = {"--patch", "128", "--stride", "128", "-q"};

    private String[] args(String... first) {
        List<String> a = new ArrayList<>(List.of(first));
        a.addAll(List.of("--model", TestData.nexarModel().toString()));
        a.addAll(List.of(FAST));
        return a.toArray(String[]::new);
    }

    private static Map<String, JsonObject> byImage(CliRun run) {
        Map<String, JsonObject> m = new HashMap<>();
        for (String line : run.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            m.put(Path.of(o.get("image").getAsString()).getFileName().toString(), o);
        }
        return m;
    }

    private static Set<String> tree(Path dir) throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> files.add(dir.relativize(p).toString()));
        }
        return files;
    }

    /** A PNG header claiming w x h pixels (IHDR only): decoders learn the size without any pixel data. */
    static byte[] pngClaiming(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        png.putInt(0).put("IEND".getBytes(StandardCharsets.US_ASCII)).putInt(0xae426082);
        return png.array();
    }

    @Test
    void aFolderOfGoodAndBadFiles() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Map<String, Boolean> good = FormatFixtures.write(in);
        Files.copy(TestData.nexarFrame("night-red.png"), in.resolve("frame-without-extension"));
        Files.createFile(in.resolve("empty.jpg"));
        byte[] jpeg = Files.readAllBytes(in.resolve("baseline.jpg"));
        Files.write(in.resolve("truncated.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        Files.write(in.resolve("random.jpg"), noise);
        Files.createDirectory(in.resolve("folder.jpg"));
        Files.write(in.resolve("huge.png"), pngClaiming(10000, 6000));
        Files.writeString(in.resolve("notes.txt"), "not an image, not named like one: not taken\n");
        Path out = tmp.resolve("out");

        CliRun run = CliRun.of(args(in.toString(), "--out", out.toString()));
        assertEquals(1, run.exit(), run.toString());
        Map<String, JsonObject> lines = byImage(run);
        Set<String> bad = Set.of("empty.jpg", "truncated.jpg", "random.jpg", "folder.jpg", "huge.png");
        assertEquals(good.size() + 1 + bad.size(), run.stdoutLines().size(), "one JSON line per file: " + run);
        for (String name : bad) {
            JsonObject o = lines.get(name);
            assertNotNull(o, name + " reported: " + run);
            assertTrue(o.has("error") && o.get("error").getAsString().contains(name), o.toString());
        }
        assertTrue(lines.get("huge.png").get("error").getAsString().contains("megapixels"), lines.get("huge.png").toString());
        assertEquals(bad.size(), run.stderrLines().size(), "one stderr line per bad file: " + run.stderr());
        Set<String> expected = new TreeSet<>();
        for (String name : new ArrayList<>(good.keySet()) {{ add("frame-without-extension"); }}) {
            JsonObject o = lines.get(name);
            assertFalse(o.has("error"), o.toString());
            // image.bmp and image.tif share a stem, so both keep their extension in their output names
            String stem = name.startsWith("image.") || !name.contains(".") ? name : name.substring(0, name.lastIndexOf('.'));
            for (String ext : new String[] {".occlusion.png", ".occlusion.npy", ".occlusion.json"}) {
                expected.add(stem + ext);
            }
            assertNotNull(ImageIO.read(out.resolve(stem + ".occlusion.png").toFile()), name + " overlay decodes");
            assertEquals(o.get("height").getAsInt(), Npy.read(out.resolve(stem + ".occlusion.npy")).rows());
        }
        assertEquals(expected, tree(out), "exactly the outputs of the good files, nothing else");
    }

    @Test
    void sameNamesInSubFoldersKeepTheirSubPaths() throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("a"));
        Files.createDirectories(in.resolve("b/deeper"));
        Files.copy(TestData.nexarFrame("night-red.png"), in.resolve("a/img.png"));
        Files.copy(TestData.nexarFrame("green-two-lights.png"), in.resolve("b/img.png"));
        Files.copy(TestData.nexarFrame("night-parking-signs.png"), in.resolve("b/deeper/img.png"));
        Path out = tmp.resolve("out");
        CliRun flat = CliRun.of(args(in.toString(), "--out", out.toString()));
        assertEquals(1, flat.exit(), flat.toString());
        assertEquals(1, flat.stdoutLines().size(), "without --recursive sub-folders are not entered: " + flat);
        assertTrue(flat.stderr().contains("no images in it (sub-directories need --recursive)"), flat.stderr());

        CliRun run = CliRun.of(args(in.toString(), "--recursive", "--out", out.toString()));
        assertEquals(0, run.exit(), run.toString());
        assertEquals(Set.of("a/img.occlusion.json", "a/img.occlusion.npy", "a/img.occlusion.png",
                "b/img.occlusion.json", "b/img.occlusion.npy", "b/img.occlusion.png",
                "b/deeper/img.occlusion.json", "b/deeper/img.occlusion.npy", "b/deeper/img.occlusion.png"), tree(out));
        List<String> order = run.stdoutLines().stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject().get("image").getAsString()).toList();
        assertEquals(List.of(in.resolve("a/img.png").toString(), in.resolve("b/deeper/img.png").toString(),
                in.resolve("b/img.png").toString()), order, "stable sorted order");

        // two files of the same name named on the command line: the second is refused, not overwritten
        Path out2 = tmp.resolve("out2");
        CliRun clash = CliRun.of(args(in.resolve("a/img.png").toString(), in.resolve("b/img.png").toString(),
                "--out", out2.toString()));
        assertEquals(1, clash.exit(), clash.toString());
        assertTrue(clash.stderr().contains("would overwrite those of"), clash.stderr());
    }

    @Test
    void pathsOnStdinGiveTheSameResultsAsArguments() throws Exception {
        List<String> frames = new ArrayList<>();
        for (String f : TestData.NEXAR_FRAMES) {
            frames.add(TestData.nexarFrame(f).toString());
        }
        CliRun direct = CliRun.of(args(frames.get(0), frames.get(1), frames.get(2), "--out", tmp.resolve("a").toString()));
        byte[] lines = (String.join("\n", frames) + "\n").getBytes(StandardCharsets.UTF_8);
        CliRun piped = CliRun.withStdin(lines, args("-", "--out", tmp.resolve("b").toString()));
        byte[] nul = (String.join("\0", frames) + "\0").getBytes(StandardCharsets.UTF_8);
        CliRun piped0 = CliRun.withStdin(nul, args("-", "-0", "--out", tmp.resolve("c").toString()));
        for (CliRun run : List.of(direct, piped, piped0)) {
            assertEquals(0, run.exit(), run.toString());
            assertEquals(3, run.stdoutLines().size(), run.toString());
            assertEquals("", run.stderr(), "nothing on stderr when all goes well and stderr is no terminal");
            for (String line : run.stdoutLines()) {
                JsonParser.parseString(line).getAsJsonObject(); // stdout: JSON lines only
            }
        }
        for (int i = 0; i < 3; i++) {
            JsonObject a = JsonParser.parseString(direct.stdoutLines().get(i)).getAsJsonObject();
            JsonObject b = JsonParser.parseString(piped.stdoutLines().get(i)).getAsJsonObject();
            JsonObject c = JsonParser.parseString(piped0.stdoutLines().get(i)).getAsJsonObject();
            for (String key : new String[] {"image", "prediction", "target", "min", "variants"}) {
                assertEquals(a.get(key), b.get(key), key);
                assertEquals(a.get(key), c.get(key), key);
            }
        }
    }

    @Test
    void labelsMarkMistakesAndOnlyMistakesMapsThem() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String f : TestData.NEXAR_FRAMES) {
            Files.copy(TestData.nexarFrame(f), in.resolve(f));
        }
        // the parking-sign frame has no light: the network's "red" is the article's mistake
        Path labels = tmp.resolve("labels.csv");
        Files.writeString(labels, "file,class\ngreen-two-lights.png,green\nnight-parking-signs.png,none\n"
                + "night-red.png,red\n");
        Path out = tmp.resolve("out");
        Path summary = tmp.resolve("summary.csv");
        CliRun run = CliRun.of(args(in.toString(), "--labels", labels.toString(), "--only-mistakes", "--out", out.toString(),
                "--summary", summary.toString()));
        assertEquals(0, run.exit(), run.toString());
        Map<String, JsonObject> lines = byImage(run);
        JsonObject parking = lines.get("night-parking-signs.png");
        assertEquals("none", parking.get("label").getAsString());
        assertTrue(parking.get("mistake").getAsBoolean(), parking.toString());
        assertTrue(parking.has("outputs"), "the mistake is mapped");
        JsonObject green = lines.get("green-two-lights.png");
        assertFalse(green.get("mistake").getAsBoolean());
        assertFalse(green.get("mapped").getAsBoolean(), "a right frame is not mapped with --only-mistakes");
        assertEquals(Set.of("night-parking-signs.occlusion.json", "night-parking-signs.occlusion.npy",
                "night-parking-signs.occlusion.png"), tree(out));
        assertTrue(run.stderr().contains("confusion matrix") && run.stderr().contains("3 images, 1 mistake\n"), run.stderr());
        String[] row = run.stderr().lines().filter(l -> l.startsWith("none")).findFirst().orElseThrow().trim().split("\\s+");
        assertEquals(List.of("none", "0", "1", "0"), List.of(row), "the none frame was called red");

        try (Reader r = Files.newBufferedReader(summary)) {
            List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
            assertEquals(3, rows.size());
            CSVRecord p = rows.stream().filter(x -> x.get("image").endsWith("parking-signs.png")).findFirst().orElseThrow();
            assertEquals("red", p.get("predicted"));
            assertEquals("true", p.get("mistake"));
            assertEquals(parking.getAsJsonObject("min").get("probability").getAsString(), p.get("min_probability"));
        }
    }

    @Test
    void aKilledRunResumesWithSkipExisting() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (int i = 0; i < 6; i++) {
            Files.copy(TestData.nexarFrame(TestData.NEXAR_FRAMES.get(i % 3)), in.resolve("f" + i + ".png"));
        }
        Path out = tmp.resolve("out");
        List<String> command = TestData.childJava("-Dai.djl.offline=true");
        command.addAll(List.of(in.toString(), "--out", out.toString(), "--model", TestData.nexarModel().toString(),
                "--patch", "64", "--stride", "32", "-q"));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String first = reader.readLine();
        assertNotNull(first, "the child wrote a first result");
        child.destroyForcibly(); // SIGKILL, mid-run
        child.waitFor();
        int finishedBefore;
        try (Stream<Path> s = Files.list(out)) {
            finishedBefore = (int) s.filter(p -> p.toString().endsWith(".occlusion.json")).count();
        }
        assertTrue(finishedBefore >= 1 && finishedBefore < 6, "killed mid-run: " + finishedBefore + " of 6 finished");

        CliRun rerun = CliRun.of(resumeArgs(in, out));
        assertEquals(0, rerun.exit(), rerun.toString());
        int reused = 0;
        for (String line : rerun.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            reused += o.has("existing") ? 1 : 0;
        }
        assertEquals(finishedBefore, reused, "finished images are not redone: " + rerun);
        for (int i = 0; i < 6; i++) {
            assertNotNull(ImageIO.read(out.resolve("f" + i + ".occlusion.png").toFile()), "f" + i + " overlay decodes");
            Npy.read(out.resolve("f" + i + ".occlusion.npy"));
        }
        assertEquals(18, tree(out).size(), "three outputs per image and no temporary left behind: " + tree(out));
    }

    private String[] resumeArgs(Path in, Path out) {
        return new String[] {in.toString(), "--out", out.toString(), "--skip-existing", "--model",
            TestData.nexarModel().toString(), "--patch", "64", "--stride", "32", "-q"};
    }
}
