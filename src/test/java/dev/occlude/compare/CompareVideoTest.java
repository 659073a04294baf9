package dev.occlude.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.occlude.ChildRun;
import dev.occlude.TestData;
import dev.occlude.video.Clips;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code occlude compare} over a video through the real command: its frames decoded once for
 * both models (counted by the child's {@link dev.occlude.video.DecodeCount}), each side's lines
 * those of a run alone, and a half-done compare resumed with --skip-existing whichever side left
 * the video unfinished.
 */
@Tag("model")
class CompareVideoTest {
    private static final List<String> SCAN = List.of("--every", "1", "--patch", "64", "--stride", "32", "-q");
    private static final List<String> MODELS = List.of("--model", "nexar-squeezenet", "--model", "synthetic-traffic-lights");

    @TempDir
    Path tmp;

    /** A child's exit code, stdout lines and stderr, and what it decoded ("opens N frames M"). */
    private record Child(int exit, List<JsonObject> lines, String stderr, String decoded) {}

    private Child child(String... args) throws IOException, InterruptedException {
        Path count = tmp.resolve("decoded.txt");
        Files.deleteIfExists(count);
        List<String> command = new ArrayList<>(TestData.childJava("-Docclude.decodeCount=" + count));
        command.addAll(List.of(args));
        command.addAll(SCAN);
        ChildRun run = ChildRun.of(command, tmp);
        return new Child(run.exit(), run.lines(), run.stderr(),
                Files.exists(count) ? Files.readString(count).strip() : "nothing decoded");
    }

    private Child compare(Path video, Path out, String... more) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("compare", video.toString(), "--out", out.toString()));
        args.addAll(MODELS);
        args.addAll(List.of(more));
        return child(args.toArray(String[]::new));
    }

    @Test
    void aVideoIsDecodedOnceForBothModelsAndEachSideIsARunAlone() throws Exception {
        Path video = Clips.drive(tmp);
        Child compared = compare(video, tmp.resolve("compared"));
        assertEquals(0, compared.exit(), compared.toString());
        assertEquals(List.of(0, 4, 8), frames(compared), "one compare line per sampled frame, none lost or doubled");
        JsonObject night = compared.lines().get(0);
        assertEquals(night.get("frame"), night.getAsJsonArray("models").get(1).getAsJsonObject().get("frame"));
        assertEquals("[\"red\",\"none\"]", night.getAsJsonObject("compare").get("predictions").toString());
        assertTrue(Files.exists(Path.of(night.getAsJsonObject("compare").get("picture").getAsString())), night.toString());

        Child aloneA = child(video.toString(), "--model", "nexar-squeezenet", "--out", tmp.resolve("a").toString());
        Child aloneB = child(video.toString(), "--model", "synthetic-traffic-lights", "--out", tmp.resolve("b").toString());
        assertEquals(0, aloneA.exit() + aloneB.exit(), aloneA + " " + aloneB);
        assertTrue(aloneA.decoded().startsWith("opens 1 frames "), aloneA.decoded());
        assertEquals(aloneA.decoded(), compared.decoded(), "the compare decodes what one run alone decodes");
        for (int i = 0; i < 3; i++) {
            JsonObject line = compared.lines().get(i);
            same(aloneA.lines().get(i), line.getAsJsonArray("models").get(0), "A's frame " + i);
            same(aloneB.lines().get(i), line.getAsJsonArray("models").get(1), "B's frame " + i);
        }
    }

    @Test
    void aHalfDoneCompareOverAVideoResumesWhicheverSideLeftItUnfinished() throws Exception {
        Path video = Clips.drive(tmp);
        Path out = tmp.resolve("compared");
        Child first = compare(video, out, "--frames");
        assertEquals(0, first.exit(), first.toString());
        assertEquals(List.of(0, 4, 8), frames(first));

        // model A's video half done (its record and the frame at 1 s gone): A maps that frame, B resumes the video
        unfinish(out.resolve("a-nexar-squeezenet"), "t000001.000");
        Child resumedA = compare(video, out, "--frames", "--skip-existing");
        sameCompare(first, resumedA);
        assertEquals("opens 1 frames " + framesOf(first), resumedA.decoded(), "A read the video, B took nothing");

        // model B's half done: A resumes the video whole, B reads it itself from its own reader
        unfinish(out.resolve("b-synthetic-traffic-lights"), "t000002.000");
        Child resumedB = compare(video, out, "--frames", "--skip-existing");
        sameCompare(first, resumedB);
        assertEquals("opens 1 frames " + framesOf(first), resumedB.decoded());
    }

    private static String framesOf(Child run) {
        return run.decoded().replaceFirst("opens \\d+ frames ", "");
    }

    private static void sameCompare(Child first, Child again) {
        assertEquals(0, again.exit(), again.toString());
        assertEquals(List.of(0, 4, 8), frames(again), "no frame lost or doubled: " + again);
        for (int i = 0; i < 3; i++) {
            assertEquals(first.lines().get(i).get("compare"), again.lines().get(i).get("compare"), "frame " + i);
            same(first.lines().get(i).getAsJsonArray("models").get(0), again.lines().get(i).getAsJsonArray("models").get(0), "A");
            same(first.lines().get(i).getAsJsonArray("models").get(1), again.lines().get(i).getAsJsonArray("models").get(1), "B");
        }
    }

    /** Removes a side's video record and one frame's files: the video is unfinished for that side. */
    private static void unfinish(Path side, String stamp) throws IOException {
        Files.delete(side.resolve("drive.occlusion.json"));
        List<Path> frame;
        try (Stream<Path> files = Files.walk(side)) {
            frame = files.filter(f -> f.getFileName().toString().contains(stamp)).toList();
        }
        assertTrue(!frame.isEmpty(), "the frame's files below " + side);
        for (Path f : frame) {
            Files.delete(f);
        }
    }

    private static List<Integer> frames(Child run) {
        return run.lines().stream().map(l -> l.get("frame").getAsInt()).toList();
    }

    /**
     * Two lines of the same frame by the same model alike: every field equal, numbers within 1e-5,
     * but for the seconds it took, where its files are, and whether it was resumed.
     */
    private static void same(JsonElement expected, JsonElement actual, String where) {
        if (expected.isJsonObject() && actual.isJsonObject()) {
            Map<String, JsonElement> e = expected.getAsJsonObject().asMap();
            Map<String, JsonElement> a = actual.getAsJsonObject().asMap();
            List<String> skipped = List.of("seconds", "outputs", "existing");
            assertEquals(e.keySet().stream().filter(k -> !skipped.contains(k)).sorted().toList(),
                    a.keySet().stream().filter(k -> !skipped.contains(k)).sorted().toList(), where);
            for (String k : e.keySet()) {
                if (!skipped.contains(k)) {
                    same(e.get(k), a.get(k), where + "." + k);
                }
            }
        } else if (expected.isJsonArray() && actual.isJsonArray()) {
            assertEquals(expected.getAsJsonArray().size(), actual.getAsJsonArray().size(), where);
            for (int i = 0; i < expected.getAsJsonArray().size(); i++) {
                same(expected.getAsJsonArray().get(i), actual.getAsJsonArray().get(i), where + "[" + i + "]");
            }
        } else if (expected.isJsonPrimitive() && expected.getAsJsonPrimitive().isNumber()) {
            assertEquals(expected.getAsDouble(), actual.getAsDouble(), 1e-5, where);
        } else {
            assertEquals(expected, actual, where);
        }
    }
}
