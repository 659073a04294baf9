package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --skip-existing reuses an earlier result only when it stands for this input: the same file
 * (real path, size, modification time), the same true class when that chose the map, every
 * frame of a video done.
 */
@Tag("model")
class ResumeIdentityTest {
    @TempDir
    Path tmp;

    private static CliRun run(String... first) {
        List<String> a = new ArrayList<>(List.of(first));
        a.addAll(List.of("--model", TestData.syntheticModel().toString(), "--patch", "128", "--stride", "128", "-q",
                "--batch", "4", "--workers", "1"));
        return CliRun.of(a.toArray(String[]::new));
    }

    private static JsonObject only(CliRun run) {
        assertEquals(1, run.stdoutLines().size(), run.toString());
        return JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
    }

    private Path copy(String sample, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        return Files.copy(TestData.generatedSample(sample), to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String predicted(JsonObject line) {
        return line.getAsJsonObject("prediction").get("class").getAsString();
    }

    /** x/a.jpg (red) then y/a.jpg (green) into one folder: the second is mapped, not given the first's line. */
    @Test
    void anotherInputsOutputsAreNotThisInputs() throws Exception {
        Path red = copy("red-day.jpg", tmp.resolve("x/a.jpg"));
        Path green = copy("green-day.jpg", tmp.resolve("y/a.jpg"));
        String out = tmp.resolve("out").toString();
        JsonObject first = only(run(red.toString(), "--out", out));
        assertEquals("red", predicted(first));
        JsonObject second = only(run(green.toString(), "--out", out, "--skip-existing"));
        assertFalse(second.has("existing"), second.toString());
        assertEquals("green", predicted(second));
        assertEquals(green.toRealPath().toString(), second.getAsJsonObject("source").get("path").getAsString());
        JsonObject third = only(run(green.toString(), "--out", out, "--skip-existing"));
        assertTrue(third.has("existing"), "the same file, unchanged: resumed");
    }

    /** The same name with other content (a newer frame copied over it) is mapped again. */
    @Test
    void aChangedFileIsMappedAgain() throws Exception {
        Path a = copy("red-day.jpg", tmp.resolve("in/a.jpg"));
        String out = tmp.resolve("out").toString();
        assertEquals("red", predicted(only(run(a.toString(), "--out", out))));
        copy("green-day.jpg", a);
        // a copy that keeps the old time (cp -p, an unpacked archive) still differs in size
        Files.setLastModifiedTime(a, Files.getLastModifiedTime(TestData.generatedSample("red-day.jpg")));
        JsonObject again = only(run(a.toString(), "--out", out, "--skip-existing"));
        assertFalse(again.has("existing"), again.toString());
        assertEquals("green", predicted(again));
    }

    /** With --class true the labels choose the map: a changed label maps the new class, not the old map relabelled. */
    @Test
    void aChangedLabelRedoesTheTrueClassMap() throws Exception {
        Path a = copy("red-day.jpg", tmp.resolve("in/a.jpg"));
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,class\na.jpg,red\n");
        String out = tmp.resolve("out").toString();
        JsonObject first = only(run(a.toString(), "--out", out, "--labels", labels.toString(), "--class", "true"));
        assertEquals("red", first.get("target").getAsString());
        Files.writeString(labels, "file,class\na.jpg,green\n");
        JsonObject again = only(run(a.toString(), "--out", out, "--labels", labels.toString(), "--class", "true",
                "--skip-existing"));
        assertFalse(again.has("existing"), again.toString());
        assertEquals("green", again.get("target").getAsString());
        assertEquals("green", again.get("label").getAsString());
    }

    /**
     * A video whose frames partly fail is not finished: one line says how many failed and why,
     * no record is written, and --skip-existing redoes only the failed frames.
     */
    @Test
    void aVideoIsFinishedOnlyWhenEveryFrameIs() throws Exception {
        Path clip = dev.occlude.video.Clips.drive(Files.createDirectories(tmp.resolve("in")));
        Path labels = Files.writeString(tmp.resolve("labels.csv"),
                "file,class,time\ndrive.mp4,red,0\ndrive.mp4,purple,1\ndrive.mp4,red,2\n");
        Path out = tmp.resolve("out");
        CliRun broken = run(clip.toString(), "--out", out.toString(), "--every", "0.5s", "--labels", labels.toString());
        assertEquals(1, broken.exit(), broken.toString());
        // (the confusion matrix of the labelled frames follows on stderr, as with any labelled run)
        assertEquals(1, broken.stderrLines().stream().filter(l -> l.startsWith("occlude: ")).count(),
                "one line for the video: " + broken);
        assertTrue(broken.stderr().contains("2 of 6 sampled frames failed")
                && broken.stderr().contains("label 'purple' is not a class"), broken.stderr());
        assertEquals(5, broken.stdoutLines().size(), "four frames and the video's error line: " + broken);
        assertFalse(Files.exists(out.resolve("drive.occlusion.json")), "no record: the video is not done");

        Files.writeString(labels, "file,class,time\ndrive.mp4,red,0\ndrive.mp4,green,1\ndrive.mp4,red,2\n");
        CliRun fixed = run(clip.toString(), "--out", out.toString(), "--every", "0.5s", "--labels", labels.toString(),
                "--skip-existing");
        assertEquals(0, fixed.exit(), fixed.toString());
        List<JsonObject> lines = fixed.stdoutLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject())
                .toList();
        assertEquals(6, lines.size(), fixed.toString());
        for (JsonObject o : lines) {
            double t = o.get("time").getAsDouble();
            assertEquals(t < 1 || t >= 2, o.has("existing"), "only the failed frames are redone: " + o);
        }
        assertTrue(Files.exists(out.resolve("drive.occlusion.json")), "now the video is done");
    }
}
