package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The article's mistake analysis through the command line: kinds in the JSON, the summary and the stderr table. */
@Tag("model")
class TriageCliTest {
    @TempDir
    Path tmp;

    /**
     * The parking frame (truth none, predicted red) is a false light: the focus on the lit sign at
     * the right, off every light box; a flat grey frame labelled red has no focus; correct frames
     * get no kind.
     */
    @Test
    void mistakesGetTheirKindInTheJsonTheSummaryAndTheTable() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        for (String f : TestData.NEXAR_FRAMES) {
            Files.copy(TestData.nexarFrame(f), in.resolve(f));
        }
        BufferedImage grey = new BufferedImage(455, 256, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 455; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        ImageIO.write(grey, "png", in.resolve("grey.png").toFile());
        Path labels = tmp.resolve("labels.csv");
        Files.writeString(labels, Files.readString(TestData.project("samples/nexar/labels.csv")) + "grey.png,red,,,\n");
        Path summary = tmp.resolve("summary.csv");
        CliRun run = CliRun.of(in.toString(), "--model", TestData.nexarModel().toString(), "--patch", "64", "--stride",
                "16", "--labels", labels.toString(), "--summary", summary.toString(), "--out", tmp.resolve("out").toString(),
                "--atlas", tmp.resolve("atlas.png").toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        Map<String, JsonObject> byName = new HashMap<>();
        for (String line : run.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            byName.put(Path.of(o.get("image").getAsString()).getFileName().toString(), o);
        }
        JsonObject parking = byName.get("night-parking-signs.png").getAsJsonObject("triage");
        assertEquals("false-light", parking.get("kind").getAsString());
        assertTrue(parking.get("drop").getAsDouble() >= 0.05, parking.toString());
        JsonObject focus = parking.getAsJsonObject("focus");
        assertTrue(focus.get("x").getAsInt() >= 240, "the focus on the right-hand sign: " + focus);
        assertFalse(parking.has("box"), "off every light box");
        assertEquals("no-focus", byName.get("grey.png").getAsJsonObject("triage").get("kind").getAsString());
        for (String correct : List.of("night-red.png", "green-two-lights.png")) {
            assertFalse(byName.get(correct).has("triage"), correct + " is right: no kind");
        }

        try (var reader = Files.newBufferedReader(summary)) {
            Map<String, String> kinds = new HashMap<>();
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
                kinds.put(Path.of(r.get("image")).getFileName().toString(), r.get("triage"));
            }
            assertEquals(Map.of("night-parking-signs.png", "false-light", "grey.png", "no-focus", "night-red.png", "",
                    "green-two-lights.png", ""), kinds);
        }
        // the atlas: a panel per predicted class, the mistakes, the five labelled light boxes; the
        // grey frame (no focus, as the triage says) left out of its class's panel and the mistakes
        assertTrue(dev.occlude.io.PngFiles.isMarked(tmp.resolve("atlas.png")));
        Map<String, String> frames = new java.util.TreeMap<>();
        for (String row : Files.readAllLines(tmp.resolve("atlas.csv")).subList(1, Files.readAllLines(tmp.resolve("atlas.csv"))
                .size())) {
            String[] v = row.split(",");
            frames.put(v[0], v[5] + " counted, " + v[8] + " left out");
        }
        assertEquals(Map.of("predicted green", "1 counted, 0 left out", "predicted none", "0 counted, 1 left out",
                "predicted red", "2 counted, 0 left out", "mistakes", "1 counted, 1 left out",
                "labelled boxes", "5 counted, 0 left out"), frames);
        String err = run.stderr();
        assertTrue(err.contains("mistakes by kind (columns: true -> predicted)"), err);
        assertTrue(err.lines().anyMatch(l -> l.matches("false-light +1 +0 +1")), "one false light, none -> red: " + err);
        assertTrue(err.lines().anyMatch(l -> l.matches("no-focus +0 +1 +1")), "one without focus, red -> none: " + err);
    }

