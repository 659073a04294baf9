package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.Npy;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 41, read back from the written pictures of the shipped network on the Nexar frames: a
 * colour scale fitted to the pixels (the heat visible), the lamp keeping its hue under every pass
 * and class, and passes that say why they stop.
 */
@Tag("model")
class PicturesReadRightTest {
    private static final int CYAN = 0x00e5ff;

    @TempDir
    Path tmp;

    private JsonObject run(String frame, String... args) {
        List<String> a = new ArrayList<>(List.of(TestData.nexarFrame(frame).toString(), "--model",
                TestData.nexarModel().toString(), "--out", tmp.toString(), "-q"));
        a.addAll(List.of(args));
        CliRun run = CliRun.of(a.toArray(String[]::new));
        assertEquals(0, run.exit(), run.toString());
        JsonObject o = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        o.addProperty("stderr", run.stderr());
        return o;
    }

    private static double diff(int a, int b) {
        return (Math.abs((a >> 16 & 255) - (b >> 16 & 255)) + Math.abs((a >> 8 & 255) - (b >> 8 & 255))
                + Math.abs((a & 255) - (b & 255))) / 3.0;
    }

    /**
     * night-red at P64 S16: the bar spans the pixels' values up to the 98th percentile of their fall
     * (not the worst patch's 0.1552, which gets a cyan arrow past the bar's end), the JSON says so,
     * and inside the important region (a fall of at least half the largest pixel's) the overlay
     * differs from the frame by 40/255 or more on average (26/255 before, when the bar reached the
     * worst patch), at least 20 times what it does outside.
     */
    @Test
    void theScaleFitsThePixelsAndTheHeatShows() throws Exception {
        JsonObject o = run("night-red.png", "--patch", "64", "--stride", "16");
        JsonObject scale = o.getAsJsonObject("scale");
        double clean = o.getAsJsonObject("prediction").getAsJsonObject("probabilities").get("red").getAsDouble();
        Npy.Array2D map = Npy.read(tmp.resolve("night-red.occlusion.npy"));
        double lowest = 1;
        for (float v : map.data()) {
            lowest = Math.min(lowest, v);
        }
        assertEquals(98, scale.get("percentile").getAsInt(), scale.toString());
        double saturation = scale.get("saturation").getAsDouble();
        assertTrue(saturation > 0.3 && saturation <= clean - lowest + 1e-6, scale.toString());
        assertEquals(clean - saturation, scale.get("low").getAsDouble(), 1e-5, "the bar ends where the colour is full");
        assertTrue(scale.get("low").getAsDouble() > o.getAsJsonObject("min").get("probability").getAsDouble() + 0.3,
                "the worst patch is not the bar's end: " + scale);
        int beyond = 0;
        int moving = 0;
        for (float v : map.data()) {
            moving += clean - v >= 1e-4 ? 1 : 0;
            beyond += clean - v > saturation ? 1 : 0;
        }
        assertEquals((double) beyond / moving, scale.get("clipped").getAsDouble(), 1e-3, "the share clipped");

        BufferedImage source = new ImageLoader().load(TestData.nexarFrame("night-red.png"));
        BufferedImage overlay = ImageIO.read(tmp.resolve("night-red.occlusion.png").toFile());
        int w = source.getWidth();
        int h = source.getHeight();
        double inside = 0;
        double outside = 0;
        int in = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double d = diff(source.getRGB(x, y), overlay.getRGB(x, y));
                if (clean - map.data()[y * w + x] >= 0.5 * (clean - lowest)) {
                    inside += d;
                    in++;
                } else {
                    outside += d;
                }
            }
        }
        inside /= in;
        outside /= w * h - in;
        assertTrue(inside >= 40 && inside >= 20 * outside, "mean difference inside " + inside + ", outside " + outside);

        int arrow = 0; // the worst patch's arrow and number below the bar, in the picture's lowest rows
        for (int y = h - 30; y < h; y++) {
            for (int x = w; x < overlay.getWidth(); x++) {
                arrow += (overlay.getRGB(x, y) & 0xffffff) == CYAN ? 1 : 0;
            }
        }
        assertTrue(arrow > 20, "a cyan arrow past the bar's end: " + arrow + " pixels");
        assertTrue(captionSays(overlay, "CYAN ARROW: WORST PATCH"), "the caption names the arrow it draws");
        assertFalse(captionSays(overlay, "CYAN LINE: WORST PATCH"), "no cyan line to find on the bar");
    }

    /** The lamp keeps its hue under the worst patch of each pass of green-two-lights at P32 S16 (the pass 2 was amber). */
    @Test
    void theGreenLampStaysGreenUnderEveryPass() throws Exception {
        JsonObject o = run("green-two-lights.png", "--patch", "32", "--stride", "16", "--passes", "2");
        BufferedImage source = new ImageLoader().load(TestData.nexarFrame("green-two-lights.png"));
        assertEquals(2, o.getAsJsonArray("passes").size());
        for (JsonElement e : o.getAsJsonArray("passes")) {
            JsonObject p = e.getAsJsonObject();
            JsonObject min = p.getAsJsonObject("min");
            BufferedImage overlay = ImageIO.read(Path.of(p.getAsJsonObject("outputs").get("overlay").getAsString()).toFile());
            LampColour lamp = LampColour.of(source, overlay, min.get("x").getAsInt(), min.get("y").getAsInt(),
                    min.get("width").getAsInt(), min.get("height").getAsInt());
            assertTrue(lamp.strong() >= 10 && lamp.holds(), "pass " + p.get("pass") + ": " + lamp);
        }
    }

    /** With --class all, every class's picture keeps night-red's lamp red under the worst patch. */
    @Test
    void theRedLampStaysRedUnderEveryClass() throws Exception {
        JsonObject o = run("night-red.png", "--patch", "64", "--stride", "16", "--class", "all");
        BufferedImage source = new ImageLoader().load(TestData.nexarFrame("night-red.png"));
        JsonObject min = o.getAsJsonObject("min");
        for (var c : o.getAsJsonObject("classes").entrySet()) {
            BufferedImage overlay = ImageIO.read(Path.of(c.getValue().getAsJsonObject().getAsJsonObject("outputs")
                    .get("overlay").getAsString()).toFile());
            LampColour lamp = LampColour.of(source, overlay, min.get("x").getAsInt(), min.get("y").getAsInt(),
                    min.get("width").getAsInt(), min.get("height").getAsInt());
            assertTrue(lamp.strong() > 50 && lamp.holds(), c.getKey() + ": " + lamp);
        }
    }

    /**
     * Two passes asked for are two passes by default (the second finds night-red's other light); with
     * --stop-below 0.5 the pass not run is one stderr line and the JSON's passes_stop.
     */
    @Test
    void passesSayWhyTheyStop() {
        JsonObject both = run("night-red.png", "--patch", "64", "--stride", "32", "--passes", "2");
        assertEquals(2, both.getAsJsonArray("passes").size(), both.toString());
        assertFalse(both.has("passes_stop"));
        assertEquals("", both.get("stderr").getAsString());
        JsonObject second = both.getAsJsonArray("passes").get(1).getAsJsonObject().getAsJsonObject("min");
        assertEquals(289, second.get("x").getAsInt(), "pass 2 finds the second red light: " + second);

        JsonObject one = run("night-red.png", "--patch", "64", "--stride", "32", "--passes", "2", "--stop-below", "0.5");
        assertEquals(1, one.getAsJsonArray("passes").size());
        JsonObject stop = one.getAsJsonObject("passes_stop");
        assertEquals(1, stop.get("after").getAsInt());
        assertEquals("stop-below", stop.get("reason").getAsString());
        assertEquals(0.256, stop.get("probability").getAsDouble(), 1e-3);
        assertEquals(0.5, stop.get("stop_below").getAsDouble());
        String err = one.get("stderr").getAsString();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("night-red.png: stopped after pass 1: p=0.2563 < 0.5 (--stop-below)"), err);
    }

    /**
     * Whether {@code text} is written in the caption of an overlay of a 256-pixel-high frame: its
     * bitmap (the tool's font, 2 pixels per font pixel, on the caption's background) found at a
     * character's place on one of the caption's lines.
     */
    private static boolean captionSays(BufferedImage overlay, String text) {
        int scale = 2;
        int w = dev.occlude.render.PixelFont.width(text, scale);
        int h = dev.occlude.render.PixelFont.height(scale);
        BufferedImage want = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                want.setRGB(x, y, 0x202020);
            }
        }
        dev.occlude.render.PixelFont.draw(want, text, 0, 0, scale, 0xf0f0f0);
        int pad = 3 * scale;
        for (int top = 256 + pad; top + h <= overlay.getHeight(); top += h + 2 * scale) {
            for (int left = pad; left + w <= overlay.getWidth(); left += dev.occlude.render.PixelFont.ADVANCE * scale) {
                boolean same = true;
                for (int y = 0; y < h && same; y++) {
                    for (int x = 0; x < w && same; x++) {
                        same = (overlay.getRGB(left + x, top + y) & 0xffffff) == (want.getRGB(x, y) & 0xffffff);
                    }
                }
                if (same) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * night-red with two sizes, every class and their mean: seven files, three of them the same
     * picture (the main map is the 64-px one and the predicted class's): the scale's line counts five.
     */
    @Test
    void byteIdenticalFilesAreOnePictureOnTheScalesLine() throws Exception {
        JsonObject o = run("night-red.png", "--patch", "64,32", "--stride", "32", "--class", "all", "--combine");
        List<Path> files = new ArrayList<>();
        try (var list = java.nio.file.Files.list(tmp)) {
            list.filter(f -> f.toString().endsWith(".occlusion.png")).sorted().forEach(files::add);
        }
        assertEquals(7, files.size(), files.toString());
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (Path f : files) {
            distinct.add(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(java.nio.file.Files.readAllBytes(f))));
        }
        assertEquals(5, distinct.size(), "main = p64 = red");
        BufferedImage main = ImageIO.read(Path.of(o.getAsJsonObject("outputs").get("overlay").getAsString()).toFile());
        assertTrue(captionSays(main, "ONE SCALE FOR THIS IMAGE'S 5 PICTURES"), "five pictures, not seven");
        assertFalse(captionSays(main, "ONE SCALE FOR THIS IMAGE'S 7 PICTURES"));
    }

    /** The pass-2 picture's white line is p with patch 1 hidden, and its caption says so (not "clean p"). */
    @Test
    void thePassTwoWhiteLineIsLabelledWhatItIs() throws Exception {
        JsonObject o = run("green-two-lights.png", "--patch", "32", "--stride", "16", "--passes", "2");
        JsonObject pass2 = o.getAsJsonArray("passes").get(1).getAsJsonObject();
        BufferedImage picture = ImageIO.read(Path.of(pass2.getAsJsonObject("outputs").get("overlay").getAsString()).toFile());
        assertTrue(captionSays(picture, "WHITE LINE: P WITH PATCH 1 HIDDEN"), "the white line named");
        assertFalse(captionSays(picture, "WHITE LINE: CLEAN P"));
        BufferedImage first = ImageIO.read(Path.of(o.getAsJsonObject("outputs").get("overlay").getAsString()).toFile());
        assertTrue(captionSays(first, "WHITE LINE: CLEAN P"), "pass 1's is the clean probability");
    }

    /** P64 S64 on night-red never covers the lamp whole ("nothing to show"): the caption says why a stride = patch can miss. */
    @Test
    void aStrideEqualToThePatchSaysItCanStraddleTheObject() throws Exception {
        JsonObject o = run("night-red.png", "--patch", "64", "--stride", "64");
        BufferedImage picture = ImageIO.read(Path.of(o.getAsJsonObject("outputs").get("overlay").getAsString()).toFile());
        assertTrue(captionSays(picture, "STRIDE >= PATCH: AN OBJECT ACROSS A PATCH"), "the stride's line");
        JsonObject overlapping = run("night-red.png", "--patch", "64", "--stride", "32");
        assertFalse(captionSays(ImageIO.read(Path.of(overlapping.getAsJsonObject("outputs").get("overlay").getAsString())
                .toFile()), "STRIDE >= PATCH: AN OBJECT ACROSS A PATCH"), "not where patches overlap");
    }
}
