package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated SIGKILLs, then a resumed run: complete outputs, byte-identical to an uninterrupted run, nothing redone.
 * Two killed child JVMs for the images (the second killed while it may be half-way through an image) and one for
 * the video: each kill at a state the test sees on disk, never after a sleep.
 */
@Tag("model")
class KillResumeTest {
    @TempDir
    Path tmp;

    private static final String[] SETTINGS = {"--patch", "32", "--stride", "16", "-q", "--batch", "4", "--workers", "1",
        "--save-worst"};

    private List<String> args(Path in, Path out) {
        List<String> a = new ArrayList<>(List.of(in.toString(), "--model", TestData.syntheticModel().toString(),
                "--out", out.toString(), "--skip-existing"));
        a.addAll(List.of(SETTINGS));
        return a;
    }

    @Test
    void killedRunsResumeToTheSameOutputs() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        List<String> names = List.of("red-day.jpg", "green-day.jpg", "green-two-lights.jpg", "red-night.jpg",
                "green-far-small.jpg", "none-tail-lights.jpg");
        int n = names.size();
        for (String name : names) {
            Files.copy(TestData.generatedSample(name), in.resolve(name));
        }
        Path reference = tmp.resolve("reference");
        assertEquals(0, CliRun.of(args(in, reference).toArray(String[]::new)).exit());

