package dev.occlude.cli;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scale per question, read back from the written pictures: the overlays of one image share
 * their bar's scale (its tick labels are the same pixels) and the JSON says which; a video's
 * frames share the absolute one; a class that is not the prediction gets the patch that raises it
 * most, in the JSON and drawn in blue, and no worst-patch box when nothing lowers it.
 */
@Tag("model")
class PictureScaleTest {
    private static final int RISE = 0x4aa3ff;
    private static final int CYAN = 0x00e5ff;

    @TempDir
    Path tmp;

    @Test
    void theOverlaysOfOneImageShareOneScaleAndRaisingPatchesAreDrawn() throws Exception {
        CliRun run = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model",
                TestData.nexarModel().toString(), "--patch", "64,32", "--stride", "32", "--combine", "--class", "all",
                "--out", tmp.toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        JsonObject o = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        JsonObject scale = o.getAsJsonObject("scale");
        double low = scale.get("low").getAsDouble();
        double high = scale.get("high").getAsDouble();
        assertTrue(0 <= low && low < high && high <= 1, scale.toString());

        List<Path> overlays = new ArrayList<>();
        overlays.add(Path.of(o.getAsJsonObject("outputs").get("overlay").getAsString()));
        overlays.add(Path.of(o.getAsJsonObject("combined").getAsJsonObject("outputs").get("overlay").getAsString()));
        for (JsonElement s : o.getAsJsonArray("sizes")) {
            overlays.add(Path.of(s.getAsJsonObject().getAsJsonObject("outputs").get("overlay").getAsString()));
            double p = s.getAsJsonObject().getAsJsonObject("min").get("probability").getAsDouble();
            assertTrue(p >= low && p <= high, "every size's worst patch is on the scale: " + p);
        }
        String predicted = o.getAsJsonObject("prediction").get("class").getAsString();
        Map<String, Double> clean = new java.util.HashMap<>();
        o.getAsJsonObject("prediction").getAsJsonObject("probabilities").entrySet()
                .forEach(e -> clean.put(e.getKey(), e.getValue().getAsDouble()));
        int raised = 0;
        for (Map.Entry<String, JsonElement> c : o.getAsJsonObject("classes").entrySet()) {
            JsonObject v = c.getValue().getAsJsonObject();
            Path overlay = Path.of(v.getAsJsonObject("outputs").get("overlay").getAsString());
            overlays.add(overlay);
            assertEquals(!c.getKey().equals(predicted), v.has("max"), c.getKey() + ": a raising patch only for "
                    + "classes other than the prediction");
            BufferedImage picture = ImageIO.read(overlay.toFile());
            if (v.has("max")) {
                JsonObject max = v.getAsJsonObject("max");
                double p = max.get("probability").getAsDouble();
                assertTrue(p >= low && p <= high, c.getKey() + "'s raising patch is on the scale: " + p);
                boolean drawn = p - clean.get(c.getKey()) >= 0.01;
                int x = max.get("x").getAsInt();
                int y = max.get("y").getAsInt();
                assertEquals(drawn, (picture.getRGB(x, y) & 0xffffff) == RISE, c.getKey() + ": the blue box at its "
                        + "corner exactly when it raises the class by 0.01 or more");
                raised += drawn ? 1 : 0;
            }
            double lowest = v.getAsJsonObject("min").get("probability").getAsDouble();
            if (clean.get(c.getKey()) - lowest < 0.01) {
                assertEquals(0, count(picture, CYAN), c.getKey() + ": nothing lowers it, so no worst-patch box");
            }
        }
        assertTrue(raised >= 1, "hiding the lamp raises P(none) on night-red: " + o.get("classes"));

        // the tick labels right of the bar: the same pixels in every overlay of the image
        int[] first = labels(ImageIO.read(overlays.get(0).toFile()), 455, 256);
        for (Path p : overlays) {
            assertTrue(java.util.Arrays.equals(first, labels(ImageIO.read(p.toFile()), 455, 256)), p + " has another scale");
        }
        assertEquals(7, overlays.size());
    }

    @Test
    void theFramesOfAVideoShareTheAbsoluteScale() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        BufferedImage red = ImageIO.read(TestData.generatedSample("red-day.jpg").toFile());
        BufferedImage green = ImageIO.read(TestData.generatedSample("green-day.jpg").toFile());
        ClipMaker.write(dir.resolve("drive.mp4"), 256, 256, 4, 2, i -> i < 4 ? red : green);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of(dir.resolve("drive.mp4").toString(), "--model", TestData.syntheticModel().toString(),
                "--patch", "128", "--stride", "64", "--out", out.toString(), "--frames", "-q");
        assertEquals(0, run.exit(), run.toString());
        int[] first = null;
        int frames = 0;
        for (String line : run.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (!o.has("frame")) {
                continue;
            }
            JsonObject scale = o.getAsJsonObject("scale");
            assertEquals(0.0, scale.get("low").getAsDouble(), line);
            assertEquals(1.0, scale.get("high").getAsDouble(), line);
            int[] labels = labels(ImageIO.read(Path.of(o.getAsJsonObject("outputs").get("overlay").getAsString()).toFile()), 256, 256);
            first = first == null ? labels : first;
            assertTrue(java.util.Arrays.equals(first, labels), "frame " + o.get("frame") + " has another scale");
            frames++;
        }
        assertTrue(frames >= 2, run.toString());
    }

    /** The tick labels' pixels: right of the bar of a picture {@code w} wide, over its {@code h} rows. */
    private static int[] labels(BufferedImage overlay, int w, int h) {
        int x0 = w + 6 + 12 + 6; // pad, bar, pad at 2 pixels per font pixel
        return overlay.getRGB(x0, 0, overlay.getWidth() - x0, h, null, 0, overlay.getWidth() - x0);
    }

    private static int count(BufferedImage picture, int rgb) {
        int n = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 455; x++) {
                n += (picture.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
