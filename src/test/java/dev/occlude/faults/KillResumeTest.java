package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeated SIGKILLs, then a resumed run: complete outputs, byte-identical to an uninterrupted run, nothing redone. */
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
        int n = 0;
        for (String name : List.of("red-day.jpg", "green-day.jpg", "green-two-lights.jpg", "red-night.jpg",
                "green-far-small.jpg", "none-tail-lights.jpg")) {
            for (int copy = 0; copy < 2; copy++) {
                Files.copy(TestData.generatedSample(name), in.resolve(copy + "-" + name));
                n++;
            }
        }
        Path reference = tmp.resolve("reference");
        assertEquals(0, CliRun.of(args(in, reference).toArray(String[]::new)).exit());

        Path out = tmp.resolve("killed");
        Random rnd = new Random(7);
        int kills = 0;
        for (int k = 0; k < 6; k++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            cmd.addAll(args(in, out));
            int before = count(out);
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // kill at a random moment once this run has started writing, however slow the machine
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (p.isAlive() && count(out) <= before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(rnd.nextInt(900));
            if (p.isAlive()) {
                p.destroyForcibly(); // SIGKILL: no shutdown hook, temporaries stay behind
                kills++;
            }
            p.waitFor();
        }
        assertTrue(kills >= 3, "the runs were killed mid-way: " + kills);
        Set<String> doneBefore = new TreeSet<>();
        try (Stream<Path> s = Files.list(out)) {
            s.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".occlusion.json")).forEach(doneBefore::add);
        }
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

    /** Files in the folder, temporaries included; 0 before it exists. */
    private static int count(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.count();
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
