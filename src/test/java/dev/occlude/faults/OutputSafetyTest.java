package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.video.ClipMaker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for every file a run writes: never an input, never a file this tool did not make,
 * never one file for two inputs; the run's own files (summary, report) checked before any image.
 */
@Tag("model")
class OutputSafetyTest {
    @TempDir
    Path tmp;

    private static final String[] FAST = {"--patch", "128", "--stride", "128", "-q", "--batch", "4", "--workers", "1"};

    private static CliRun run(String... first) {
        List<String> a = new ArrayList<>(List.of(first));
        a.addAll(List.of("--model", TestData.syntheticModel().toString()));
        a.addAll(List.of(FAST));
        return CliRun.of(a.toArray(String[]::new));
    }

    private Path sample(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(TestData.generatedSample("red-day.jpg"), dir.resolve(name));
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static long count(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    /** --summary naming an input (or a file the shell's *.jpg put there) is refused before any image; nothing is written. */
    @Test
    void theSummaryNeverReplacesAnInputNorAForeignFile() throws Exception {
        Path a = sample(tmp.resolve("in"), "a.jpg");
        Path b = sample(tmp.resolve("in"), "b.jpg");
        Path c = sample(tmp.resolve("in"), "c.jpg");
        String before = sha(b);
        Path out = tmp.resolve("out");
        CliRun input = run(a.toString(), b.toString(), "--summary", b.toString(), "--out", out.toString());
        assertEquals(2, input.exit(), input.toString());
        assertEquals(List.of("occlude: --summary " + b + " is one of the inputs; name a new file"), input.stderrLines());
        // `--summary *.jpg`: the shell makes the first image the summary and the others inputs
        CliRun glob = run("--summary", c.toString(), a.toString(), b.toString(), "--out", out.toString());
        assertEquals(2, glob.exit(), glob.toString());
        assertTrue(glob.stderr().contains("exists and is not a summary this tool wrote"), glob.stderr());
        assertEquals(before, sha(b));
        assertEquals(sha(a), sha(c), "c.jpg is untouched");
        assertEquals(0, count(out), "nothing computed, nothing written");
        assertEquals("", input.stdout() + glob.stdout());

        // a summary this tool wrote is replaced by the next run's
        Path summary = tmp.resolve("summary.csv");
        assertEquals(0, run(a.toString(), "--summary", summary.toString(), "--out", out.toString()).exit());
        CliRun again = run(a.toString(), b.toString(), "--summary", summary.toString(), "--out", out.toString());
        assertEquals(0, again.exit(), again.toString());
        assertEquals(3, Files.readAllLines(summary).size(), "header and two rows");
    }

    /** A path on stdin naming the run's own summary (it arrives after the check) is refused in one line, and kept. */
    @Test
    void aStdinPathThatIsTheSummaryIsRefused() throws Exception {
        Path a = sample(tmp.resolve("in"), "a.jpg");
        Path summary = tmp.resolve("summary.csv");
        List<String> args = new ArrayList<>(List.of("-", "--summary", summary.toString(), "--out",
                tmp.resolve("out").toString(), "--model", TestData.syntheticModel().toString()));
        args.addAll(List.of(FAST));
        CliRun r = CliRun.withStdin((a + "\n" + summary + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        assertEquals(1, r.exit(), r.toString());
        assertEquals(List.of("occlude: " + summary + ": the run's --summary file; not an input"), r.stderrLines());
        assertTrue(Files.readString(summary).startsWith("image,width,height") && Files.readString(summary).contains(
                a.toString()), "the summary, written at the end: " + r);
    }

    /** --report over a folder that holds inputs, or a page this tool did not write: refused before any image. */
    @Test
    void theReportNeverReplacesInputs() throws Exception {
        Path rep = tmp.resolve("rep");
        Path index = Files.createDirectories(rep).resolve("index.html");
        Files.writeString(index, "<html>my own page</html>");
        Path inside = sample(rep.resolve("images"), "x.jpg");
        Path out = tmp.resolve("out");
        CliRun holding = run(inside.toString(), "--report", rep.toString(), "--out", out.toString());
        assertEquals(2, holding.exit(), holding.toString());
        assertTrue(holding.stderr().contains("holds the input"), holding.stderr());
        Path outside = sample(tmp.resolve("in"), "y.jpg");
        CliRun foreign = run(outside.toString(), "--report", rep.toString(), "--out", out.toString());
        assertEquals(2, foreign.exit(), foreign.toString());
        assertTrue(foreign.stderr().contains("its index.html is not a report this tool wrote"), foreign.stderr());
        assertEquals("<html>my own page</html>", Files.readString(index));
        assertFalse(Files.exists(out), "a refused run (exit 2) leaves no --out folder behind");
    }

    /** --out naming a file, --report where no folder can be made: found before any image, exit 2. */
    @Test
    void unwritableRunFilesAreFoundFirst() throws Exception {
        Path a = sample(tmp.resolve("in"), "a.jpg");
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        CliRun out = run(a.toString(), "--out", file.toString());
        assertEquals(2, out.exit(), out.toString());
        assertEquals(List.of("occlude: --out " + file + " is a file, not a folder"), out.stderrLines());
        CliRun report = run(a.toString(), "--out", tmp.resolve("o").toString(), "--report", file.resolve("x").toString());
        assertEquals(2, report.exit(), report.toString());
        assertTrue(report.stderr().startsWith("occlude: --report " + file.resolve("x") + ": cannot make the folder"),
                report.stderr());
        assertEquals("mine", Files.readString(file));
        assertFalse(Files.exists(tmp.resolve("o")), "a refused run (exit 2) leaves no --out folder behind");
    }

    /** A file at an output path that this tool did not write (no mark, not its format) refuses that image only. */
    @Test
    void aForeignFileAtAnOutputPathIsKept() throws Exception {
        Path dir = tmp.resolve("in");
        sample(dir, "a.jpg");
        sample(dir, "b.jpg");
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path foreign = out.resolve("a.occlusion.npy");
        Files.writeString(foreign, "my notes, not a map");
        CliRun run = run(dir.toString(), "--out", out.toString());
        assertEquals(1, run.exit(), run.toString());
        assertEquals(1, run.stderrLines().size(), run.toString());
        assertTrue(run.stderr().contains("a.occlusion.npy exists and is not this tool's"), run.stderr());
        assertEquals("my notes, not a map", Files.readString(foreign));
        assertTrue(Files.exists(out.resolve("b.occlusion.png")), "the next image is mapped");
    }

    /**
     * Derived names never collide: a.jpg's per-size, per-class and per-pass maps and the images
     * a.p32.jpg, a.pass2.jpg, a.red.jpg, a.combined.jpg in one folder each get files of their own.
     */
    @Test
    void derivedNamesOfOneInputNeverTakeAnothersFiles() throws Exception {
        Path dir = tmp.resolve("in");
        for (String n : List.of("a", "a.p128", "a.p64", "a.pass2", "a.red", "a.combined")) {
            sample(dir, n + ".jpg");
        }
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of(dir.toString(), "--model", TestData.syntheticModel().toString(), "--out", out.toString(),
                "--patch", "128,64", "--stride", "128,64", "--combine", "--class", "all", "--passes", "2", "-q",
                "--batch", "4", "--workers", "1");
        assertEquals(0, run.exit(), run.toString());
        assertEquals(6, run.stdoutLines().size(), run.toString());
        Map<String, String> owner = new HashMap<>();
        for (String line : run.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            List<String> files = new ArrayList<>();
            collectPaths(o, files);
            assertTrue(files.size() > 10, "many files per image: " + files);
            for (String f : files) {
                String before = owner.put(f, o.get("image").getAsString());
                assertTrue(before == null || before.equals(o.get("image").getAsString()),
                        f + " written for both " + before + " and " + o.get("image"));
                assertTrue(Files.exists(Path.of(f)), f);
            }
        }
    }

    /** An image named like a video's frame (ok.t000000.000.jpg beside ok.mp4 with --frames) gets its own files. */
    @Test
    void anImageNamedLikeAFrameKeepsItsOwnFiles() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        BufferedImage still = ImageIO.read(TestData.generatedSample("red-day.jpg").toFile());
        ClipMaker.write(dir.resolve("ok.mp4"), 256, 256, 4, 2, i -> still);
        sample(dir, "ok.t000000.000.jpg");
        Path out = tmp.resolve("out");
        CliRun run = run(dir.toString(), "--out", out.toString(), "--frames");
        assertEquals(0, run.exit(), run.toString());
        Map<String, String> owner = new HashMap<>();
        for (String line : run.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            String overlay = o.getAsJsonObject("outputs").get("overlay").getAsString();
            String key = o.get("image").getAsString() + (o.has("time") ? "@" + o.get("time") : "");
            assertEquals(null, owner.put(overlay, key), overlay + " is written twice");
        }
        assertTrue(owner.size() >= 3, owner.toString());
    }

    /** A user's file where a video's frame would be written is kept; the video says which frame could not be. */
    @Test
    void aForeignFileAmongAVideosFramesIsKept() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        BufferedImage still = ImageIO.read(TestData.generatedSample("red-day.jpg").toFile());
        ClipMaker.write(dir.resolve("ok.mp4"), 256, 256, 4, 2, i -> still);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path mine = Files.writeString(out.resolve("ok.t000001.000.occlusion.json"), "my notes");
        CliRun run = run(dir.toString(), "--out", out.toString(), "--frames");
        assertEquals(1, run.exit(), run.toString());
        assertEquals(1, run.stderrLines().size(), run.toString());
        assertTrue(run.stderr().contains("1 of 2 sampled frames failed (first frame 2 at 1.000 s: its output " + mine
                + " exists and is not this tool's)"), run.stderr());
        assertEquals("my notes", Files.readString(mine));
    }

    /** A name too long for its outputs is refused in one line; a long name that fits is mapped (its temporaries fit too). */
    @Test
    void longNames() throws Exception {
        Path dir = tmp.resolve("in");
        String fits = "f".repeat(235); // f...f.occlusion.json is 250 bytes, its temporary would pass 255
        sample(dir, fits + ".jpg");
        String tooLong = "g".repeat(250) + ".jpg";
        sample(dir, tooLong);
        Path out = tmp.resolve("out");
        CliRun run = run(dir.toString(), "--out", out.toString());
        assertEquals(1, run.exit(), run.toString());
        assertEquals(1, run.stderrLines().size(), run.toString());
        assertTrue(run.stderr().contains(tooLong + ": its output name") && run.stderr().contains("255 bytes"),
                run.stderr());
        assertTrue(Files.exists(out.resolve(fits + ".occlusion.json")), run.toString());
        try (Stream<Path> s = Files.list(out)) {
            assertFalse(s.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary left");
        }
    }

    private static void collectPaths(JsonElement e, List<String> into) {
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                if (m.getKey().equals("source")) {
                    continue;
                }
                if (m.getValue().isJsonPrimitive() && m.getValue().getAsJsonPrimitive().isString()
                        && m.getValue().getAsString().contains(".occlusion.")) {
                    into.add(m.getValue().getAsString());
                } else {
                    collectPaths(m.getValue(), into);
                }
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collectPaths(x, into));
        }
    }
}
