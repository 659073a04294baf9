package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as a user meets it: outputs that decode, and one-line errors with honest exit codes. */
@Tag("model")
@Tag("python")
class CommandLineTest {
    @TempDir
    Path tmp;

    private String nexar() {
        return TestData.nexarModel().toString();
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void oneFrameGivesAnOverlayAMapAndAJsonLine() throws Exception {
        Path frame = TestData.nexarFrame("green-two-lights.png");
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of(frame.toString(), "--model", nexar(), "--patch", "64", "--stride", "32", "--out", out.toString());
        assertEquals(0, run.exit(), run.toString());
        assertEquals(1, run.stdoutLines().size(), "stdout holds exactly the JSON line: " + run);
        JsonObject json = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        for (String field : new String[] {"image", "width", "height", "model", "prediction", "target", "patch", "stride",
            "variants", "skipped", "min", "outputs", "seconds"}) {
            assertTrue(json.has(field), "JSON has " + field + ": " + json);
        }
        assertEquals(455, json.get("width").getAsInt());
        assertEquals(256, json.get("height").getAsInt());
        assertEquals("nexar-squeezenet", json.get("model").getAsString());
        assertEquals("green", json.getAsJsonObject("prediction").get("class").getAsString());
        assertEquals("green", json.get("target").getAsString());
        // corners -63..447 step 32: 17 columns, 10 rows
        assertEquals(170, json.get("variants").getAsInt());
        JsonObject min = json.getAsJsonObject("min");
        assertTrue(min.get("probability").getAsDouble() < 1.0, json.toString());

        Path overlay = out.resolve("green-two-lights.occlusion.png");
        Path map = out.resolve("green-two-lights.occlusion.npy");
        assertEquals(overlay.toString(), json.getAsJsonObject("outputs").get("overlay").getAsString());
        BufferedImage png = ImageIO.read(overlay.toFile());
        assertTrue(png != null && png.getWidth() > 455 && png.getHeight() > 256, "overlay decodes, with bar and caption");
        Npy.Array2D array = Npy.read(map);
        assertEquals(256, array.rows());
        assertEquals(455, array.cols());
        double ourSum = 0;
        double ourMin = Double.POSITIVE_INFINITY;
        for (float v : array.data()) {
            ourSum += v;
            ourMin = Math.min(ourMin, v);
        }
        // every pixel is a mean of variant probabilities, none of which is below the reported minimum
        assertTrue(ourMin >= min.get("probability").getAsDouble() - 1e-6, "map min " + ourMin + " vs " + min);
        assertTrue(ourMin < 1.0, "the map shows the drop");

        // and numpy itself reads it back: same shape, dtype and values
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import sys, numpy as np; a = np.load(sys.argv[1]); print(a.shape[0], a.shape[1], a.dtype, repr(float(a.astype('float64').sum())))",
                map.toString()).redirectErrorStream(true).start();
        String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), "python3 with numpy must be installed (scripts/test installs it): " + answer);
        String[] parts = answer.split(" ");
        assertEquals("256 455 float32", parts[0] + " " + parts[1] + " " + parts[2], answer);
        assertEquals(ourSum, Double.parseDouble(parts[3]), 1e-6 * Math.abs(ourSum), answer);
    }

    @Test
    void theInputIsNeverTouched() throws Exception {
        Path frame = tmp.resolve("frame.png");
        Files.copy(TestData.nexarFrame("night-red.png"), frame);
        byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(frame));
        CliRun run = CliRun.of(frame.toString(), "--model", nexar(), "--patch", "128", "--stride", "128", "--out", tmp.toString());
        assertEquals(0, run.exit(), run.toString());
        byte[] after = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(frame));
        assertEquals(HexFormat.of().formatHex(before), HexFormat.of().formatHex(after));
        List<String> names = new ArrayList<>();
        for (Path f : filesIn(tmp)) {
            names.add(f.getFileName().toString());
        }
        names.sort(null);
        assertEquals(List.of("frame.occlusion.json", "frame.occlusion.npy", "frame.occlusion.png", "frame.png"), names,
                "no temporary files left");
    }

    /** Asserts the user-facing shape of a refusal: exit code, one line naming the thing, no trace, no output. */
    private void assertRefused(CliRun run, int exit, String... mustContain) throws IOException {
        assertEquals(exit, run.exit(), run.toString());
        List<String> lines = run.stderrLines();
        assertEquals(1, lines.size(), "exactly one line on stderr: " + run);
        String line = lines.get(0);
        for (String s : mustContain) {
            assertTrue(line.toLowerCase(Locale.ROOT).contains(s.toLowerCase(Locale.ROOT)),
                    "stderr names '" + s + "': " + line);
        }
        assertFalse(run.stderr().contains("\tat ") || run.stderr().contains("Exception"), "no stack trace: " + run);
        assertTrue(filesIn(tmp.resolve("out")).isEmpty(), "no output file written: " + filesIn(tmp.resolve("out")));
    }

    private CliRun runOn(String image, String... more) throws IOException {
        Files.createDirectories(tmp.resolve("out"));
        List<String> args = new ArrayList<>(List.of(image, "--out", tmp.resolve("out").toString()));
        if (!List.of(more).contains("--model")) {
            args.addAll(List.of("--model", nexar()));
        }
        args.addAll(List.of(more));
        args.addAll(List.of("--patch", "128", "--stride", "128"));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void missingImage() throws Exception {
        Path missing = tmp.resolve("nowhere.jpg");
        assertRefused(runOn(missing.toString()), 1, missing.toString(), "no such file");
    }

    @Test
    void directoryInsteadOfImage() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("x.jpg"));
        assertRefused(runOn(dir.toString()), 1, dir.toString(), "directory");
    }

    @Test
    void unreadableImage() throws Exception {
        Path file = tmp.resolve("locked.png");
        Files.copy(TestData.nexarFrame("night-red.png"), file);
        assertTrue(file.toFile().setReadable(false, false));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file),
                "running as root: permissions do not stop reading, so this case cannot be made here");
        assertRefused(runOn(file.toString()), 1, file.toString(), "permission denied");
    }

    @Test
    void textFileNamedJpeg() throws Exception {
        Path file = tmp.resolve("notes.jpg");
        Files.writeString(file, "this is not a picture\n");
        assertRefused(runOn(file.toString()), 1, file.toString(), "not an image");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.createFile(tmp.resolve("empty.jpg"));
        assertRefused(runOn(file.toString()), 1, file.toString(), "empty");
    }

    @Test
    void truncatedJpeg() throws Exception {
        BufferedImage image = ImageIO.read(TestData.nexarFrame("night-red.png").toFile());
        Path whole = tmp.resolve("whole.jpg");
        assertTrue(ImageIO.write(image, "jpeg", whole.toFile()));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = tmp.resolve("cut.jpg");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 6 / 10));
        assertRefused(runOn(cut.toString()), 1, cut.toString(), "truncated");
    }

    @Test
    void patchAndStrideBelowOne() throws Exception {
        Path frame = TestData.nexarFrame("night-red.png");
        Files.createDirectories(tmp.resolve("out"));
        assertRefused(CliRun.of(frame.toString(), "--model", nexar(), "--out", tmp.resolve("out").toString(), "--patch", "0"),
                2, "--patch", "at least 1");
        assertRefused(CliRun.of(frame.toString(), "--model", nexar(), "--out", tmp.resolve("out").toString(), "--stride", "-3"),
                2, "--stride", "at least 1");
        assertRefused(CliRun.of(frame.toString(), "--model", nexar(), "--out", tmp.resolve("out").toString(), "--patch", "big"),
                2, "--patch");
    }

    @Test
    void missingModelDirectory() throws Exception {
        Path none = tmp.resolve("no-model");
        assertRefused(runOn(TestData.nexarFrame("night-red.png").toString(), "--model", none.toString()),
                2, none.toString(), "no such directory");
    }

    /** A model directory beside the test: serving.properties and synset given, the shipped .pt linked in. */
    private Path modelDir(String name, boolean withWeights, String properties, String synset) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        if (withWeights) {
            Files.createSymbolicLink(dir.resolve(name + ".pt"), TestData.nexarModel().resolve("nexar-squeezenet.pt"));
        }
        Files.writeString(dir.resolve("serving.properties"), properties);
        Files.writeString(dir.resolve("synset.txt"), synset);
        return dir;
    }

    private static final String NEXAR_PROPS = "engine=PyTorch\nwidth=227\nheight=227\nresize=256,256\ncenterCrop=true\n";

    @Test
    void modelWithoutWeights() throws Exception {
        Path dir = modelDir("empty-model", false, NEXAR_PROPS, "none\nred\ngreen\n");
        assertRefused(runOn(TestData.nexarFrame("night-red.png").toString(), "--model", dir.toString()),
                2, dir.toString(), "no empty-model.pt");
    }

    @Test
    void unreadableServingProperties() throws Exception {
        Path dir = modelDir("broken-props", true, "width=\\u00zz\n", "none\nred\ngreen\n");
        assertRefused(runOn(TestData.nexarFrame("night-red.png").toString(), "--model", dir.toString()),
                2, dir.toString(), "serving.properties");
    }

    @Test
    void unsupportedPreprocessingIsNamed() throws Exception {
        Path dir = modelDir("padded", true, NEXAR_PROPS + "pad=true\n", "none\nred\ngreen\n");
        assertRefused(runOn(TestData.nexarFrame("night-red.png").toString(), "--model", dir.toString()),
                2, dir.toString(), "pad=true");
    }

    @Test
    void synsetOfTheWrongSize() throws Exception {
        Path dir = modelDir("four-classes", true, NEXAR_PROPS, "none\nred\ngreen\nyellow\n");
        assertRefused(runOn(TestData.nexarFrame("night-red.png").toString(), "--model", dir.toString()),
                2, dir.toString(), "synset lists 4 classes but the network outputs 3");
    }

    @Test
    void unknownClassListsTheModelsClasses() throws Exception {
        assertRefused(runOn(TestData.nexarFrame("night-red.png").toString(), "--class", "yellow"),
                2, "yellow", "none, red, green");
    }

    @Test
    void helpIsOnStdoutWithExitZero() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit());
        assertTrue(run.stdout().contains("--patch") && run.stdout().contains("--stride"), run.toString());
    }
}
