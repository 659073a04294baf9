package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each mistake a user makes is one line that names what is wrong, before any image is computed. */
class MessagesTest {
    @TempDir
    Path tmp;

    private static void assertOneLine(CliRun run, int exit, String expected) {
        assertEquals(exit, run.exit(), run.toString());
        assertEquals(1, run.stderrLines().size(), run.toString());
        assertTrue(run.stderr().contains(expected), "expected '" + expected + "' in: " + run.stderr());
        assertTrue(!run.stderr().contains("Exception") && !run.stderr().contains("github.com"), run.stderr());
    }

    private static CliRun occlude(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(args),
                java.util.stream.Stream.of("--model", TestData.syntheticModel().toString())).toArray(String[]::new);
        return CliRun.of(all);
    }

    @Test
    void optionsSayWhatTheyTake() throws Exception {
        String img = TestData.generatedSample("red-day.jpg").toString();
        assertOneLine(occlude(img, "--metrics", "0"), 2, "--metrics takes 1 to 1000 steps, got 0");
        Path file = Files.writeString(tmp.resolve("file.txt"), "x");
        // --metrics without a count leaves --out to be the option it is
        assertOneLine(occlude("--metrics", "--out", file.toString(), img), 2, "--out " + file + " is a file, not a folder");
        assertOneLine(occlude(img, "--copy"), 2, "--copy copies the overlays into the report's folder: it needs --report");
        assertOneLine(occlude(img, "--blur-sigma", "3"), 2, "--blur-sigma sets the blur fill's sigma: it needs --fill blur");
        assertOneLine(occlude(img, "--every", "99999999999f"), 2, "a frame count runs from 1f to 2147483647f");
        assertOneLine(occlude(img, "--from", "1:99"), 2, "minutes and seconds after a colon run from 0 to 59");
        CliRun none = CliRun.of();
        assertOneLine(none, 2, "no INPUT given");
        assertEquals(1, none.stderr().split("see occlude --help", -1).length - 1, none.stderr());
    }

    @Test
    void labelsAndRegionsFilesAreNamedWithTheirProblem() throws Exception {
        String img = TestData.generatedSample("red-day.jpg").toString();
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,class\na.jpg,red\nb.jpg,none\na.jpg,green\n");
        assertOneLine(occlude(img, "--labels", labels.toString()), 2,
                labels + ": line 4: a second row for a.jpg (the first is line 2); one row per file");
        Path regions = Files.writeString(tmp.resolve("regions.csv"), "file,x,y,w,h\na.jpg,0,0,5,5\na.jpg,1,1,5,5\n");
        assertOneLine(occlude(img, "--regions", regions.toString()), 2,
                regions + ": line 3: a second row for a.jpg (the first is line 2); one region per file");
        Path latin1 = Files.write(tmp.resolve("latin1.csv"), "file,x,y,w,h\ncaf\u00e9.jpg,0,0,5,5\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertOneLine(occlude(img, "--regions", latin1.toString()), 2, latin1 + ": not UTF-8 text");
        Path fifo = tmp.resolve("fifo.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertOneLine(occlude(img, "--regions", fifo.toString()), 2, fifo + ": a special file (FIFO, device or socket)");
        Path loop = tmp.resolve("loop.jpg");
        Files.createSymbolicLink(loop, loop.getFileName());
        assertOneLine(occlude(img, "--labels", loop.toString()), 2, loop + ": a loop of symbolic links");
    }

    @Test
    void aModelThatDividesByZeroIsRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("model"));
        try (var files = Files.list(TestData.syntheticModel())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path props = dir.resolve("serving.properties");
        // in place of the model's own normalize= (a key given twice is refused on its own)
        Files.writeString(props, Files.readString(props).replaceAll("(?m)^normalize=.*$", "normalize=0.5,0.5,0.5,0,1,1"));
        CliRun run = CliRun.of(TestData.generatedSample("red-day.jpg").toString(), "--model", dir.toString());
        assertOneLine(run, 2, "a standard deviation must be a number above 0");
    }

    /** Repeated occlusion stops when the worst patch is hidden already, rather than repeating one map. */
    @Test
    @Tag("model")
    void passesStopWhenEveryWorstPatchIsHidden() throws Exception {
        CliRun run = occlude(TestData.generatedSample("red-day.jpg").toString(), "--out", tmp.resolve("o").toString(),
                "--patch", "256", "--stride", "256", "--passes", "30", "--stop-below", "0", "-q");
        assertEquals(0, run.exit(), run.toString());
        JsonObject o = JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
        int passes = o.getAsJsonArray("passes").size();
        int variants = o.get("variants").getAsInt();
        assertTrue(passes <= variants + 1 && passes < 30, passes + " passes over " + variants + " patches");
        List<String> mins = new java.util.ArrayList<>();
        o.getAsJsonArray("passes").forEach(p -> {
            JsonObject m = p.getAsJsonObject().getAsJsonObject("min");
            mins.add(m.get("x") + "," + m.get("y") + "," + m.get("width") + "," + m.get("height"));
        });
        // each pass hides one more patch: the patches hidden before the last pass are all different
        List<String> hidden = mins.subList(0, mins.size() - 1);
        assertEquals(hidden.size(), new java.util.HashSet<>(hidden).size(), "no pass hides a hidden patch again: " + mins);
    }
}
