package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.Npy;
import dev.occlude.render.Colormap;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overlay as written and decoded back: the frame untouched where nothing moved, coloured where it did. */
@Tag("model")
class OverlayPixelsTest {
    @TempDir
    Path tmp;

    private static int distance(int a, int b) {
        return Math.max(Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)),
                Math.max(Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff)), Math.abs((a & 0xff) - (b & 0xff))));
    }

    @Test
    void pixelsFarFromAnyChangeKeepTheSourceColours() throws Exception {
        Path frame = TestData.nexarFrame("night-red.png");
        JsonObject line = nightRed("32");
        double clean = line.getAsJsonObject("prediction").getAsJsonObject("probabilities").get("red").getAsDouble();
        BufferedImage source = new ImageLoader().load(frame);
        BufferedImage overlay = ImageIO.read(tmp.resolve("night-red.occlusion.png").toFile());
        Npy.Array2D map = Npy.read(tmp.resolve("night-red.occlusion.npy"));
        double lowest = 1;
        for (float v : map.data()) {
            lowest = Math.min(lowest, v);
        }
        int still = 0;
        int moved = 0;
        int coloured = 0;
        for (int y = 0; y < source.getHeight(); y++) {
            for (int x = 0; x < source.getWidth(); x++) {
                float v = map.data()[y * map.cols() + x];
                int d = distance(source.getRGB(x, y), overlay.getRGB(x, y));
                boolean outline = (overlay.getRGB(x, y) & 0xffffff) == Colormap.INFERNO.color(0.85);
                if (outline) {
                    continue; // the important region's outline, drawn just outside it
                }
                if (Float.isNaN(v) || Math.abs(clean - v) < 0.01 * (clean - lowest)) {
                    still++;
                    assertTrue(d <= 3, "unchanged at " + x + "," + y + ": the source's colour (off by " + d + ")");
                } else if (clean - v > 0.5 * (clean - lowest)) {
                    moved++;
                    coloured += d > 15 ? 1 : 0;
                }
            }
        }
        int pixels = source.getWidth() * source.getHeight();
        assertTrue(still > pixels / 2, "most of the night frame does not move the network: " + still + " of " + pixels);
        // (a lamp's own bright pixels may already be the colour laid on them)
        assertTrue(moved > 1000 && coloured >= 0.95 * moved, "where the probability falls by half its range or more, "
                + "colour: " + coloured + " of " + moved);
    }

    /**
     * The object under the important region stays recognisable: on night-red's worst patch (P64
     * S16), at least 60% of the frame's strongly coloured pixels (the red lamp: HSV saturation
     * over 128 and value over 80 of 255) keep their hue within 30 degrees, and the overlay's
     * luminance follows the frame's (Pearson r at least 0.7).
     */
    @Test
    void theLampStaysRedUnderTheColour() throws Exception {
        Path frame = TestData.nexarFrame("night-red.png");
        JsonObject min = nightRed("16").getAsJsonObject("min");
        BufferedImage source = new ImageLoader().load(frame);
        BufferedImage overlay = ImageIO.read(tmp.resolve("night-red.occlusion.png").toFile());
        LampColour lamp = LampColour.of(source, overlay, min.get("x").getAsInt(), min.get("y").getAsInt(),
                min.get("width").getAsInt(), min.get("height").getAsInt());
        assertTrue(lamp.strong() > 50, "the lamp is in the worst patch: " + lamp);
        assertTrue(lamp.holds(), lamp.toString());
    }

    /** night-red mapped by the shipped network at patch 64 and this stride, into tmp: its JSON line. */
    private JsonObject nightRed(String stride) {
        CliRun run = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model", TestData.nexarModel().toString(),
                "--patch", "64", "--stride", stride, "--out", tmp.toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        return JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
    }
}