        Path out = tmp.resolve("killed");
        // Each run reads its paths from a pipe the test keeps open, so it cannot finish or exit by itself: the
        // kill comes at a state (this run has finished an image's record; the next may be half written), never
        // after a sleep, on a fast machine or a slow one. The first run is given the first image and killed once
        // it is done (idle, waiting for a path); the second is given the first four, skips the one done, and is
        // killed once it has finished the next (with the one after it under way). Never the last images.
        List<Path> images;
        try (Stream<Path> s = Files.list(in)) {
            images = s.sorted().toList();
        }
        for (int given : List.of(1, 4)) {
            List<String> cmd = TestData.childJava();
            cmd.addAll(args(in, out));
            cmd.set(cmd.indexOf(in.toString()), "-");
            int before = records(out);
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            StringBuilder paths = new StringBuilder();
            for (Path image : images.subList(0, given)) {
                paths.append(image).append('\n');
            }
            p.getOutputStream().write(paths.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            p.getOutputStream().flush();
            while (p.isAlive() && records(out) <= before) {
                Thread.sleep(5);
            }
            assertTrue(p.isAlive(), "a run waiting for more paths is alive until killed");
            p.destroyForcibly(); // SIGKILL: no shutdown hook, temporaries stay behind
            p.waitFor();
        }
        Set<String> doneBefore = new TreeSet<>();
        try (Stream<Path> s = Files.list(out)) {
            s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".occlusion.json")).forEach(doneBefore::add);
        }
        assertTrue(doneBefore.size() >= 2 && doneBefore.size() < n, "each kill after a finished image, before the last: "
                + doneBefore);
        CliRun last = CliRun.of(args(in, out).toArray(String[]::new));
        assertEquals(0, last.exit(), last.toString());
        assertEquals(n, last.stdoutLines().size());
        for (String line : last.stdoutLines()) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            String record = Path.of(o.getAsJsonObject("outputs").get("overlay").getAsString()).getFileName().toString()
                    .replace(".occlusion.png", ".occlusion.json");
            assertEquals(doneBefore.contains(record), o.has("existing"), "finished images are not redone: " + record);
        }

        assertEquals(names(reference), names(out), "the same files, no temporary left");
        for (String name : names(reference)) {
            byte[] a = Files.readAllBytes(reference.resolve(name));
            byte[] b = Files.readAllBytes(out.resolve(name));
            if (name.endsWith(".json")) {
                assertEquals(comparable(new String(a), reference), comparable(new String(b), out), name);
            } else {
                assertArrayEquals(a, b, name + " is byte-identical");
            }
        }
    }

    /** The drive clip's 3 s sampled every 0.5 s. */
    private static final int FRAMES = 6;

    /** A video killed part-way resumes at its first frame without a record; its outputs equal an uninterrupted run's. */
    @Test
    void aKilledVideoResumesAtItsFirstFrameWithoutARecord() throws Exception {
        Path clip = dev.occlude.video.Clips.drive(Files.createDirectories(tmp.resolve("in")));
        List<String> settings = List.of("--every", "0.5s", "--model", TestData.syntheticModel().toString(), "--patch", "32",
                "--stride", "16", "-q", "--batch", "4", "--workers", "1", "--skip-existing");
        Path reference = tmp.resolve("reference");
        List<String> ref = new ArrayList<>(List.of(clip.toString(), "--out", reference.toString()));
        ref.addAll(settings);
        CliRun whole = CliRun.of(ref.toArray(String[]::new));
        assertEquals(0, whole.exit(), whole.toString());
        assertEquals(FRAMES, whole.stdoutLines().size());

        Path out = tmp.resolve("killed");
        Path work = out.resolve("drive.frames.partial");
        List<String> cmd = TestData.childJava();
        cmd.addAll(List.of(clip.toString(), "--out", out.toString()));
        cmd.addAll(settings);
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        while (p.isAlive() && records(work) < 2) {
            Thread.sleep(10);
        }
        assertTrue(p.isAlive(), "killed part-way through the video");
        p.destroyForcibly();
        p.waitFor();
        int done = records(work);
        assertTrue(done >= 2 && done < FRAMES, done + " frames done before the kill");
        assertFalse(Files.exists(out.resolve("drive.occlusion.json")), "the video's record is written last");

        List<String> again = new ArrayList<>(List.of(clip.toString(), "--out", out.toString()));
        again.addAll(settings);
        CliRun resumed = CliRun.of(again.toArray(String[]::new));
        assertEquals(0, resumed.exit(), resumed.toString());
        List<String> lines = resumed.stdoutLines();
        assertEquals(FRAMES, lines.size());
        for (int i = 0; i < FRAMES; i++) {
            JsonObject o = JsonParser.parseString(lines.get(i)).getAsJsonObject();
            assertEquals(i < done, o.has("existing"), "frame " + i + " of which " + done + " were done");
            JsonObject r = JsonParser.parseString(whole.stdoutLines().get(i)).getAsJsonObject();
            o.remove("existing");
            o.remove("seconds");
            r.remove("seconds");
            assertEquals(comparable(r.toString(), reference), comparable(o.toString(), out), "frame " + i);
        }
        assertEquals(names(reference), names(out), "the same files, the work folder gone");
        assertEquals(comparable(Files.readString(reference.resolve("drive.occlusion.json")).replaceAll(
                "\"seconds\":[0-9.E-]+,", "").replaceAll("\"existing\":true,", ""), reference),
                comparable(Files.readString(out.resolve("drive.occlusion.json")).replaceAll("\"seconds\":[0-9.E-]+,", "")
                        .replaceAll("\"existing\":true,", ""), out));
        assertArrayEquals(Files.readAllBytes(reference.resolve("drive.timeline.png")),
                Files.readAllBytes(out.resolve("drive.timeline.png")));
        assertArrayEquals(Files.readAllBytes(reference.resolve("drive.occlusion.mp4")),
                Files.readAllBytes(out.resolve("drive.occlusion.mp4")), "the same annotated video");
    }

    /** Frame records in a video's work folder. */
    private static int records(Path work) throws Exception {
        if (!Files.isDirectory(work)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(work)) {
            return (int) s.filter(f -> f.getFileName().toString().endsWith(".occlusion.json")).count();
        }
    }

    private static Set<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** A record without its timing and with its folder named alike. */
    private static String comparable(String record, Path dir) {
        JsonObject o = JsonParser.parseString(record.replace(dir.toString(), "OUT")).getAsJsonObject();
        o.remove("seconds");
        return o.toString();
    }
}
