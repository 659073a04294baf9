package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.PngFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 40, item 10 through the real command: repeated occlusion never writes a pass that repeats
 * the one before (it stops and says why, on stderr and in the JSON), and {@code report --copy}
 * shows a placeholder for an overlay that is empty or cut short, saying so once per file.
 */
@Tag("model")
class PassesAndReportCopyTest {
    @TempDir
    Path tmp;

    private static final String[] FAST = {"-q", "--model", "", "--patch", "128", "--stride", "128"};

    private static CliRun occlude(String... first) {
        List<String> a = new ArrayList<>(List.of(first));
        String[] fast = FAST.clone();
        fast[2] = TestData.syntheticModel().toString();
        a.addAll(List.of(fast));
        return CliRun.of(a.toArray(String[]::new));
    }

    @Test
    void passesStopBeforeRepeatingAMapAndSayWhy() throws Exception {
        Path out = tmp.resolve("o");
        CliRun run = occlude(TestData.generatedSample("red-day.jpg").toString(), "--out", out.toString(),
                "--passes", "100", "--stop-below", "0");
        assertEquals(0, run.exit(), run.toString());
        JsonObject line = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        int passes = line.getAsJsonArray("passes").size();
        assertTrue(passes < 100, passes + " passes");
        JsonObject passesStop = line.getAsJsonObject("passes_stop");
        assertEquals(passes, passesStop.get("after").getAsInt(), passesStop.toString());
        String stop = passesStop.get("reason").getAsString();
        assertTrue(Set.of("worst-hidden", "no-change").contains(stop), stop);
        assertEquals(1, run.stderrLines().size(), run.stderr());
        assertTrue(run.stderr().startsWith("occlude: " + TestData.generatedSample("red-day.jpg") + ": stopped after pass "
                + passes + ": "), run.stderr());
        // no two pass maps alike
        Set<String> maps = new HashSet<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path npy : files.filter(f -> f.toString().endsWith(".occlusion.npy")).toList()) {
                assertTrue(maps.add(java.util.HexFormat.of().formatHex(java.security.MessageDigest
                        .getInstance("SHA-256").digest(Files.readAllBytes(npy)))), npy + " repeats an earlier pass");
            }
        }
        assertEquals(passes, maps.size());
    }

    /** A picture already of the fill's colour: hiding its worst patch changes no pixel, so pass 2 would be pass 1 again. */
    @Test
    void aPassThatWouldChangeNoPixelIsNotMade() throws Exception {
        java.awt.image.BufferedImage flat = new java.awt.image.BufferedImage(200, 120,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = flat.createGraphics();
        g.setColor(new java.awt.Color(0x80, 0x80, 0x80));
        g.fillRect(0, 0, 200, 120);
        g.dispose();
        Path grey = tmp.resolve("grey.png");
        javax.imageio.ImageIO.write(flat, "png", grey.toFile());
        Path out = tmp.resolve("o");
        CliRun run = occlude(grey.toString(), "--out", out.toString(), "--passes", "100", "--stop-below", "0",
                "--fill", "#808080");
        assertEquals(0, run.exit(), run.toString());
        JsonObject line = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        assertEquals("worst-hidden", line.getAsJsonObject("passes_stop").get("reason").getAsString(), line.toString());
        assertEquals(List.of("occlude: " + grey + ": stopped after pass 1: its worst patch is hidden already (another "
                + "pass would repeat it)"), run.stderrLines());
        assertTrue(Files.notExists(out.resolve("grey.pass2.occlusion.npy")), "no pass repeating the first");
    }

    @Test
    void reportCopyShowsAPlaceholderForAnEmptyOrCutOverlay() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String name : List.of("red-day.jpg", "green-day.jpg", "none-tail-lights.jpg")) {
            Files.copy(TestData.generatedSample(name), in.resolve(name));
        }
        Path out = tmp.resolve("o");
        CliRun run = occlude(in.toString(), "--out", out.toString());
        assertEquals(0, run.exit(), run.toString());
        Path results = Files.writeString(tmp.resolve("results.jsonl"), run.stdout());
        Path empty = out.resolve("red-day.occlusion.png");
        Files.write(empty, new byte[0]);
        Path cut = out.resolve("green-day.occlusion.png");
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));

        Path report = tmp.resolve("r");
        CliRun copy = CliRun.of("report", results.toString(), "--out", report.toString(), "--copy");
        assertEquals(1, copy.exit(), copy.toString());
        assertEquals(List.of(
                "occlude: " + empty + ": empty or cut short (not a whole PNG); a placeholder is shown in the report",
                "occlude: " + cut + ": empty or cut short (not a whole PNG); a placeholder is shown in the report"),
                copy.stderrLines().stream().sorted((a, b) -> a.contains("red-day") ? -1 : 1).toList());
        String html = Files.readString(report.resolve("index.html"));
        try (Stream<Path> files = Files.list(report.resolve("images"))) {
            List<Path> placeholders = files.filter(f -> f.toString().endsWith(".missing.png")).toList();
            assertEquals(2, placeholders.size(), placeholders.toString());
            for (Path p : placeholders) {
                assertTrue(PngFiles.isComplete(p), p.toString());
                assertTrue(html.contains("images/" + p.getFileName()), p + " shown on the page");
            }
        }
        // the whole overlay is copied as it was
        try (Stream<Path> files = Files.list(report.resolve("images"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().contains("none-tail-lights")
                    && f.toString().endsWith(".png") && !f.toString().endsWith(".missing.png")));
        }
    }
}
