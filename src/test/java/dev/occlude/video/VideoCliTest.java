package dev.occlude.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Videos through the command line, on the real Nexar network and a clip made from the shipped frames. */
@Tag("model")
class VideoCliTest {
    /** Coarse, so that each frame takes about a second. */
    private static final String[] FAST = {"--patch", "64", "--stride", "64", "-q", "--batch", "8", "--workers", "1"};

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static Path clip;

    @BeforeAll
    static void makeClip() throws IOException {
        clip = Clips.drive(shared);
    }

    private static CliRun occlude(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(FAST));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static List<JsonObject> lines(CliRun run) {
        return run.stdoutLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static List<Double> times(List<JsonObject> lines) {
        return lines.stream().map(l -> l.get("time").getAsDouble()).toList();
    }

    /** Each sampled frame's map is the map of the same decoded frame given as an image. */
    @Test
    void sampledFramesAreMappedAsTheSameFramesGivenAsImages() throws Exception {
        Path out = tmp.resolve("video");
        CliRun run = occlude(clip.toString(), "--every", "0.5s", "--from", "0.3", "--to", "2.2", "--frames",
                "--out", out.toString());
        assertEquals(0, run.exit(), run.toString());
        List<JsonObject> lines = lines(run);
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0), times(lines));
        assertEquals(List.of(2, 4, 6, 8), lines.stream().map(l -> l.get("frame").getAsInt()).toList());
        assertTrue(lines.stream().allMatch(l -> l.get("image").getAsString().equals(clip.toString())));

        // the same frames, decoded by the same reader, written as lossless PNGs and mapped as images
        Path stills = Files.createDirectories(tmp.resolve("stills"));
        try (VideoReader r = VideoReader.open(clip, Sampling.every("0.5s", 0.3, 2.2), Long.MAX_VALUE, "")) {
            for (VideoFrame f = r.next(); f != null; f = r.next()) {
                ImageIO.write(f.image(), "png", stills.resolve(f.stamp() + ".png").toFile());
            }
        }
        Path images = tmp.resolve("images");
        CliRun asImages = occlude(stills.toString(), "--out", images.toString());
        assertEquals(0, asImages.exit(), asImages.toString());
        List<JsonObject> imageLines = lines(asImages);
        assertEquals(4, imageLines.size());
        for (int i = 0; i < 4; i++) {
            JsonObject frame = lines.get(i);
            String stamp = VideoFrame.stamp(frame.get("time").getAsDouble());
            JsonObject image = imageLines.get(i);
            assertTrue(image.get("image").getAsString().endsWith(stamp + ".png"), image.toString());
            assertEquals(image.get("prediction"), frame.get("prediction"));
            assertEquals(image.get("min"), frame.get("min"));
            Npy.Array2D frameMap = Npy.read(out.resolve("drive." + stamp + ".occlusion.npy"));
            Npy.Array2D imageMap = Npy.read(images.resolve(stamp + ".occlusion.npy"));
            assertArrayEquals(imageMap.data(), frameMap.data(), 0f, stamp);
            JsonObject outputs = frame.getAsJsonObject("outputs");
            assertEquals(out.resolve("drive." + stamp + ".occlusion.png").toString(), outputs.get("overlay").getAsString());
            assertEquals(out.resolve("drive.occlusion.mp4").toString(), outputs.get("video").getAsString());
            assertEquals(out.resolve("drive.timeline.png").toString(), outputs.get("timeline").getAsString());
        }

