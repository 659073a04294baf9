package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer tools' analyses on the command line: table, class changes, metrics, pointing game, regions, fills. */
@Tag("model")
class AnalysesCliTest {
    @TempDir
    Path tmp;

    private static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    /** The article's red-light frame: the map is faithful, the table holds the scan, the min patch hits the light. */
    @Test
    void theRedLightFrameAtTheArticlesSettings() throws Exception {
        Path labels = Files.copy(TestData.project("samples/nexar/labels.csv"), tmp.resolve("labels.csv"));
        Path summary = tmp.resolve("summary.csv");
        CliRun run = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--patch", "64", "--stride", "16",
                "--metrics", "10", "--flips", "--table", "--labels", labels.toString(), "--summary", summary.toString(),
                "--out", tmp.toString(), "-q", "--batch", "4", "--workers", "2");
        assertEquals(0, run.exit(), run.toString());
        JsonObject json = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();

        JsonObject m = json.getAsJsonObject("metrics");
        assertEquals(11, m.getAsJsonArray("deletion").size());
        assertTrue(m.get("deletion_auc").getAsDouble() < m.get("random_deletion_auc").getAsDouble() - 0.2,
                "deleting the map's pixels first takes red away faster than a random order: " + m);
        assertTrue(m.get("insertion_auc").getAsDouble() > m.get("random_insertion_auc").getAsDouble(), m.toString());
        CSVRecord row = csv(summary).get(0);
        assertEquals(m.get("deletion_auc").getAsDouble(), Double.parseDouble(row.get("deletion_auc")), 1e-9);
        assertEquals("true", row.get("pointing_hit"));

        // the table: one row per variant, the minimum where the JSON says
        List<CSVRecord> table = csv(tmp.resolve("night-red.patches.csv"));
        assertEquals(json.get("variants").getAsInt(), table.size());
        JsonObject min = json.getAsJsonObject("min");
        CSVRecord lowest = table.stream().min((a, b) -> Double.compare(Double.parseDouble(a.get("p_red")),
                Double.parseDouble(b.get("p_red")))).orElseThrow();
        assertEquals(min.get("x").getAsInt(), Integer.parseInt(lowest.get("x")));
        assertEquals(min.get("y").getAsInt(), Integer.parseInt(lowest.get("y")));
        assertEquals(min.get("probability").getAsDouble(), Double.parseDouble(lowest.get("p_red")), 1e-6);

        // class changes: recounted from the table, and drawn where they are
        int flips = 0;
        List<Rectangle> flipping = new ArrayList<>();
        for (CSVRecord r : table) {
            double none = Double.parseDouble(r.get("p_none"));
            double red = Double.parseDouble(r.get("p_red"));
            double green = Double.parseDouble(r.get("p_green"));
            if (none > red || green > red) {
                flips++;
                flipping.add(new Rectangle(Integer.parseInt(r.get("x")), Integer.parseInt(r.get("y")),
                        Integer.parseInt(r.get("width")), Integer.parseInt(r.get("height"))));
            }
        }
        assertTrue(flips > 0);
        assertEquals(flips, json.getAsJsonObject("flips").get("count").getAsInt());
        BufferedImage picture = ImageIO.read(tmp.resolve("night-red.flip.png").toFile());
        BufferedImage source = ImageIO.read(TestData.nexarFrame("night-red.png").toFile());
        Rectangle f = flipping.get(0).intersection(new Rectangle(0, 0, 455, 256));
        int cx = f.x + f.width / 2;
        int cy = f.y + f.height / 2;
        assertNotEquals(source.getRGB(cx, cy), picture.getRGB(cx, cy), "a flipping patch is coloured");
        assertEquals(source.getRGB(450, 250), picture.getRGB(450, 250), "far from every flip the frame is as it was");

        // the pointing game on the shipped boxes
        assertTrue(json.getAsJsonObject("pointing").get("hit").getAsBoolean(), json.toString());
        assertTrue(run.stderr().contains("pointing game: 1 of 1 images with labelled boxes hit"), run.stderr());
    }

    @Test
    void regionsAndFillsOnTheCommandLine() throws Exception {
        String model = TestData.syntheticModel().toString();
        String frame = TestData.generatedSample("red-day.jpg").toString();
        CliRun region = CliRun.of(frame, "--model", model, "--patch", "32", "--stride", "32", "--region", "300,0,155,128",
                "--fill", "blur", "--blur-sigma", "4", "--out", tmp.resolve("a").toString(), "-q", "--batch", "4",
                "--workers", "1");
        assertEquals(0, region.exit(), region.toString());
        JsonObject json = JsonParser.parseString(region.stdoutLines().get(0)).getAsJsonObject();
        assertEquals(300, json.getAsJsonObject("region").get("x").getAsInt());
        assertEquals("blur", json.get("fill_kind").getAsString());
        assertEquals(4.0, json.get("blur_sigma").getAsDouble());
        assertTrue(json.getAsJsonObject("min").get("x").getAsInt() + 32 > 300, "the minimum lies in the region");

        Path regions = tmp.resolve("regions.csv");
        Files.writeString(regions, "file,x,y,w,h\nred-day.jpg,900,900,10,10\n");
        CliRun outside = CliRun.of(frame, "--model", model, "--patch", "32", "--stride", "32", "--regions",
                regions.toString(), "--fill", "#00ff00", "--out", tmp.resolve("b").toString(), "-q");
        assertEquals(1, outside.exit(), outside.toString());
        assertEquals(1, outside.stderrLines().size());
        assertTrue(outside.stderr().contains("red-day.jpg") && outside.stderr().contains("outside"), outside.stderr());

        CliRun colour = CliRun.of(frame, "--model", model, "--patch", "64", "--stride", "64", "--fill", "#00ff00",
                "--out", tmp.resolve("c").toString(), "-q");
        assertEquals("#00ff00", JsonParser.parseString(colour.stdoutLines().get(0)).getAsJsonObject()
                .get("fill_colour").getAsString());
        CliRun bad = CliRun.of(frame, "--model", model, "--fill", "purple", "--out", tmp.resolve("d").toString());
        assertEquals(2, bad.exit());
        assertTrue(bad.stderr().contains("--fill") && bad.stderr().contains("#rrggbb"), bad.stderr());
    }

    @Test
    void classTrueMapsTheLabelledClassOfAMistake() throws Exception {
        Path frame = TestData.generatedSample("hard-red-predicted-none.jpg");
        String labels = TestData.generatedSample("labels.csv").toString();
        CliRun run = CliRun.of(frame.toString(), "--model", TestData.syntheticModel().toString(), "--labels", labels,
                "--class", "true", "--patch", "64", "--stride", "32", "--out", tmp.resolve("true").toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        JsonObject line = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        assertEquals("none", line.getAsJsonObject("prediction").get("class").getAsString(), "the model's mistake");
        assertEquals("red", line.get("target").getAsString(), "the true class is mapped");
        assertTrue(line.get("mistake").getAsBoolean());

        CliRun noLabels = CliRun.of(frame.toString(), "--model", TestData.syntheticModel().toString(), "--class", "true",
                "--out", tmp.resolve("none").toString());
        assertEquals(2, noLabels.exit());
        assertTrue(noLabels.stderr().startsWith("occlude: --class true maps each image's true class: it needs --labels"),
                noLabels.stderr());
    }
}
