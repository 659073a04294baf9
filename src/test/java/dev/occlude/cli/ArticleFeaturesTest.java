package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.Npy;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The article's analyses, each one flag, on the real Nexar SqueezeNet (its experiments: ArticleExperimentsTest). */
@Tag("model")
class ArticleFeaturesTest {
    @TempDir
    Path tmp;

    private static final String TWO_LIGHTS = "green-two-lights.png";

    private JsonObject run(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of(TestData.nexarFrame(TWO_LIGHTS).toString(), "--model",
                TestData.nexarModel().toString(), "--out", out.toString(), "-q", "--batch", "4", "--workers", "1"));
        a.addAll(List.of(more));
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertEquals(0, r.exit(), r.toString());
        return JsonParser.parseString(r.stdoutLines().get(0)).getAsJsonObject();
    }

    @Test
    void aFixedScaleShowsWhatAutoStretches() throws Exception {
        Path auto = tmp.resolve("auto");
        Path fixed = tmp.resolve("fixed");
        // the article's look: the colour map over every pixel, where the scale decides every colour
        JsonObject json = run(auto, "--patch", "64", "--stride", "32", "--look", "article");
        run(fixed, "--patch", "64", "--stride", "32", "--scale", "0,1", "--look", "article");
        BufferedImage a = ImageIO.read(auto.resolve("green-two-lights.occlusion.png").toFile());
        BufferedImage f = ImageIO.read(fixed.resolve("green-two-lights.occlusion.png").toFile());
        // auto runs from the worst patch's probability to the clean one, a fixed 0..1 scale from 0: the
        // same probabilities take other colours
        int differing = 0;
        for (int yy = 0; yy < 256; yy++) {
            for (int xx = 0; xx < 455; xx++) {
                differing += Math.abs(luma(a.getRGB(xx, yy)) - luma(f.getRGB(xx, yy))) > 30 ? 1 : 0;
            }
        }
        // (auto reaches down to the worst patch, so it stretches less than when it stopped at the lowest mean)
        assertTrue(differing > 1000, "pixels whose brightness differs visibly (> 30 levels): " + differing);
    }

    @Test
    void severalPatchSizesAndTheirMean() throws Exception {
        JsonObject json = run(tmp, "--patch", "64,32", "--stride", "32,16", "--combine");
        JsonArray sizes = json.getAsJsonArray("sizes");
        assertEquals(2, sizes.size());
        assertEquals(64, sizes.get(0).getAsJsonObject().get("patch").getAsInt());
        assertEquals(558, sizes.get(1).getAsJsonObject().get("variants").getAsInt());
        float[] p64 = Npy.read(tmp.resolve("green-two-lights.p64.occlusion.npy")).data();
        float[] p32 = Npy.read(tmp.resolve("green-two-lights.p32.occlusion.npy")).data();
        float[] mean = Npy.read(tmp.resolve("green-two-lights.combined.occlusion.npy")).data();
        for (int i = 0; i < mean.length; i += 97) {
            assertEquals((p64[i] + p32[i]) / 2, mean[i], 1e-6, "pixel " + i);
        }
        assertTrue(json.has("combined"));
    }

    @Test
    void everyClassFromTheSamePasses() throws Exception {
        JsonObject json = run(tmp, "--patch", "64", "--stride", "32", "--class", "all");
        JsonObject classes = json.getAsJsonObject("classes");
        assertEquals(List.of("none", "red", "green"), new ArrayList<>(classes.keySet()));
        assertEquals(json.get("variants").getAsInt() - json.get("skipped").getAsInt(), json.get("forward_passes").getAsInt(),
                "one forward pass per variant for all three maps");
        float[][] maps = new float[3][];
        int k = 0;
        for (String c : classes.keySet()) {
            maps[k++] = Npy.read(tmp.resolve("green-two-lights." + c + ".occlusion.npy")).data();
        }
        for (int i = 0; i < maps[0].length; i += 53) {
            assertEquals(1.0, maps[0][i] + maps[1][i] + maps[2][i], 1e-4, "the class maps sum to one at pixel " + i);
        }
    }

    @Test
    void theWorstVariantAndTheDropMap() throws Exception {
        Path p = tmp.resolve("p");
        Path d = tmp.resolve("d");
        JsonObject prob = run(p, "--patch", "64", "--stride", "32", "--save-worst");
        JsonObject drop = run(d, "--patch", "64", "--stride", "32", "--map", "drop", "--colormap", "viridis");
        BufferedImage worst = ImageIO.read(p.resolve("green-two-lights.worst.png").toFile());
        BufferedImage source = ImageIO.read(TestData.nexarFrame(TWO_LIGHTS).toFile());
        JsonObject min = prob.getAsJsonObject("min");
        int mx = min.get("x").getAsInt();
        int my = min.get("y").getAsInt();
        assertEquals(0x808080, worst.getRGB(mx + 1, my + 1) & 0xffffff, "the worst patch is grey 128");
        assertEquals(source.getRGB(0, 255) & 0xffffff, worst.getRGB(0, 255) & 0xffffff, "elsewhere the source");
        float[] pm = Npy.read(p.resolve("green-two-lights.occlusion.npy")).data();
        float[] dm = Npy.read(d.resolve("green-two-lights.occlusion.npy")).data();
        float clean = prob.getAsJsonObject("prediction").getAsJsonObject("probabilities").get("green").getAsFloat();
        for (int i = 0; i < pm.length; i += 101) {
            assertEquals(clean - pm[i], dm[i], 1e-5, "drop = clean - occluded at pixel " + i);
        }
        assertEquals("drop", drop.get("map").getAsString());
    }

    @Test
    void unknownColourMapIsAUsageError() {
        CliRun r = CliRun.of(TestData.nexarFrame(TWO_LIGHTS).toString(), "--model", TestData.nexarModel().toString(),
                "--colormap", "rainbow", "--out", tmp.toString());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.stderr().contains("rainbow") && r.stderr().contains("viridis"), r.stderr());
    }

    private static int luma(int rgb) {
        return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
    }
}
