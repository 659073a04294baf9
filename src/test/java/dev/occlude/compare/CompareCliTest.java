package dev.occlude.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.ChildRun;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.Npy;
import dev.occlude.io.PngFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code occlude compare} through the real command: the article's network (A) against the one
 * trained on generated scenes (B) on the three Nexar frames. A gets night-red and green-two-lights
 * right and calls the parking frame red; B calls all three none: A to B breaks two, fixes one.
 */
@Tag("model")
class CompareCliTest {
    private static final List<String> SCAN = List.of("--patch", "64", "--stride", "32", "-q");

    @TempDir
    Path tmp;

    private ChildRun child(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(TestData.childJava());
        command.add("compare");
        command.addAll(List.of(args));
        command.addAll(SCAN);
        return ChildRun.of(command, tmp);
    }

    private static Map<String, JsonObject> byName(List<JsonObject> lines) {
        Map<String, JsonObject> m = new HashMap<>();
        for (JsonObject o : lines) {
            m.put(Path.of(o.get("image").getAsString()).getFileName().toString(), o);
        }
        return m;
    }

    private static String labels() {
        return TestData.project("samples/nexar/labels.csv").toString();
    }

    private List<String> frames() {
        return TestData.NEXAR_FRAMES.stream().map(f -> TestData.nexarFrame(f).toString()).toList();
    }

    @Test
    void nexarToSyntheticBreaksTwoAndFixesOneAndTheGateSaysSo() throws Exception {
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("--model", TestData.nexarModel().toString(), "--model",
                "synthetic-traffic-lights", "--labels", labels(), "--out", out.toString()));
        args.addAll(frames());
        List<String> gated = new ArrayList<>(args);
        gated.addAll(List.of("--fail-on", "broke"));
        ChildRun run = child(gated.toArray(String[]::new));
        assertEquals(3, run.exit(), "the gate's own exit code: " + run);
        Map<String, JsonObject> lines = byName(run.lines());
        assertEquals(3, lines.size(), run.stdout());
        assertEquals(Map.of("night-red.png", "broke", "green-two-lights.png", "broke", "night-parking-signs.png", "fixed"),
                Map.of("night-red.png", verdict(lines, "night-red.png"), "green-two-lights.png",
                        verdict(lines, "green-two-lights.png"), "night-parking-signs.png",
                        verdict(lines, "night-parking-signs.png")));
        JsonObject parking = lines.get("night-parking-signs.png").getAsJsonObject("compare");
        assertEquals("[\"red\",\"none\"]", parking.get("predictions").toString());
        assertEquals("[\"false-light\",null]", parking.get("kinds").toString());
        assertEquals("none", parking.get("class").getAsString(), "the true class");
        assertTrue(parking.get("changed").getAsBoolean());
        // stderr: the table only (verdicts by class, the pointing game side by side, the frames that moved most)
        assertTrue(run.stderr().contains("true class") && run.stderr().contains("pointing game")
                && run.stderr().contains("focus moved most"), run.stderr());
        assertEquals(List.of("occlude: --fail-on broke holds (exit 3): broke on 2 frames"),
                run.stderr().lines().filter(l -> l.startsWith("occlude:")).toList(), "the gate says why it exits 3");

        // each side is exactly a plain run of its model
        sameAsPlainRun(lines, 0, TestData.nexarModel().toString(), tmp.resolve("plain-a"));
        sameAsPlainRun(lines, 1, "synthetic-traffic-lights", tmp.resolve("plain-b"));

        // the picture: three panels (A | B | difference), this tool's
        Path picture = Path.of(parking.get("picture").getAsString());
        assertEquals(out.resolve("night-parking-signs.compare.png"), picture);
        assertTrue(PngFiles.isMarked(picture));
        BufferedImage png = ImageIO.read(picture.toFile());
        assertTrue(png.getWidth() > 3 * 455 && png.getHeight() > 256, png.getWidth() + "x" + png.getHeight());

