package dev.occlude.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.video.Sampling;
import dev.occlude.video.VideoReader;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.imageio.ImageIO;

/** A video's rows in the Spark job's table against the command line's frame lines and pictures for the same video. */
final class DriveRows {
    /** The analysis both sides use: cheap, so that a clip maps in seconds. */
    static final List<String> FAST = List.of("--patch", "128", "--stride", "64", "--batch", "1");

    private DriveRows() {}

    /** The CLI's frame lines for the video (in time order), its outputs in {@code out}. */
    static List<JsonObject> cliFrames(Path video, Path out, String... sampling) {
        List<String> args = new ArrayList<>(List.of(video.toString(), "--model", TestData.nexarModel().toString(),
                "--workers", "1", "--out", out.toString(), "-q"));
        args.addAll(FAST);
        args.addAll(List.of(sampling));
        CliRun cli = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.toString());
        return byTime(cli.stdoutLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList());
    }

    static List<JsonObject> byTime(List<JsonObject> rows) {
        return rows.stream().sorted(Comparator.comparingDouble(o -> o.get("time").getAsDouble())).toList();
    }

    /** Every frame once, each row equal to the CLI's line for the same frame (probabilities within 1e-5). */
    static void assertEqualLines(List<JsonObject> lines, List<JsonObject> rows) {
        assertEquals(times(lines), times(rows), "the same frames, each once");
        for (int i = 0; i < lines.size(); i++) {
            JsonObject line = lines.get(i);
            JsonObject row = rows.get(i);
            String what = "frame " + line.get("frame");
            assertEquals(line.get("frame"), row.get("frame"), what);
            assertEquals(line.getAsJsonObject("prediction").get("class"), row.getAsJsonObject("prediction").get("class"));
            JsonObject lp = line.getAsJsonObject("prediction").getAsJsonObject("probabilities");
            JsonObject rp = row.getAsJsonObject("prediction").getAsJsonObject("probabilities");
            for (String c : lp.keySet()) {
                assertEquals(lp.get(c).getAsDouble(), rp.get(c).getAsDouble(), 1e-5, what + " " + c);
            }
            for (String k : List.of("x", "y", "width", "height")) {
                assertEquals(line.getAsJsonObject("min").get(k), row.getAsJsonObject("min").get(k), what + " min " + k);
            }
            assertEquals(line.getAsJsonObject("min").get("probability").getAsDouble(),
                    row.getAsJsonObject("min").get("probability").getAsDouble(), 1e-5, what);
            assertEquals(line.get("variants"), row.get("variants"), what);
            assertTrue(row.get("video_range").getAsString().matches("\\d+ of \\d+: .*"), row.toString());
        }
    }

    private static List<Double> times(List<JsonObject> rows) {
        return rows.stream().map(o -> o.get("time").getAsDouble()).toList();
    }

    /**
     * The job's timeline equals the CLI's, pixel for pixel, and its annotated video holds one
     * frame per row, of the overlays' size.
     */
    static void assertAssembled(Path overlays, Path cliOut, String stem, int frames) throws Exception {
        BufferedImage mine = ImageIO.read(overlays.resolve(stem + ".timeline.png").toFile());
        BufferedImage cli = ImageIO.read(cliOut.resolve(stem + ".timeline.png").toFile());
        assertEquals(cli.getWidth(), mine.getWidth());
        assertEquals(cli.getHeight(), mine.getHeight());
        for (int y = 0; y < cli.getHeight(); y++) {
            for (int x = 0; x < cli.getWidth(); x++) {
                assertEquals(cli.getRGB(x, y), mine.getRGB(x, y), "timeline pixel " + x + "," + y);
            }
        }
        int decoded = 0;
        try (VideoReader r = VideoReader.open(overlays.resolve(stem + ".occlusion.mp4"), Sampling.every("1f", 0, null),
                Long.MAX_VALUE, "")) {
            while (r.next() != null) {
                decoded++;
            }
        }
        assertEquals(frames, decoded, "one video frame per sampled frame");
    }
}
