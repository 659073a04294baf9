package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.video.ClipMaker;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the fault lives outside the JVM: a real pipe, real names of bytes, real links, real tiny videos. */
@Tag("model")
class PipesAndNamesTest {
    @TempDir
    Path tmp;

    private static final List<String> FAST = List.of("--model", TestData.syntheticModel().toString(), "--patch", "128",
            "--stride", "128", "--batch", "4", "--workers", "1");

    private static CliRun run(String... first) {
        List<String> a = new ArrayList<>(List.of(first));
        a.addAll(FAST);
        a.add("-q");
        return CliRun.of(a.toArray(String[]::new));
    }

    private Path sample(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(TestData.generatedSample("red-day.jpg"), dir.resolve(name));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** {@code occlude DIR | head -n 1} through a real shell pipe: the run stops, exit 1, one line on stderr. */
    @Test
    void aClosedPipeStopsTheRun() throws Exception {
        Path dir = tmp.resolve("in");
        for (int i = 0; i < 8; i++) {
            sample(dir, "f" + i + ".jpg");
        }
        Path out = tmp.resolve("out");
        List<String> java = TestData.childJava();
        java.addAll(List.of(dir.toString(), "--out", out.toString(), "-q"));
        java.addAll(FAST);
        String command = String.join(" ", java.stream().map(PipesAndNamesTest::quote).toList())
                + " 2>" + quote(tmp.resolve("err.txt").toString()) + " | head -n 1 >" + quote(tmp.resolve("first.txt")
                .toString()) + "; echo \"${PIPESTATUS[0]}\"";
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        String err = Files.readString(tmp.resolve("err.txt"));
        assertEquals("1", status, "occlude's exit code; stderr: " + err);
        assertTrue(Files.readString(tmp.resolve("first.txt")).contains("\"image\""));
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("occlude: standard output closed after "), err);
        try (Stream<Path> s = Files.list(out)) {
            long records = s.filter(f -> f.toString().endsWith(".occlusion.json")).count();
            assertTrue(records < 8, "the run stopped: " + records + " of 8 images done");
        }
    }

    /** A name of Latin-1 bytes under UTF-8 is refused in one line showing its bytes; the other images are mapped. */
    @Test
    void aNameThatIsNotUtf8IsOneClearLine() throws Exception {
        Path dir = tmp.resolve("in");
        sample(dir, "ok.jpg");
        Process cp = new ProcessBuilder("bash", "-c", "cp " + quote(TestData.generatedSample("red-day.jpg").toString())
                + " " + quote(dir.toString()) + "/$'lat\\xe9.jpg'").inheritIO().start();
        assertEquals(0, cp.waitFor());
        CliRun r = run(dir.toString(), "--out", tmp.resolve("out").toString());
        assertEquals(1, r.exit(), r.toString());
        assertEquals(List.of("occlude: " + dir + "/lat%E9.jpg: its name is not valid in this system's file-name "
                + "encoding (UTF-8), so no result line could name it; rename it (convmv -f latin1 -t utf-8, for instance)"),
                r.stderrLines());
        assertEquals(2, r.stdoutLines().size(), r.toString());
        assertTrue(Files.exists(tmp.resolve("out/ok.occlusion.png")));
    }

    /**
     * A ladder of directory links (each level links twice to the one below: 2^20 paths to one
     * image) lists each real folder once: one image, one line. The same file named twice is mapped once.
     */
    @Test
    void everyRealFolderAndFileIsTakenOnce() throws Exception {
        Path root = tmp.resolve("ladder");
        Path level = Files.createDirectories(root.resolve("l0"));
        sample(level, "a.jpg");
        for (int i = 1; i <= 20; i++) {
            Path next = Files.createDirectories(root.resolve("l" + i));
            Files.createSymbolicLink(next.resolve("x"), level.toAbsolutePath());
            Files.createSymbolicLink(next.resolve("y"), level.toAbsolutePath());
            level = next;
        }
        CliRun r = run(level.toString(), "-r", "--out", tmp.resolve("out").toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(1, r.stdoutLines().size(), r.toString());

        Path a = root.resolve("l0/a.jpg");
        CliRun twice = run(a.toString(), root.resolve("l1/x/a.jpg").toString(), "--out", tmp.resolve("twice").toString());
        assertEquals(0, twice.exit(), twice.toString());
        assertEquals(1, twice.stdoutLines().size(), twice.toString());
        assertEquals(List.of("occlude: " + root.resolve("l1/x/a.jpg") + ": the same file as " + a + "; mapped once"),
                twice.stderrLines());
    }

    /** Tiny videos (1x1 to 32x32, H.264, FFV1, raw) in a batch: each is one line, and the next input is still done. */
    @Test
    void tinyVideosNeverEndTheBatch() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        BufferedImage black = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        ClipMaker.write(dir.resolve("tiny-h264-16.mp4"), 16, 16, 3, 1, i -> black);
        // odd sizes, made by the ffmpeg command line (src/test/resources/videos/tiny)
        for (String name : List.of("ffv1-1.avi", "raw-3.avi", "ffv1-15.avi", "raw-32.avi")) {
            Files.copy(Path.of("src/test/resources/videos/tiny", name), dir.resolve("tiny-" + name));
        }
        sample(dir, "z-last.jpg");
        CliRun r = run(dir.toString(), "--out", tmp.resolve("out").toString());
        assertTrue(r.exit() == 0 || r.exit() == 1, r.toString());
        assertTrue(!r.stderr().contains("unexpected failure") && !r.stderr().contains("Exception"), r.stderr());
        List<JsonObject> lines = r.stdoutLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        assertTrue(lines.get(lines.size() - 1).get("image").getAsString().endsWith("z-last.jpg"), r.toString());
        for (String name : List.of("tiny-h264-16.mp4", "tiny-ffv1-1.avi", "tiny-raw-3.avi", "tiny-ffv1-15.avi",
                "tiny-raw-32.avi")) {
            assertTrue(lines.stream().anyMatch(o -> o.get("image").getAsString().endsWith(name)), name + ": " + r);
        }
    }
}
