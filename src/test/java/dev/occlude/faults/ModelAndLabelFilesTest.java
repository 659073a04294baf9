package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 40, item 9 through the real command: a model directory's special, huge, repeated-key or
 * BOM-marked files, and labels rows that could name one file, start with ./, or hold boxes off
 * the picture, each said in one line (real FIFOs, links and files).
 */
@Tag("model")
class ModelAndLabelFilesTest {
    @TempDir
    Path tmp;

    private Path image() throws IOException {
        Path in = tmp.resolve("lab").resolve("red-day.jpg");
        if (Files.notExists(in)) {
            Files.createDirectories(in.getParent());
            Files.copy(TestData.generatedSample("red-day.jpg"), in);
        }
        return in;
    }

    private CliRun run(String model, String... more) throws IOException {
        List<String> a = new ArrayList<>(List.of(image().toString(), "-q", "--model", model, "--patch", "128",
                "--stride", "128", "--out", tmp.resolve("o").toString()));
        a.addAll(List.of(more));
        return CliRun.of(a.toArray(String[]::new));
    }

    /** A copy of the synthetic model to tamper with. */
    private Path model() throws IOException {
        Path dir = tmp.resolve("model");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(TestData.syntheticModel())) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    private static void assertOneLine(CliRun r, int exit, String line) {
        assertEquals(exit, r.exit(), r.toString());
        assertEquals(List.of(line), r.stderrLines(), r.toString());
    }

    private static void mkfifo(Path p) throws Exception {
        assertEquals(0, new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor());
    }

    /**
     * A FIFO in place of a file: refused without opening it. A writer waits on the FIFO all along:
     * were the tool to open it, it would read a line and go on (the test fails, it does not hang).
     */
    @Test
    void fifosAndDevicesAreRefusedBeforeReading() throws Exception {
        for (String name : new String[] {"serving.properties", "stages.json"}) {
            Path dir = model();
            Path fifo = dir.resolve(name);
            byte[] before = Files.readAllBytes(fifo);
            Files.delete(fifo);
            mkfifo(fifo);
            Thread writer = new Thread(() -> {
                try (OutputStream out = Files.newOutputStream(fifo)) {
                    out.write(before);
                } catch (IOException e) {
                    // the test has opened it itself to let this thread go
                }
            });
            writer.setDaemon(true);
            writer.start();
            CliRun r = run(dir.toString());
            assertOneLine(r, 2, "occlude: model " + dir + ": " + name
                    + " is not a regular file (a pipe, device or socket); a model's files must be plain files");
            try (var release = new RandomAccessFile(fifo.toFile(), "r")) {
                writer.join(); // the writer was still waiting: the tool never opened the FIFO
            }
            deleteTree(dir);
        }
        Path dir = model();
        Files.delete(dir.resolve("stages.json"));
        Files.createSymbolicLink(dir.resolve("stages.json"), Path.of("/dev/zero"));
        assertOneLine(run(dir.toString()), 2, "occlude: model " + dir
                + ": stages.json is not a regular file (a pipe, device or socket); a model's files must be plain files");
        Files.delete(dir.resolve("synset.txt"));
        Files.createDirectory(dir.resolve("synset.txt"));
        Files.delete(dir.resolve("stages.json"));
        assertOneLine(run(dir.toString()), 2, "occlude: model " + dir
                + ": synset.txt is not a regular file (a folder); a model's files must be plain files");
    }

    @Test
    void hugeFilesAreRefusedUnread() throws Exception {
        Path dir = model();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("synset.txt").toFile(), "rw")) {
            f.setLength(5L << 20); // sparse: five MiB of zeros
        }
        assertOneLine(run(dir.toString()), 2, "occlude: model " + dir + ": synset.txt holds 5242880 bytes; "
                + "at most 4194304 are read");
    }

    @Test
    void aRepeatedKeyIsRefusedByName() throws Exception {
        Path dir = model();
        Files.writeString(dir.resolve("serving.properties"), "\nnormalize=false\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        assertOneLine(run(dir.toString()), 2, "occlude: model " + dir
                + ": serving.properties: the key normalize is given twice; keep one");
    }

    /** Byte-order marks are encoding, not content: dropped without a word, the first class is 'none'. */
    @Test
    void byteOrderMarksAreDropped() throws Exception {
        Path dir = model();
        for (String name : new String[] {"synset.txt", "serving.properties"}) {
            byte[] body = Files.readAllBytes(dir.resolve(name));
            byte[] marked = new byte[body.length + 3];
            marked[0] = (byte) 0xEF;
            marked[1] = (byte) 0xBB;
            marked[2] = (byte) 0xBF;
            System.arraycopy(body, 0, marked, 3, body.length);
            Files.write(dir.resolve(name), marked);
        }
        CliRun r = run(dir.toString(), "--class", "none");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(), r.stderrLines());
        assertEquals("none", JsonParser.parseString(r.stdoutLines().get(0)).getAsJsonObject()
                .get("target").getAsString());
    }

    /** A model named with the slash a shell's completion adds. */
    @Test
    void aModelNameWithATrailingSlash() throws Exception {
        CliRun r = run(TestData.syntheticModel().getFileName() + "/");
        assertEquals(0, r.exit(), r.toString());
    }

    private Path labels(String rows) throws IOException {
        Path csv = tmp.resolve("labels.csv");
        Files.writeString(csv, "file,class,boxes\n" + rows);
        return csv;
    }

    @Test
    void twoRowsThatCanNameOneFileAreRefused() throws Exception {
        Path csv = labels("red-day.jpg,red,\nlab/red-day.jpg,green,\n");
        assertOneLine(run(TestData.syntheticModel().toString(), "--labels", csv.toString()), 2, "occlude: " + csv
                + ": lines 2 and 3 (red-day.jpg and lab/red-day.jpg) can name one file, as a row names every input "
                + "whose path ends with it; keep one");
        Path dotted = labels("red-day.jpg,red,\n./red-day.jpg,green,\n");
        assertOneLine(run(TestData.syntheticModel().toString(), "--labels", dotted.toString()), 2, "occlude: " + dotted
                + ": line 3: a second row for red-day.jpg (the first is line 2); one row per file");
    }

    @Test
    void aDotSlashRowMatches() throws Exception {
        Path csv = labels("./lab/red-day.jpg,green,\n");
        CliRun r = run(TestData.syntheticModel().toString(), "--labels", csv.toString());
        assertEquals(0, r.exit(), r.toString());
        JsonObject line = JsonParser.parseString(r.stdoutLines().get(0)).getAsJsonObject();
        assertEquals("green", line.get("label").getAsString(), line.toString());
    }

    @Test
    void boxesOffThePictureOrWithoutAreaAreRefusedNamingTheRow() throws Exception {
        Path empty = labels("red-day.jpg,red,10 10 0 5\n");
        assertOneLine(run(TestData.syntheticModel().toString(), "--labels", empty.toString()), 2, "occlude: " + empty
                + ": line 2: the box '10 10 0 5' lies outside the picture or has no area (x and y from 0, width "
                + "and height from 1)");
        Path negative = labels("red-day.jpg,red,-4 10 20 5\n");
        assertEquals(2, run(TestData.syntheticModel().toString(), "--labels", negative.toString()).exit());
        Path outside = labels("red-day.jpg,red,450 10 20 5\n");
        CliRun r = run(TestData.syntheticModel().toString(), "--labels", outside.toString());
        assertOneLine(r, 1, "occlude: " + image() + ": " + outside + ": line 2 (red-day.jpg): the box 450 10 20 5 "
                + "lies outside the 455x256 picture");
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