    /**
     * Two lights of different colours in one scene (the generated green-day with red-day's red light
     * pasted at its place): labelled green, the network's focus lies on the red light's box.
     */
    @Test
    void aSecondLightOfAnotherColourIsOtherLight() throws Exception {
        BufferedImage green = ImageIO.read(TestData.generatedSample("green-day.jpg").toFile());
        BufferedImage red = ImageIO.read(TestData.generatedSample("red-day.jpg").toFile());
        for (int y = 30; y < 112; y++) {
            for (int x = 380; x < 415; x++) {
                green.setRGB(x, y, red.getRGB(x, y));
            }
        }
        Path scene = tmp.resolve("two-colours.png");
        ImageIO.write(green, "png", scene.toFile());
        Path labels = Files.writeString(tmp.resolve("labels.csv"),
                "file,class,boxes\ntwo-colours.png,green,41 53 18 46 green;385 35 26 73 red\n");
        CliRun run = CliRun.of(scene.toString(), "--model", TestData.nexarModel().toString(), "--patch", "64", "--stride",
                "16", "--labels", labels.toString(), "--out", tmp.resolve("out").toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        JsonObject o = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        assertTrue(o.get("mistake").getAsBoolean(), "predicted " + o.get("prediction") + ": a mistake");
        JsonObject triage = o.getAsJsonObject("triage");
        assertEquals("other-light", triage.get("kind").getAsString(), o.toString());
        assertEquals("red", triage.get("box_class").getAsString());
        assertEquals(385, triage.getAsJsonObject("box").get("x").getAsInt());
    }

    /** A video's mistaken frames get their kinds, and its timeline marks them under the band. */
    @Test
    void aVideosMistakenFramesAreMarkedOnItsTimeline() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        BufferedImage parking = ImageIO.read(TestData.nexarFrame("night-parking-signs.png").toFile());
        BufferedImage night = ImageIO.read(TestData.nexarFrame("night-red.png").toFile());
        // two seconds of each frame: 8 frames at 2 fps
        BufferedImage[] frames = {even(parking), even(night)};
        dev.occlude.video.ClipMaker.write(in.resolve("drive.mp4"), frames[0].getWidth(), frames[0].getHeight(), 8, 2,
                i -> frames[i < 4 ? 0 : 1]);
        // the parking frames are labelled none (the network says red: false lights), the night ones red
        Path labels = Files.writeString(tmp.resolve("labels.csv"),
                "file,class,boxes,time\ndrive.mp4,none,,0\ndrive.mp4,red,,2\n");
        CliRun run = CliRun.of(in.resolve("drive.mp4").toString(), "--model", TestData.nexarModel().toString(),
                "--patch", "64", "--stride", "32", "--labels", labels.toString(), "--out", tmp.resolve("out").toString(),
                "--every", "1", "-q");
        assertEquals(0, run.exit(), run.toString());
        int kinds = 0;
        for (String line : run.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            if (o.has("frame") && o.has("triage")) {
                kinds++;
                assertEquals("none", o.get("label").getAsString(), line);
            }
        }
        assertTrue(kinds >= 1, "the parking frames are mistakes with a kind: " + run.stdout());
        assertTrue(run.stdoutLines().stream().anyMatch(l -> l.contains("\"label\":\"red\"") && !l.contains("triage")),
                "the night frames are right: no kind");
        BufferedImage timeline = ImageIO.read(tmp.resolve("out/drive.timeline.png").toFile());
        int marks = 0;
        for (int y = 0; y < timeline.getHeight(); y++) {
            for (int x = 0; x < timeline.getWidth(); x++) {
                marks += (timeline.getRGB(x, y) & 0xffffff) == 0xc00000 ? 1 : 0;
            }
        }
        assertTrue(marks > 0, "the mistaken frames are marked on the timeline");
    }

    /** The frame cut to even sides, as a video's 4:2:0 pixels need. */
    private static BufferedImage even(BufferedImage image) {
        return image.getSubimage(0, 0, image.getWidth() & ~1, image.getHeight() & ~1);
    }

    @Test
    void theTriageOptionsNeedLabelsAndAClassOfTheModel() throws Exception {
        String frame = TestData.nexarFrame("night-red.png").toString();
        CliRun noLabels = CliRun.of(frame, "--model", TestData.nexarModel().toString(), "--focus-threshold", "0.1");
        assertEquals(2, noLabels.exit(), noLabels.toString());
        assertTrue(noLabels.stderr().contains("--focus-threshold tells mistakes apart and what an atlas counts: it needs "
                + "--labels FILE.csv or --atlas FILE.png"), noLabels.stderr());
        // with an atlas and no labels, the threshold is what the atlas counts: night-red's worst patch
        // lowers p(red) by 0.74, counted at 0.5, left out at 0.9
        for (String threshold : List.of("0.5", "0.9")) {
            Path atlas = tmp.resolve("atlas-" + threshold + ".png");
            CliRun run = CliRun.of(frame, "--model", TestData.nexarModel().toString(), "--patch", "64", "--stride", "32",
                    "--focus-threshold", threshold, "--atlas", atlas.toString(), "--out", tmp.toString(), "-q");
            assertEquals(0, run.exit(), run.toString());
            String row = Files.readAllLines(dev.occlude.batch.Atlas.numbers(atlas)).get(1);
            assertTrue(row.startsWith("predicted red,0,0,16,16,") && row.endsWith(threshold.equals("0.5") ? ",0" : ",1"),
                    threshold + ": " + row);
        }
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,class\nnight-red.png,red\n");
        CliRun purple = CliRun.of(frame, "--model", TestData.nexarModel().toString(), "--labels", labels.toString(),
                "--none-class", "purple");
        assertEquals(2, purple.exit(), purple.toString());
        assertTrue(purple.stderr().contains("--none-class purple is not a class of the model (none, red, green)"),
                purple.stderr());
        CliRun zero = CliRun.of(frame, "--model", TestData.nexarModel().toString(), "--labels", labels.toString(),
                "--focus-threshold", "0");
        assertEquals(2, zero.exit(), zero.toString());
    }
}
