package dev.occlude.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.JpegFiles;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's thumbnails read back: drawn as the run's overlays, small on disk, and light on memory. */
@Tag("model")
class ReportPicturesTest {
    @TempDir
    Path tmp;

    /** The thumbnail is the overlay's picture, small: in the article look, the article's colours; in focus, the focus's. */
    @Test
    void thumbnailsAreDrawnWithTheRunsLook() throws Exception {
        double[] difference = new double[2];
        BufferedImage[] overlays = new BufferedImage[2];
        BufferedImage[] thumbs = new BufferedImage[2];
        int k = 0;
        for (String look : List.of("article", "focus")) {
            Path out = tmp.resolve(look);
            CliRun run = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model",
                    TestData.nexarModel().toString(), "--patch", "64", "--stride", "32", "--look", look, "--out",
                    out.resolve("maps").toString(), "--report", out.resolve("report").toString(), "-q");
            assertEquals(0, run.exit(), run.toString());
            JsonObject line = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
            BufferedImage overlay = ImageIO.read(Path.of(line.getAsJsonObject("outputs").get("overlay").getAsString())
                    .toFile()).getSubimage(0, 0, 455, 256);
            Path thumbFile = only(out.resolve("report/images"));
            assertTrue(JpegFiles.isMarked(thumbFile), "a JPEG this tool marked: " + thumbFile);
            BufferedImage thumb = ImageIO.read(thumbFile.toFile());
            assertEquals(240, thumb.getWidth());
            overlays[k] = overlay;
            thumbs[k] = thumb;
            difference[k++] = meanDifference(thumb, overlay);
        }
        // each look's thumbnail is its overlay shrunk (within JPEG's and the resampling's error) ...
        assertTrue(difference[0] < 10 && difference[1] < 10, "thumbnail against its overlay: "
                + java.util.Arrays.toString(difference));
        // ... and closer to it than to the other look's overlay
        double[] crossed = {meanDifference(thumbs[0], overlays[1]), meanDifference(thumbs[1], overlays[0])};
        assertTrue(crossed[0] > 1.5 * difference[0] && crossed[1] > 1.5 * difference[1], "own "
                + java.util.Arrays.toString(difference) + ", the other look's " + java.util.Arrays.toString(crossed));
    }

    /** On real frames a thumbnail takes under 10 KB: ten thousand images make under 100 MB. */
    @Test
    void thumbnailsOfRealFramesAreUnderTenKilobytes() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String f : TestData.NEXAR_FRAMES) {
            Files.copy(TestData.nexarFrame(f), in.resolve(f));
        }
        for (String f : List.of("red-day.jpg", "green-two-lights.jpg", "none-parking-sign-night.jpg")) {
            Files.copy(TestData.generatedSample(f), in.resolve(f));
        }
        CliRun run = CliRun.of(in.toString(), "--model", TestData.nexarModel().toString(), "--patch", "128", "--stride",
                "64", "--out", tmp.resolve("maps").toString(), "--report", tmp.resolve("report").toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        try (Stream<Path> files = Files.list(tmp.resolve("report/images"))) {
            List<Path> thumbs = files.toList();
            assertEquals(6, thumbs.size());
            for (Path t : thumbs) {
                assertTrue(Files.size(t) < 10_000, t + ": " + Files.size(t) + " bytes");
            }
        }
    }

    /**
     * Ten thousand distinct images (each its own source, map and overlay) make a report in a child
     * JVM held to a 256 MB heap: nothing per image is kept while the thumbnails are drawn.
     */
    @Test
    void tenThousandDistinctImagesFitInASmallHeap() throws Exception {
        Path small = tmp.resolve("small.png");
        BufferedImage frame = ImageIO.read(TestData.nexarFrame("night-red.png").toFile());
        BufferedImage scaled = Thumbnails.scaled(frame, 160);
        ImageIO.write(scaled, "png", small.toFile());
        CliRun run = CliRun.of(small.toString(), "--model", TestData.syntheticModel().toString(), "--patch", "64",
                "--stride", "32", "--out", tmp.resolve("one").toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        JsonObject line = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        Path overlay = Path.of(line.getAsJsonObject("outputs").get("overlay").getAsString());
        Path map = Path.of(line.getAsJsonObject("outputs").get("map").getAsString());
        Path dir = Files.createDirectories(tmp.resolve("many"));
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            // hard links: distinct files to the report, one copy on the disk
            String n = String.format("f%05d", i);
            Files.createLink(dir.resolve(n + ".png"), small);
            Files.createLink(dir.resolve(n + ".occlusion.png"), overlay);
            Files.createLink(dir.resolve(n + ".occlusion.npy"), map);
            line.addProperty("image", dir.resolve(n + ".png").toString());
            JsonObject outputs = new JsonObject();
            outputs.addProperty("overlay", dir.resolve(n + ".occlusion.png").toString());
            outputs.addProperty("map", dir.resolve(n + ".occlusion.npy").toString());
            line.add("outputs", outputs);
            line.remove("source");
            lines.append(line).append('\n');
        }
        Path results = Files.writeString(tmp.resolve("results.jsonl"), lines, StandardCharsets.UTF_8);
        List<String> command = TestData.childJava("-Xmx256m");
        command.addAll(List.of("report", results.toString(), "--out", tmp.resolve("report").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile())
                .start();
        assertEquals(0, p.waitFor(), Files.readString(tmp.resolve("log.txt")));
        try (Stream<Path> files = Files.list(tmp.resolve("report/images"))) {
            assertEquals(10_000, files.count(), "a thumbnail per image");
        }
    }

    private static Path only(Path dir) throws java.io.IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    /** The mean absolute difference per channel between {@code small} and {@code big} sampled at small's pixels. */
    private static double meanDifference(BufferedImage small, BufferedImage big) {
        double sum = 0;
        int n = 0;
        for (int y = 2; y < small.getHeight() - 2; y++) {
            for (int x = 2; x < small.getWidth() - 2; x++) {
                int a = small.getRGB(x, y);
                int b = big.getRGB(x * big.getWidth() / small.getWidth(), y * big.getHeight() / small.getHeight());
                for (int s = 0; s <= 16; s += 8) {
                    sum += Math.abs((a >> s & 255) - (b >> s & 255));
                    n++;
                }
            }
        }
        return sum / n;
    }
}
