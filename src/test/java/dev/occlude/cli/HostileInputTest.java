package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The twelve faults a hostile folder brought (issue 12), one test each; the synthetic model keeps them fast. */
@Tag("model")
class HostileInputTest {
    @TempDir
    Path tmp;

    private static final String[] FAST = {"--patch", "128", "--stride", "128", "-q", "--batch", "4", "--workers", "1"};

    private static String[] args(String... first) {
        List<String> a = new ArrayList<>(List.of(first));
        if (!a.contains("--model")) {
            a.addAll(List.of("--model", TestData.syntheticModel().toString()));
        }
        a.addAll(List.of(FAST));
        return a.toArray(String[]::new);
    }

    private static List<JsonObject> json(CliRun run) {
        return run.stdoutLines().stream().map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    private static void assertNoTrace(CliRun run) {
        assertFalse(run.stderr().contains("\tat ") || run.stderr().contains("Exception"), "no stack trace: " + run);
    }

    private Path sample(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(TestData.generatedSample("red-day.jpg"), dir.resolve(name));
    }

    /** 1. --out equal to the input folder: a user's own NAME.occlusion.png is never overwritten nor redone. */
    @Test
    void outputsNeverOverwriteInputsNorComeBackAsInputs() throws Exception {
        Path dir = tmp.resolve("photos");
        sample(dir, "photo.jpg");
        Path own = dir.resolve("photo.occlusion.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", own.toFile());
        String before = sha(own);
        String photoBefore = sha(dir.resolve("photo.jpg"));
        CliRun run = CliRun.of(args(dir.toString(), "--save-worst", "--out", dir.toString()));
        assertEquals(1, run.exit(), run.toString());
        assertEquals(before, sha(own), "the user's own photo.occlusion.png is untouched");
        assertEquals(photoBefore, sha(dir.resolve("photo.jpg")), "the input is untouched");
        assertTrue(run.stderr().contains("would overwrite an input"), run.stderr());
        assertNoTrace(run);

        // without a clash, a second run into the same folder does not map the first run's outputs
        Path clean = tmp.resolve("clean");
        sample(clean, "frame.jpg");
        assertEquals(0, CliRun.of(args(clean.toString(), "--save-worst", "--out", clean.toString())).exit());
        assertTrue(Files.exists(clean.resolve("frame.occlusion.png")) && Files.exists(clean.resolve("frame.worst.png")));
        CliRun again = CliRun.of(args(clean.toString(), "--save-worst", "--out", clean.toString()));
        assertEquals(0, again.exit(), again.toString());
        assertEquals(1, again.stdoutLines().size(), "only frame.jpg is an input: " + again);
        try (Stream<Path> s = Files.list(clean)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().contains("occlusion.occlusion")), "no output of an output");
        }
    }

    /** 2. A FIFO named x.jpg, given directly or first in a folder: refused before any open, no hang. */
    @Test
    void aFifoIsRefusedWithoutHanging() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("fifo"));
        Path fifo = dir.resolve("a.jpg");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        sample(dir, "b.jpg");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            CliRun direct = CliRun.of(args(fifo.toString(), "--out", tmp.resolve("o1").toString()));
            assertEquals(1, direct.exit(), direct.toString());
            assertTrue(direct.stderr().contains(fifo.toString()) && direct.stderr().contains("special file"), direct.stderr());
            CliRun folder = CliRun.of(args(dir.toString(), "--out", tmp.resolve("o2").toString()));
            assertEquals(1, folder.exit(), folder.toString());
            assertEquals(2, folder.stdoutLines().size(), folder.toString());
            assertNoTrace(folder);
        });
    }

    /** 3. A symlink loop under -r: detected, one line, the images still mapped. */
    @Test
    void aDirectoryCycleIsDetected() throws Exception {
        Path dir = tmp.resolve("loop");
        sample(dir.resolve("sub"), "x.jpg");
        Files.createSymbolicLink(dir.resolve("sub/back"), dir);
        CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRun.of(args(dir.toString(), "-r", "--out", tmp.resolve("out").toString())));
        assertEquals(1, run.exit(), run.toString());
        assertEquals(1, run.stderrLines().size(), run.toString());
        assertTrue(run.stderr().contains("directory cycle"), run.stderr());
        assertTrue(Files.exists(tmp.resolve("out/sub/x.occlusion.png")), "the image in the loop is mapped once");
        assertNoTrace(run);
    }

    /** 4. Out of memory on one image is that image's error line; the next image is done. */
    @Test
    void runningOutOfMemoryFailsOneImageOnly() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("big"));
        BufferedImage big = new BufferedImage(7000, 5000, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(big, "png", dir.resolve("a-big.png").toFile());
        sample(dir, "b-small.jpg");
        List<String> cmd = TestData.childJava("-Xmx160m");
        cmd.addAll(List.of(args(dir.toString(), "--out", tmp.resolve("out").toString())));
        Path errFile = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        String stderr = Files.readString(errFile);
        assertEquals(1, exit, out + stderr);
        List<String> lines = out.lines().toList();
        assertEquals(2, lines.size(), out + stderr);
        assertTrue(lines.get(0).contains("a-big.png") && lines.get(0).contains("memory"), lines.get(0));
        assertTrue(lines.get(1).contains("b-small.jpg") && lines.get(1).contains("\"min\""), lines.get(1));
        assertFalse(stderr.contains("\tat "), stderr);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** 5. Under LC_ALL=C a non-ASCII file name is mapped (the launcher runs Java with UTF-8 names). */
    @Test
    void nonAsciiNamesUnderTheCLocale() throws Exception {
        Path dir = tmp.resolve("names");
        sample(dir, "café-ß-東京.jpg");
        ProcessBuilder pb = new ProcessBuilder(TestData.project("scripts/occlude").toString(), dir.toString(), "--out",
                tmp.resolve("out").toString(), "--model", TestData.syntheticModel().toString(), "--patch", "128",
                "--stride", "128", "-q", "--batch", "4", "--workers", "1");
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("LANG");
        pb.environment().put("OCCLUDE_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out + new String(err.get(), StandardCharsets.UTF_8));
        assertTrue(Files.exists(tmp.resolve("out/café-ß-東京.occlusion.png")), out);
    }

    /** 6. A model asking for 100000x100000 is refused when loaded: exit 2, the key named. */
    @Test
    void absurdModelSizesAreUsageErrors() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("huge"));
        Files.createSymbolicLink(dir.resolve("huge.pt"), TestData.syntheticModel().resolve("synthetic-traffic-lights.pt"));
        Files.writeString(dir.resolve("serving.properties"), "width=100000\nheight=100000\nresize=true\n");
        Files.writeString(dir.resolve("synset.txt"), "none\nred\ngreen\n");
        CliRun run = CliRun.of(args(TestData.generatedSample("red-day.jpg").toString(), "--model", dir.toString(),
                "--out", tmp.resolve("out").toString()));
        assertEquals(2, run.exit(), run.toString());
        assertEquals(1, run.stderrLines().size(), run.toString());
        assertTrue(run.stderr().contains("width=100000"), run.stderr());
        assertNoTrace(run);
    }

    /**
     * 7. One process's clean-up removes a dead process's temporaries, never a live one's, nor
     * those of another machine or container (another PID namespace), whose PIDs mean nothing here.
     */
    @Test
    void temporariesOfALiveProcessAreKept() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try {
            Path live = tmp.resolve(AtomicFiles.temporaryPrefix("x.png", sleeper.pid()) + "123.tmp");
            Path dead = tmp.resolve(AtomicFiles.temporaryPrefix("x.png", gone.pid()) + "456.tmp");
            String otherHost = AtomicFiles.temporaryPrefix("x.png", 1).startsWith(".x.png.00000000-")
                    ? "00000001" : "00000000";
            Path container = tmp.resolve(".x.png." + otherHost + "-" + gone.pid() + ".789.tmp");
            Files.writeString(live, "being written");
            Files.writeString(dead, "left by a killed run");
            Files.writeString(container, "being written in another container");
            AtomicFiles.write(tmp.resolve("x.png"), out -> out.write(1));
            assertTrue(Files.exists(live), "another running process's temporary is kept");
            assertFalse(Files.exists(dead), "a gone process's temporary is removed");
            assertTrue(Files.exists(container), "another PID namespace's temporary is kept");
        } finally {
            sleeper.destroy();
        }
    }

    /** 8. Extreme values are usage errors in one line; negative scales are values, not the option -0. */
    @Test
    void extremeValuesAreBounded() throws Exception {
        Path frame = TestData.generatedSample("red-day.jpg");
        String out = tmp.resolve("out").toString();
        for (String[] bad : List.of(new String[] {"--batch", "2147483647"}, new String[] {"--batch", "15000"},
                new String[] {"--stride", "2147483647"}, new String[] {"--patch", "2147483647"},
                new String[] {"--workers", "100000"}, new String[] {"--passes", "1000000"},
                new String[] {"--max-pixels", "99999999999"})) {
            List<String> a = new ArrayList<>(List.of(frame.toString(), "--model", TestData.syntheticModel().toString(),
                    "--out", out, "-q"));
            a.addAll(List.of(bad));
            CliRun run = CliRun.of(a.toArray(String[]::new));
            assertEquals(2, run.exit(), String.join(" ", bad) + ": " + run);
            assertEquals(1, run.stderrLines().size(), run.toString());
            assertTrue(run.stderr().contains(bad[0]), run.stderr());
            assertNoTrace(run);
        }
        CliRun negative = CliRun.of(args(frame.toString(), "--out", out, "--scale", "-0.5,0.5"));
        assertEquals(0, negative.exit(), negative.toString());
        CliRun attached = CliRun.of(args(frame.toString(), "--out", out, "--scale=-0.2,1"));
        assertEquals(0, attached.exit(), attached.toString());
    }

    /** 9. Labels: a byte-order mark is fine, a missing file is named as such, unlabelled frames are said. */
    @Test
    void labelsFilesAsSpreadsheetsWriteThem() throws Exception {
        Path dir = tmp.resolve("in");
        sample(dir, "a.jpg");
        sample(dir, "b.jpg");
        Path labels = tmp.resolve("labels.csv");
        Files.write(labels, ("\uFEFFfile,class\na.jpg,red\n").getBytes(StandardCharsets.UTF_8));
        CliRun run = CliRun.of(args(dir.toString(), "--out", tmp.resolve("out").toString(), "--labels",
                labels.toString(), "--only-mistakes"));
        assertEquals(0, run.exit(), run.toString());
        List<JsonObject> lines = json(run);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).has("min"), "b.jpg has no label: it is mapped, not skipped: " + lines.get(1));
        assertTrue(run.stderr().contains("1 image is not in the labels file"), run.stderr());
        CliRun missing = CliRun.of(args(dir.toString(), "--out", tmp.resolve("out").toString(), "--labels",
                tmp.resolve("nope.csv").toString()));
        assertEquals(2, missing.exit());
        assertTrue(missing.stderr().contains("nope.csv: no such labels file"), missing.stderr());
    }

    /** 10. Resuming redoes results made with other settings, or whose outputs do not decode. */
    @Test
    void resumingTrustsOnlyWholeOutputsOfTheSameSettings() throws Exception {
        Path dir = tmp.resolve("in");
        sample(dir, "a.jpg");
        sample(dir, "b.jpg");
        sample(dir, "c.jpg");
        Path out = tmp.resolve("out");
        assertEquals(0, CliRun.of(args(dir.toString(), "--out", out.toString())).exit());
        byte[] overlay = Files.readAllBytes(out.resolve("b.occlusion.png"));
        Files.write(out.resolve("b.occlusion.png"), java.util.Arrays.copyOf(overlay, overlay.length / 2));
        Files.write(out.resolve("c.occlusion.npy"), new byte[0]);
        CliRun resumed = CliRun.of(args(dir.toString(), "--out", out.toString(), "--skip-existing"));
        List<JsonObject> lines = json(resumed);
        assertTrue(lines.get(0).has("existing"), "a is whole: reused");
        assertFalse(lines.get(1).has("existing"), "b's overlay is cut short: redone");
        assertFalse(lines.get(2).has("existing"), "c's map is empty: redone");
        assertTrue(ImageIO.read(out.resolve("b.occlusion.png").toFile()) != null);
        List<String> other = new ArrayList<>(List.of(args(dir.toString(), "--out", out.toString(), "--skip-existing")));
        other.set(other.indexOf("128"), "96"); // another patch size
        List<JsonObject> changed = json(CliRun.of(other.toArray(String[]::new)));
        assertTrue(changed.stream().noneMatch(j -> j.has("existing")), "another patch size: everything redone");
        assertEquals(96, changed.get(0).get("patch").getAsInt());
        List<JsonObject> again = json(CliRun.of(other.toArray(String[]::new)));
        assertTrue(again.stream().allMatch(j -> j.has("existing")), "the same settings again: reused");
    }

    /** 11. One line on stderr per failed file, even for a name with a line break or a corrupt record. */
    @Test
    void oneLinePerFailureWhateverTheName() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("in"));
        Files.writeString(dir.resolve("bad\nname.jpg"), "not a jpeg");
        Path out = tmp.resolve("out");
        sample(dir, "good.jpg");
        assertEquals(0, CliRun.of(args(dir.resolve("good.jpg").toString(), "--out", out.toString())).exit());
        Files.writeString(out.resolve("good.occlusion.json"), "{\"image\": \n broken");
        CliRun run = CliRun.of(args(dir.toString(), "--out", out.toString(), "--skip-existing"));
        assertEquals(1, run.exit(), run.toString());
        assertEquals(1, run.stderrLines().size(), run.toString());
        assertTrue(run.stderr().contains("bad\\nname.jpg"), run.stderr());
        assertEquals(2, run.stdoutLines().size(), "a corrupt record is redone: " + run);
    }

    /** 11. SIGTERM during a run: one line, no temporary file left behind. */
    @Test
    void sigtermLeavesNoTemporaries() throws Exception {
        Path dir = tmp.resolve("in");
        for (int i = 0; i < 6; i++) {
            sample(dir, "f" + i + ".jpg");
        }
        Path out = tmp.resolve("out");
        List<String> cmd = TestData.childJava();
        cmd.addAll(List.of(dir.toString(), "--model", TestData.syntheticModel().toString(), "--out", out.toString(),
                "--patch", "8", "--stride", "8", "--batch", "4", "--workers", "1", "-q"));
        // stderr to a file: a pipe read while the process exits can lose its last bytes (Process's stream closes)
        Path errFile = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errFile.toFile()).start();
        // however slow the machine: no time limit, the run's own end stops the wait
        while (!Files.exists(out.resolve("f0.occlusion.json")) && p.isAlive()) {
            Thread.sleep(50);
        }
        p.destroy(); // SIGTERM
        p.waitFor();
        String stderr = Files.readString(errFile);
        assertTrue(Files.exists(out.resolve("f0.occlusion.json")), "the first image was done: " + stderr);
        assertTrue(stderr.contains("interrupted"), "exit " + p.exitValue() + ", stderr: " + stderr);
        try (Stream<Path> s = Files.list(out)) {
            assertTrue(s.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary left");
        }
    }

    /** 12. The launcher works through a symbolic link. */
    @Test
    void theLauncherWorksThroughALink() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("occlude"), TestData.project("scripts/occlude").toAbsolutePath());
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("occlude").toString(), "--version");
        pb.environment().put("OCCLUDE_CLASSPATH", System.getProperty("java.class.path"));
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("occlude"), out);
    }

    /** 12. A closed stdout (| head -n 1) stops the run. */
    @Test
    void aClosedStdoutStopsTheRun() throws Exception {
        Path dir = tmp.resolve("in");
        for (int i = 0; i < 5; i++) {
            sample(dir, "f" + i + ".jpg");
        }
        OutputStream firstLineOnly = new OutputStream() {
            private int newlines;

            @Override
            public void write(int b) throws IOException {
                if (newlines >= 1) {
                    throw new IOException("Broken pipe");
                }
                newlines += b == '\n' ? 1 : 0;
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new java.io.ByteArrayInputStream(new byte[0]), firstLineOnly, err, false,
                args(dir.toString(), "--out", tmp.resolve("out").toString()));
        assertEquals(1, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("standard output closed"), err.toString());
        try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
            long records = s.filter(f -> f.toString().endsWith(".json")).count();
            assertTrue(records < 5, "the run stopped early: " + records + " images done");
        }
    }

    /** 12. Paths on stdin start as they arrive: the first image is done before stdin ends. */
    @Test
    void stdinPathsStartAsTheyArrive() throws Exception {
        Path dir = tmp.resolve("in");
        Path a = sample(dir, "a.jpg");
        Path b = sample(dir, "b.jpg");
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed);
        PipedOutputStream results = new PipedOutputStream();
        PipedInputStream resultsIn = new PipedInputStream(results, 1 << 16);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.run(stdin, results,
                new ByteArrayOutputStream(), false, args("-", "--out", tmp.resolve("out").toString())));
        feed.write((a + "\n").getBytes(StandardCharsets.UTF_8));
        feed.flush();
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(resultsIn, StandardCharsets.UTF_8));
        String first = assertTimeoutPreemptively(Duration.ofSeconds(60), reader::readLine);
        assertTrue(first.contains("a.jpg") && first.contains("\"min\""), "a.jpg done while stdin is still open: " + first);
        feed.write((b + "\n").getBytes(StandardCharsets.UTF_8));
        feed.close();
        String second = reader.readLine();
        assertTrue(second.contains("b.jpg"), second);
        assertEquals(0, run.get());
        results.close();
    }
}
