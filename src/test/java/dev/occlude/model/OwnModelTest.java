package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.DjlReference;
import dev.occlude.TestData;
import dev.occlude.model.preprocess.Fill;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.preprocess.Preprocessing;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own model: a grey-scale network (shipped in the tests, made by
 * src/test/python/make_test_models.py), one that warns from C++, and model directories with the
 * mistakes people make.
 */
@Tag("model")
class OwnModelTest {
    @TempDir
    Path tmp;

    static Path testModel(String name) {
        return Path.of("src/test/resources/models", name);
    }

    /** A copy of a model directory with serving.properties replaced (and the synset, when given). */
    private Path variant(Path model, String properties, String synset) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("m" + System.nanoTime()));
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        String name = model.getFileName().toString();
        Files.writeString(dir.resolve("serving.properties"), "engine=PyTorch\noption.modelName=" + name + "\n"
                + "synsetFileName=synset.txt\n" + properties);
        if (synset != null) {
            Files.writeString(dir.resolve("synset.txt"), synset);
        }
        return dir;
    }

    /** flag=GRAYSCALE as DJL means it: the model input equals DJL's own, clean and with a coloured patch. */
    @Test
    void greyScaleInputsEqualDjls() throws Exception {
        BufferedImage frame = ImageIO.read(TestData.nexarFrame("night-red.png").toFile());
        Map<String, String> keys = Map.of("flag", "GRAYSCALE", "width", "32", "height", "32", "resize", "true");
        Preprocessing p = Preprocessing.fromProperties(keys);
        assertEquals(1, p.channels());
        PreparedImage prepared = new PreparedImage(frame, p, Fill.colour(0xe01818));
        assertArrayEquals(DjlReference.inputTensor(keys, frame), prepared.cleanInput(), "clean");
        Rectangle patch = new Rectangle(60, 100, 64, 64);
        float[] ours = new float[prepared.inputSize()];
        prepared.writeOccluded(patch, prepared.inputWindow(patch), ours, 0);
        BufferedImage painted = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
        painted.getGraphics().drawImage(frame, 0, 0, null);
        for (int y = patch.y; y < patch.y + patch.height; y++) {
            for (int x = patch.x; x < patch.x + patch.width; x++) {
                painted.setRGB(x, y, 0xe01818);
            }
        }
        assertArrayEquals(DjlReference.inputTensor(keys, painted), ours, "a red patch, made grey as DJL makes it");
    }

    private static void assertArrayEquals(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6, what + " at " + i);
        }
    }

    /** The grey-scale network maps a frame, and its clean probabilities are DJL's own. */
    @Test
    void aGreyScaleNetworkRuns() throws Exception {
        Path model = testModel("grey-cnn");
        CliRun run = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model", model.toString(), "--out",
                tmp.toString(), "--patch", "128", "--stride", "64", "-q");
        assertEquals(0, run.exit(), run.toString());
        JsonObject line = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        JsonObject p = line.getAsJsonObject("prediction").getAsJsonObject("probabilities");
        try (DjlReference djl = new DjlReference(model)) {
            float[] expected = djl.probabilities(List.of(ImageIO.read(TestData.nexarFrame("night-red.png").toFile())),
                    List.of("none", "red", "green")).get(0);
            assertEquals(expected[0], p.get("none").getAsDouble(), 1e-5);
            assertEquals(expected[1], p.get("red").getAsDouble(), 1e-5);
        }
    }

    /** The same network told it takes colour: refused at load, with both channel counts and the fix. */
    @Test
    void aChannelMismatchIsNamedAtLoad() throws Exception {
        Path colour = variant(testModel("grey-cnn"), "width=32\nheight=32\nresize=true\n", null);
        CliRun run = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model", colour.toString(), "-q",
                "--out", tmp.toString());
        assertEquals(2, run.exit(), run.toString());
        assertEquals(List.of("occlude: model " + colour + ": the network takes 1-channel images but serving.properties "
                + "gives 3 (flag=COLOR); set flag=GRAYSCALE"), run.stderrLines());
        // a size the network cannot take (SqueezeNet pools 13x13 at the end): the engine's cause, the input's shape
        Path squeeze = variant(TestData.nexarModel(), "width=8\nheight=8\nresize=true\n", null);
        CliRun small = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model", squeeze.toString(), "-q",
                "--out", tmp.toString());
        assertEquals(2, small.exit(), small.toString());
        assertTrue(small.stderr().contains("the network fails on a 3x8x8 input, the size serving.properties gives"),
                small.stderr());
        assertFalse(small.stderr().contains("TorchScript interpreter"), small.stderr());
    }

    /** Mistakes in serving.properties and the synset: one line each, before anything runs. */
    @Test
    void modelDirectoriesAreReadStrictly() throws Exception {
        String frame = TestData.nexarFrame("night-red.png").toString();
        Path typo = variant(TestData.syntheticModel(), "widht=256\nheight=144\nresize=256,144\n", null);
        CliRun t = CliRun.of(frame, "--model", typo.toString(), "-q", "--out", tmp.toString());
        assertEquals(2, t.exit(), t.toString());
        assertTrue(t.stderr().contains("unknown key widht (did you mean width?)"), t.stderr());
        Path unsized = variant(TestData.syntheticModel(), "width=256\nheight=144\nnormalize=true\n", null);
        CliRun u = CliRun.of(frame, "--model", unsized.toString(), "-q", "--out", tmp.toString());
        assertEquals(2, u.exit(), u.toString());
        assertTrue(u.stderr().contains("width and height take effect only with resize, resizeShort or centerCrop"),
                u.stderr());
        Path twice = variant(TestData.syntheticModel(), "width=256\nheight=144\nresize=256,144\n", "none\nred\nred\n");
        CliRun d = CliRun.of(frame, "--model", twice.toString(), "-q", "--out", tmp.toString());
        assertEquals(2, d.exit(), d.toString());
        assertTrue(d.stderr().contains("classes 1 and 2 are both named 'red'"), d.stderr());
        Path djlKey = variant(TestData.syntheticModel(), "width=256\nheight=144\nresize=256,144\nnormalize=true\ntopK=5\n",
                null);
        CliRun k = CliRun.of(frame, "--model", djlKey.toString(), "-q", "--patch", "256", "--stride", "256", "--out",
                tmp.resolve("o").toString());
        assertEquals(0, k.exit(), k.toString());
        assertEquals(List.of("occlude: model " + djlKey + ": serving.properties: topK=5 is a DJL setting this tool does "
                + "not use; ignored"), k.stderrLines());
    }

    /** Classes by index, a near miss suggested, top:K, and `all` bounded on a model with many classes. */
    @Test
    void classesByNameIndexAndTop() throws Exception {
        String frame = TestData.nexarFrame("night-red.png").toString();
        String model = TestData.syntheticModel().toString();
        List<String> fast = List.of("--model", model, "--patch", "128", "--stride", "128", "-q", "--out", tmp.toString());
        JsonObject byIndex = line(run(frame, "--class", "2", fast));
        assertEquals("green", byIndex.get("target").getAsString());
        CliRun near = run(frame, "--class", "gren", fast);
        assertEquals(2, near.exit());
        assertTrue(near.stderr().contains("unknown class 'gren' (did you mean green?)"), near.stderr());
        JsonObject top = line(run(frame, "--class", "top:2", fast));
        List<String> mapped = new ArrayList<>(top.getAsJsonObject("classes").keySet());
        assertEquals(2, mapped.size(), top.toString());
        JsonObject p = top.getAsJsonObject("prediction").getAsJsonObject("probabilities");
        assertTrue(p.get(mapped.get(0)).getAsDouble() >= p.get(mapped.get(1)).getAsDouble(), "most probable first");
        assertEquals(top.getAsJsonObject("prediction").get("class").getAsString(), mapped.get(0));

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            many.append("class").append(i).append('\n');
        }
        Path wide = variant(TestData.syntheticModel(), "width=256\nheight=144\nresize=256,144\nnormalize=true\n",
                many.toString());
        CliRun all = CliRun.of(frame, "--model", wide.toString(), "--class", "all", "-q", "--out", tmp.toString());
        assertEquals(2, all.exit(), all.toString());
        assertTrue(all.stderr().contains("--class all would map each of the model's 1000 classes")
                && all.stderr().contains("--class top:K"), all.stderr());
        CliRun unknown = CliRun.of(frame, "--model", wide.toString(), "--class", "nothing", "-q", "--out",
                tmp.toString());
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.stderr().length() < 400 && unknown.stderr().contains("1000 classes"), unknown.stderr());
    }

    private static CliRun run(String frame, String option, String value, List<String> rest) {
        List<String> a = new ArrayList<>(List.of(frame, option, value));
        a.addAll(rest);
        return CliRun.of(a.toArray(String[]::new));
    }

    private static JsonObject line(CliRun run) {
        assertEquals(0, run.exit(), run.toString());
        return JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
    }

    /** --model NAME finds a shipped model; occlude models lists them with engine, staging, input and classes. */
    @Test
    void modelsByName() {
        CliRun byName = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model", "synthetic-traffic-lights",
                "--patch", "256", "--stride", "256", "-q", "--out", tmp.toString());
        assertEquals(0, byName.exit(), byName.toString());
        assertTrue(byName.stdout().contains("\"model\":\"synthetic-traffic-lights\""), byName.stdout());
        CliRun missing = CliRun.of("x.jpg", "--model", "no-such-model", "-q", "--out", tmp.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.stderr().contains("model no-such-model: no such directory, nor a model of that name in")
                && missing.stderr().contains("occlude models lists them"), missing.stderr());
        CliRun list = CliRun.of("models");
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.stdout().contains("nexar-squeezenet\n  engine PyTorch, fully staged, 100% of its multiply-adds "
                + "incremental, bound 5.13x at --patch 64 (incremental inference); input 227x227; classes none, red, "
                + "green"), list.stdout());
        assertTrue(list.stdout().contains("nexar-squeezenet-onnx\n  engine OnnxRuntime; input 227x227"), list.stdout());
    }

    /**
     * libtorch's own C++ warnings (the network here warns on every pass, as NNPACK does once on
     * CPUs without AVX2) never reach a clean run's stderr through the launcher; --verbose shows them.
     */
    @Test
    void libtorchWarningsStayOffStderr() throws Exception {
        String frame = TestData.generatedSample("red-day.jpg").toString();
        String quiet = launcher(frame, "--model", testModel("warns").toString(), "--patch", "256", "--stride", "256",
                "--out", tmp.toString());
        assertEquals("", quiet, "nothing on stderr");
        String verbose = launcher(frame, "--model", testModel("warns").toString(), "--patch", "256", "--stride", "256",
                "--out", tmp.resolve("v").toString(), "--verbose");
        assertTrue(verbose.contains("a warning from inside the network"), verbose.substring(0,
                Math.min(2000, verbose.length())));
    }

    /** Runs scripts/occlude on the test classpath; returns its stderr (stdout is checked to be a line). */
    private static String launcher(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(TestData.project("scripts/occlude").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OCCLUDE_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().remove("TORCH_CPP_LOG_LEVEL");
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        String err = read(p.getErrorStream());
        assertEquals(0, p.waitFor(), err);
        assertTrue(out.get().startsWith("{\"image\""), out.get());
        return err;
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