        // resumed, where each look comes from the earlier record; focus-moved: a threshold under every distance
        // trips it, one over every distance does not, and then the frames that broke do not change the exit: 0
        List<String> moved = new ArrayList<>(List.of(withSkip(args)));
        moved.addAll(List.of("--fail-on", "focus-moved:1"));
        ChildRun tripped = child(moved.toArray(String[]::new));
        assertEquals(3, tripped.exit(), tripped.toString());
        assertTrue(tripped.stderr().contains("holds (exit 3): focus-moved:1 on "), "which condition held: " + tripped);
        moved.set(moved.size() - 1, "focus-moved:100000");
        ChildRun passed = child(moved.toArray(String[]::new));
        assertEquals(0, passed.exit(), passed.toString());
        Map<String, JsonObject> resumed = byName(passed.lines());
        for (String f : TestData.NEXAR_FRAMES) {
            assertEquals(lines.get(f).get("compare"), resumed.get(f).get("compare"), f);
        }
    }

    private static String[] withSkip(List<String> args) {
        List<String> a = new ArrayList<>(args);
        a.add("--skip-existing");
        return a.toArray(String[]::new);
    }

    private static String verdict(Map<String, JsonObject> lines, String name) {
        return lines.get(name).getAsJsonObject("compare").get("verdict").getAsString();
    }

    /** Side {@code side}'s lines against a plain occlude run of {@code model}: prediction, min patch and map within 1e-5. */
    private void sameAsPlainRun(Map<String, JsonObject> lines, int side, String model, Path out) throws IOException {
        List<String> args = new ArrayList<>(frames());
        args.addAll(List.of("--model", model, "--labels", labels(), "--out", out.toString()));
        args.addAll(SCAN);
        CliRun plain = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, plain.exit(), plain.toString());
        for (String line : plain.stdoutLines()) {
            JsonObject p = JsonParser.parseString(line).getAsJsonObject();
            String name = Path.of(p.get("image").getAsString()).getFileName().toString();
            JsonObject c = lines.get(name).getAsJsonArray("models").get(side).getAsJsonObject();
            assertEquals(p.get("prediction"), c.get("prediction"), name);
            assertEquals(p.get("settings"), c.get("settings"), name);
            JsonObject pm = p.getAsJsonObject("min");
            JsonObject cm = c.getAsJsonObject("min");
            for (String k : List.of("x", "y", "width", "height")) {
                assertEquals(pm.get(k).getAsInt(), cm.get(k).getAsInt(), name + " min " + k);
            }
            assertEquals(pm.get("probability").getAsDouble(), cm.get("probability").getAsDouble(), 1e-5, name);
            float[] pmap = Npy.read(Path.of(p.getAsJsonObject("outputs").get("map").getAsString())).data();
            float[] cmap = Npy.read(Path.of(c.getAsJsonObject("outputs").get("map").getAsString())).data();
            assertEquals(pmap.length, cmap.length);
            for (int i = 0; i < pmap.length; i++) {
                assertEquals(pmap[i], cmap[i], 1e-5, name + " map pixel " + i);
            }
        }
    }

    @Test
    void theSameModelTwiceChangesNothing() {
        CliRun run = CliRun.of("compare", "--model", "nexar-squeezenet", "--model", TestData.nexarModel().toString(),
                TestData.nexarFrame("night-red.png").toString(), "--out", tmp.toString(), "--patch", "64", "--stride", "32",
                "-q");
        assertEquals(0, run.exit(), run.toString());
        JsonObject c = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject().getAsJsonObject("compare");
        assertFalse(c.get("changed").getAsBoolean(), c.toString());
        assertEquals("red", c.get("class").getAsString(), "without labels: A's prediction");
        assertEquals(1.0, c.get("correlation").getAsDouble(), 1e-6);
        assertEquals(1.0, c.get("overlap").getAsDouble(), 1e-6);
        assertEquals(0.0, c.get("focus_distance").getAsDouble());
        assertFalse(c.has("verdict"), "no labels, no verdict");
    }

    /** An input where a compare picture would go (a marked PNG, this tool's own): never written, one line, exit 1. */
    @Test
    void anInputWhereAComparePictureWouldGoIsLeftAsItIs() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("c2"));
        Files.copy(TestData.nexarFrame("night-red.png"), in.resolve("x.png"));
        CliRun first = CliRun.of(in.resolve("x.png").toString(), "--out", tmp.resolve("plain").toString(), "--patch",
                "128", "--stride", "128", "-q");
        assertEquals(0, first.exit(), first.toString());
        Path marked = Files.copy(tmp.resolve("plain/x.occlusion.png"), in.resolve("x.compare.png"));
        byte[] before = Files.readAllBytes(marked);
        CliRun run = CliRun.of("compare", "--model", "nexar-squeezenet", "--model", "synthetic-traffic-lights",
                in.resolve("x.png").toString(), marked.toString(), "--patch", "128", "--stride", "128", "--out",
                in.toString(), "-q");
        assertEquals(1, run.exit(), run.toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(marked)), "the input is left as it is");
        assertTrue(run.stderrLines().contains("occlude: " + marked + ": cannot write the compare picture (an input of "
                + "this run; left as it is)"), run.stderr());
    }

    /** Paths on stdin, one of them not an image: one line on stderr, a line without a verdict, exit 1; the rest goes on. */
    @Test
    void aBadFileFromStdinIsOneLineAndTheRestGoesOn() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(TestData.nexarFrame("night-red.png"), in.resolve("night-red.png"));
        Files.writeString(in.resolve("bad.png"), "not a picture");
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,class\nnight-red.png,red\nbad.png,red\n");
        String paths = in.resolve("bad.png") + "\n" + in.resolve("night-red.png") + "\n";
        CliRun run = CliRun.withStdin(paths.getBytes(StandardCharsets.UTF_8), "compare", "-", "--model",
                "nexar-squeezenet", "--model", "synthetic-traffic-lights", "--labels", labels.toString(), "--out",
                tmp.resolve("out").toString(), "--patch", "64", "--stride", "32", "-q");
        assertEquals(1, run.exit(), run.toString());
        Map<String, JsonObject> lines = byName(run.stdoutLines().stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList());
        JsonObject bad = lines.get("bad.png");
        assertTrue(bad.getAsJsonArray("models").get(0).getAsJsonObject().has("error"), bad.toString());
        assertTrue(bad.getAsJsonArray("models").get(1).getAsJsonObject().has("error"), bad.toString());
        assertFalse(bad.getAsJsonObject("compare").has("verdict"), bad.toString());
        assertEquals("broke", verdict(lines, "night-red.png"));
        List<String> problems = run.stderrLines().stream().filter(l -> l.startsWith("occlude:")).toList();
        assertEquals(1, problems.size(), run.stderr());
        // both models failed on it: the file's problem, named after neither model
        assertTrue(problems.get(0).startsWith("occlude: " + in.resolve("bad.png") + ": "), problems.get(0));
    }

    /**
     * Model B with other classes (none, red, amber): compared on the shared ones; on the frame
     * labelled green, which B has no class for, B's side is an error and the line has no verdict.
     * Models that share no class are refused in one line.
     */
    @Test
    void otherClassListsAreComparedOnTheSharedOnesOrRefused() throws Exception {
        Path amber = copyModel("amber", "none\nred\namber\n");
        CliRun run = CliRun.of("compare", "--model", "nexar-squeezenet", "--model", amber.toString(),
                TestData.nexarFrame("night-red.png").toString(), TestData.nexarFrame("green-two-lights.png").toString(),
                "--labels", labels(), "--out", tmp.resolve("out").toString(), "--patch", "64", "--stride", "32", "-q");
        assertEquals(1, run.exit(), run.toString());
        Map<String, JsonObject> lines = byName(run.stdoutLines().stream()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList());
        JsonObject green = lines.get("green-two-lights.png");
        assertTrue(green.getAsJsonArray("models").get(1).getAsJsonObject().get("error").getAsString()
                .contains("not a class of the model"), green.toString());
        assertFalse(green.getAsJsonObject("compare").has("verdict"), green.toString());
        JsonObject red = lines.get("night-red.png").getAsJsonObject("compare");
        assertEquals("red", red.get("class").getAsString());
        assertNotNull(red.get("verdict"));

        Path other = copyModel("other", "stop\ngo\nwait\n");
        CliRun refused = CliRun.of("compare", "--model", "nexar-squeezenet", "--model", other.toString(),
                TestData.nexarFrame("night-red.png").toString(), "--out", tmp.resolve("out2").toString());
        assertEquals(2, refused.exit(), refused.toString());
        assertEquals(1, refused.stderrLines().size(), refused.stderr());
        assertTrue(refused.stderr().contains("share no class"), refused.stderr());
        assertEquals("", refused.stdout());
    }

    private Path copyModel(String name, String synset) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("models").resolve(name));
        Path from = TestData.syntheticModel();
        for (String f : List.of("serving.properties", "stages.json")) {
            Files.copy(from.resolve(f), dir.resolve(f));
        }
        Files.copy(from.resolve("synthetic-traffic-lights.pt"), dir.resolve("synthetic-traffic-lights.pt"));
        Files.writeString(dir.resolve("synset.txt"), synset);
        return dir;
    }
}