        // the annotated video: H.264, one frame per sampled frame, each the frame's overlay
        List<BufferedImage> played = decode(out.resolve("drive.occlusion.mp4"));
        assertEquals(4, played.size());
        for (int i = 0; i < 4; i++) {
            BufferedImage overlay = ImageIO.read(out.resolve("drive." + VideoFrame.stamp(times(lines).get(i))
                    + ".occlusion.png").toFile());
            assertTrue(meanDifference(overlay, played.get(i)) < 6, "frame " + i + " differs from its overlay by "
                    + meanDifference(overlay, played.get(i)));
        }
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(out.resolve("drive.occlusion.mp4").toFile())) {
            g.start();
            assertEquals("h264", g.getVideoCodecName());
            assertEquals(2.0, g.getFrameRate(), 1e-6, "the sampling's pace: a frame every 0.5 s");
            assertEquals(0, g.getImageWidth() % 2);
        }
        BufferedImage timeline = ImageIO.read(out.resolve("drive.timeline.png").toFile());
        assertEquals(1200, timeline.getWidth());
        JsonObject record = JsonParser.parseString(Files.readString(out.resolve("drive.occlusion.json")))
                .getAsJsonObject();
        assertEquals(4, record.get("frames").getAsInt());
        assertEquals("0.5s", record.get("every").getAsString());
        assertEquals(4, record.getAsJsonArray("results").size());
    }

    /** Without --frames only the video's files stay; a stopped video resumes at its first frame without a record. */
    @Test
    void framesAreKeptOnlyWhenAskedAndAStoppedVideoResumes() throws Exception {
        Path out = tmp.resolve("out");
        CliRun first = occlude(clip.toString(), "--out", out.toString(), "--skip-existing");
        assertEquals(0, first.exit(), first.toString());
        assertEquals(List.of(0.0, 1.0, 2.0), times(lines(first)));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("drive.occlusion.json", "drive.occlusion.mp4", "drive.timeline.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonObject outputs = lines(first).get(0).getAsJsonObject("outputs");
        assertNull(outputs.get("overlay"), "no frame file to name");
        assertEquals(out.resolve("drive.occlusion.mp4").toString(), outputs.get("video").getAsString());

        // done: everything again from the record, nothing mapped
        CliRun again = occlude(clip.toString(), "--out", out.toString(), "--skip-existing");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(lines(again).stream().allMatch(l -> l.get("existing").getAsBoolean()), again.stdout());
        assertEquals(times(lines(first)), times(lines(again)));

        // stopped during the last frame, frames kept: the first two are taken, the last one mapped
        Path kept = tmp.resolve("kept");
        assertEquals(0, occlude(clip.toString(), "--out", kept.toString(), "--frames").exit());
        long mp4 = Files.size(kept.resolve("drive.occlusion.mp4"));
        for (String stopped : List.of("drive.occlusion.json", "drive.occlusion.mp4", "drive.timeline.png",
                "drive.t000002.000.occlusion.json")) {
            Files.delete(kept.resolve(stopped));
        }
        CliRun resumed = occlude(clip.toString(), "--out", kept.toString(), "--frames", "--skip-existing");
        assertEquals(0, resumed.exit(), resumed.toString());
        List<JsonObject> lines = lines(resumed);
        assertEquals(List.of(0.0, 1.0, 2.0), times(lines));
        assertTrue(lines.get(0).has("existing") && lines.get(1).has("existing"), resumed.stdout());
        assertFalse(lines.get(2).has("existing"), resumed.stdout());
        assertEquals(3, decode(kept.resolve("drive.occlusion.mp4")).size());
        assertTrue(Math.abs(Files.size(kept.resolve("drive.occlusion.mp4")) - mp4) < mp4 / 5);
    }

    /** Cut, empty and pretend videos: one line each, the other inputs done, the cut one's frames mapped. */
    @Test
    void badVideosAreOneLineEachAndTheRestGoesOn() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path cut = Clips.cut(clip, in.resolve("cut.mp4"), (int) (Files.size(clip) * 0.55));
        Files.createFile(in.resolve("empty.mp4"));
        Files.writeString(in.resolve("notes.mp4"), "not a video\n");
        Files.copy(TestData.nexarFrame("night-red.png"), in.resolve("night-red.png"));
        CliRun run = occlude(in.toString(), "--out", tmp.resolve("out").toString(), "--every", "0.25s");
        assertEquals(1, run.exit(), run.toString());
        List<String> errors = run.stderrLines();
        assertEquals(3, errors.size(), run.stderr());
        List<JsonObject> lines = lines(run);
        List<JsonObject> cutFrames = lines.stream().filter(l -> l.get("image").getAsString().equals(cut.toString())
                && l.has("frame")).toList();
        assertFalse(cutFrames.isEmpty(), run.stdout());
        double last = cutFrames.get(cutFrames.size() - 1).get("time").getAsDouble();
        assertEquals("occlude: " + cut + ": decoding stopped after " + String.format(java.util.Locale.ROOT, "%.3f", last)
                + " s (3.000 s declared; cut short or damaged)", errors.get(0));
        assertEquals("occlude: " + in.resolve("empty.mp4") + ": empty file", errors.get(1));
        assertEquals("occlude: " + in.resolve("notes.mp4") + ": not a video FFmpeg can read", errors.get(2));
        assertTrue(lines.stream().anyMatch(l -> l.get("image").getAsString().endsWith("night-red.png")
                && l.has("min")), "the image is mapped");
        assertTrue(Files.exists(tmp.resolve("out/cut.occlusion.mp4")), "the cut video's frames make a video too");
        assertFalse(run.stderr().contains("Exception"), run.stderr());

        CliRun big = occlude(clip.toString(), "--out", tmp.resolve("big").toString(), "--max-pixels", "100000");
        assertEquals(1, big.exit());
        assertEquals(List.of("occlude: " + clip + ": frames of 454x256 = 116224 pixels exceed --max-pixels 100000"),
                big.stderrLines());
    }

    /** Labels by time, several sizes, every class, passes, refinement, summary and report, on a video. */
    @Test
    void everyAnalysisWorksOnAVideo() throws Exception {
        Path labels = Files.writeString(tmp.resolve("labels.csv"),
                "file,time,class\ndrive.mp4,0,red\ndrive.mp4,0:01,red\ndrive.mp4,2,none\n");
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of(clip.toString(), "--out", out.toString(), "--patch", "128,64", "--stride", "64",
                "--class", "all", "--passes", "2", "--refine", "--labels", labels.toString(), "--summary",
                out.resolve("summary.csv").toString(), "--report", out.resolve("report").toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        List<JsonObject> lines = lines(run);
        assertEquals(3, lines.size());
        // the labels from each time on: the green frame at 1 s is a mistake, the parking signs' at 2 s are 'none'
        assertEquals(List.of("red", "red", "none"), lines.stream().map(l -> l.get("label").getAsString()).toList());
        assertEquals("green", lines.get(1).getAsJsonObject("prediction").get("class").getAsString());
        assertTrue(lines.get(1).get("mistake").getAsBoolean());
        for (JsonObject l : lines) {
            assertEquals(2, l.getAsJsonArray("sizes").size(), l.toString());
            assertEquals(3, l.getAsJsonObject("classes").size(), l.toString());
            assertTrue(l.get("refine").getAsBoolean());
            assertTrue(l.getAsJsonArray("passes").size() >= 1);
        }
        // the parking signs at night look red to this network: a mistake against 'none'
        assertEquals(List.of(false, true, true), lines.stream().map(l -> l.get("mistake").getAsBoolean()).toList());
        assertTrue(run.stderr().contains("3 frames of 1 video, 2 mistakes"), run.stderr());
        List<CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(out.resolve("summary.csv"), StandardCharsets.UTF_8)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
        assertEquals(List.of("0", "4", "8"), rows.stream().map(r -> r.get("frame")).toList());
        assertEquals(List.of("0.0", "1.0", "2.0"), rows.stream().map(r -> r.get("time")).toList());
        String html = Files.readString(out.resolve("report/index.html"));
        assertEquals(1, html.split("\"video\":\\{\"frames\":3", -1).length - 1, "one card for the video");
        assertTrue(Files.isRegularFile(out.resolve("report/images/00001-drive.mp4.thumb.jpg")));
    }

    /** --only-mistakes: the frames the model gets right are classified, not mapped; no error when none is wrong. */
    @Test
    void onlyTheMistakenFramesAreMapped() throws Exception {
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,time,class\ndrive.mp4,0,red\ndrive.mp4,1,green\n"
                + "drive.mp4,2,none\n");
        Path out = tmp.resolve("out");
        CliRun run = occlude(clip.toString(), "--out", out.toString(), "--labels", labels.toString(), "--only-mistakes");
        assertEquals(0, run.exit(), run.toString());
        List<JsonObject> lines = lines(run);
        assertEquals(List.of(false, false, true), lines.stream().map(l -> !l.has("mapped")).toList(), run.stdout());
        assertEquals(1, decode(out.resolve("drive.occlusion.mp4")).size(), "the one mistaken frame");

        Path right = Files.writeString(tmp.resolve("right.csv"), "file,time,class\ndrive.mp4,0,red\ndrive.mp4,1,green\n"
                + "drive.mp4,2,red\n");
        Path none = tmp.resolve("none");
        CliRun allRight = occlude(clip.toString(), "--out", none.toString(), "--labels", right.toString(),
                "--only-mistakes", "--skip-existing");
        assertEquals(0, allRight.exit(), allRight.toString());
        assertEquals(3, lines(allRight).size());
        assertFalse(Files.exists(none.resolve("drive.occlusion.mp4")), "no mapped frame, no video");
        CliRun again = occlude(clip.toString(), "--out", none.toString(), "--labels", right.toString(),
                "--only-mistakes", "--skip-existing");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(lines(again).stream().allMatch(l -> l.has("existing")), again.stdout());
    }

    /** The confusion matrix on stderr says frames where it counts a video's frames, images where images. */
    @Test
    void theConfusionMatrixCallsFramesFrames() throws Exception {
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,time,class\ndrive.mp4,0,red\ndrive.mp4,1,green\n"
                + "drive.mp4,2,none\nnight-red.png,,red\n");
        CliRun run = occlude(clip.toString(), TestData.nexarFrame("night-red.png").toString(), "--out",
                tmp.resolve("out").toString(), "--labels", labels.toString(), "--only-mistakes");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.stderr().contains("confusion matrix (rows: true class, columns: predicted), 1 image and 3 frames "
                + "of 1 video, 1 mistake\n"), run.stderr());
    }

    @Test
    void videoOptionsAreCheckedBeforeAnythingRuns() {
        CliRun zero = CliRun.of(clip.toString(), "--every", "0s");
        assertEquals(2, zero.exit());
        assertTrue(zero.stderr().contains("--every: must be more than zero"), zero.stderr());
        CliRun backwards = CliRun.of(clip.toString(), "--from", "2", "--to", "1s");
        assertEquals(2, backwards.exit());
        assertTrue(backwards.stderr().contains("--to (1s) is before --from (2)"), backwards.stderr());
        CliRun words = CliRun.of(clip.toString(), "--from", "soon");
        assertEquals(2, words.exit());
        assertTrue(words.stderr().contains("--from: not a time: 'soon'"), words.stderr());
    }

    private static List<BufferedImage> decode(Path mp4) throws IOException {
        List<BufferedImage> frames = new ArrayList<>();
        Java2DFrameConverter c = new Java2DFrameConverter();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(mp4.toFile())) {
            g.start();
            for (Frame f = g.grabImage(); f != null; f = g.grabImage()) {
                BufferedImage b = c.convert(f);
                BufferedImage copy = new BufferedImage(b.getWidth(), b.getHeight(), BufferedImage.TYPE_INT_RGB);
                copy.getGraphics().drawImage(b, 0, 0, null);
                frames.add(copy);
            }
        }
        return frames;
    }

    /** Mean absolute difference per channel over the first picture's area. */
    private static double meanDifference(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int s = 0; s <= 16; s += 8) {
                    sum += Math.abs((p >> s & 255) - (q >> s & 255));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
