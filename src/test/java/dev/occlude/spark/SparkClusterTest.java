package dev.occlude.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The job on a Spark standalone cluster of two workers (scripts/spark-cluster), each its own JVM
 * starting its own executor, submitted by scripts/occlude-spark as a user would. The model is
 * named by a path relative to the submitter's folder, which exists nowhere else: the job works
 * only if the model reaches driver and executors as the launcher ships it.
 */
@Tag("spark")
@Tag("model")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT) // beside the other classes: its time goes to its child processes
@ResourceLock("spark") // Spark's in-process session is one per JVM
class SparkClusterTest {
    private static final List<String> FAST = List.of("--patch", "128", "--stride", "64", "--batch", "1");

    @TempDir
    static Path tmp;
    private static Path cluster;
    private static String master;
    private static SparkSession reader;

    @BeforeAll
    static void start() throws Exception {
        // a folder other users may pass through, as a user's home usually is: what keeps them from the
        // secret is then the cluster's own folder and file modes
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        cluster = tmp.resolve("cluster");
        // the cluster's defaults (workers of 1 core and 3g) and the job's (executors of 3g): they fit
        Result r = run(tmp, List.of(TestData.project("scripts/spark-cluster").toString(), "start", "2"), null);
        assertEquals(0, r.exit(), r.output());
        master = r.output().lines().filter(l -> l.startsWith("spark://")).findFirst().orElseThrow();
        reader = SparkSession.builder().master("local[1]").appName("occlude-cluster-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    }

    @AfterAll
    static void stop() throws Exception {
        run(tmp, List.of(TestData.project("scripts/spark-cluster").toString(), "stop"), null);
        if (reader != null) {
            reader.stop();
        }
    }

    private record Result(int exit, String output) {}

    /** A child process in {@code dir}, stdout and stderr together; {@code log} (when given) receives them as they come. */
    private static Result run(Path dir, List<String> command, Path log) throws Exception {
        return run(dir, command, log, Map.of());
    }

    /** As {@link #run(Path, List, Path)}, with more environment. */
    private static Result run(Path dir, List<String> command, Path log, Map<String, String> env) throws Exception {
        Path file = log != null ? log : Files.createTempFile(tmp, "run", ".log");
        Process p = start(dir, command, file, env);
        p.waitFor();
        return new Result(p.exitValue(), Files.readString(file));
    }

    /** Starts a child process in {@code dir} on this test's cluster, stdout and stderr into {@code log}. */
    private static Process start(Path dir, List<String> command, Path log) throws Exception {
        return start(dir, command, log, Map.of());
    }

    /** As {@link #start(Path, List, Path)}, with more environment. */
    private static Process start(Path dir, List<String> command, Path log, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("OCCLUDE_SPARK_CLUSTER", cluster.toString());
        pb.environment().put("OCCLUDE_SPARK_MEMORY", "1g");
        pb.environment().remove("OCCLUDE_EXECUTOR_MEMORY"); // the job's default
        pb.environment().putAll(env);
        return pb.start();
    }

    /** A folder of the submitter with the shipped model under a relative path, and a folder of frames. */
    private static Path submitter(String name, List<String> images) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Path model = Files.createDirectories(dir.resolve("models/nexar"));
        try (var files = Files.list(TestData.nexarModel())) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        Path in = Files.createDirectories(dir.resolve("frames"));
        for (String i : images) {
            Files.copy(TestData.generatedSample(i), in.resolve(i));
        }
        return dir;
    }

    private static List<String> job(Path out, String... more) {
        List<String> cmd = new ArrayList<>(List.of(TestData.project("scripts/occlude-spark").toString(), "frames",
                "--out", out.toString(), "--model", "models/nexar", "--master", master));
        cmd.addAll(FAST);
        cmd.addAll(List.of(more));
        return cmd;
    }

    /** The table's rows by image name, asserting one row per image. */
    private static Map<String, JsonObject> rows(Path out) {
        Map<String, JsonObject> byName = new HashMap<>();
        for (String json : reader.read().format("parquet").schema(ResultSchema.table()).load(out.resolve("results")
                .toString()).toJSON().collectAsList()) {
            JsonObject o = JsonParser.parseString(json).getAsJsonObject();
            String name = Path.of(o.get("image").getAsString()).getFileName().toString();
            assertNull(byName.put(name, o), "one row per image: " + name);
        }
        return byName;
    }

    /**
     * Kills the job's driver (its JVM and the launcher, SIGKILL: no shutdown hook, no clean-up)
     * as soon as its first of {@code chunks} chunks is in the table.
     */
    private static void killAfterFirstChunk(Process p, Path log, int chunks) throws Exception {
        boolean firstChunk = false;
        while (!firstChunk && p.isAlive()) {
            Thread.sleep(50);
            firstChunk = Files.readString(log).contains("chunk 1 of " + chunks + ":");
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(60, TimeUnit.SECONDS);
        assertTrue(firstChunk, Files.readString(log));
    }

    /** Every row of the table, as JSON. */
    private static List<JsonObject> table(Path out) {
        return reader.read().format("parquet").schema(ResultSchema.table()).load(out.resolve("results").toString())
                .toJSON().collectAsList().stream().map(j -> JsonParser.parseString(j).getAsJsonObject()).toList();
    }

    private static List<String> samples() throws Exception {
        try (var s = Files.list(TestData.generatedSample("red-day.jpg").getParent())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jpg")).sorted().toList();
        }
    }

    @Test
    @Order(0)
    void theDaemonsWebUisListenOnLoopbackAndRefuseEveryRequest() throws Exception {
        // Spark always binds the standalone daemons' UIs; each log names where ("Bound MasterWebUI to
        // 127.0.0.1, and started at http://127.0.0.1:PORT")
        Pattern bound = Pattern.compile("Bound (Master|Worker)WebUI to (\\S+), and started at (http://\\S+)");
        List<String> uis = new ArrayList<>();
        for (String log : List.of("master.log", "worker-1.log", "worker-2.log")) {
            Matcher m = bound.matcher(Files.readString(cluster.resolve(log)));
            assertTrue(m.find(), "no web UI line in " + log);
            assertEquals("127.0.0.1", m.group(2), log);
            uis.add(m.group(3));
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String ui : uis) {
            for (String path : List.of("/", "/json/", "/logPage/?appId=x&executorId=0&logType=stderr", "/static/x.js")) {
                HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(ui + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(403, got.statusCode(), ui + path);
            }
            // the master's kill actions too
            HttpResponse<String> kill = http.send(HttpRequest.newBuilder(URI.create(ui + "/app/kill/"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("id=app-1&terminate=true")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, kill.statusCode(), ui + "/app/kill/");
        }
    }

    @Test
    @Order(1)
    void theClusterAuthenticatesWithASecretOnlyItsUserReads() throws Exception {
        Path secret = cluster.resolve("secret/spark.properties");
        assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(secret.getParent()));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(secret));
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(secret)) {
            p.load(in);
        }
        String key = p.getProperty("spark.authenticate.secret");
        assertTrue(key != null && key.matches("[0-9a-f]{64}"), "a secret of 256 random bits");
        assertEquals("true", p.getProperty("spark.network.crypto.enabled"));
        for (String daemon : List.of("master", "worker-1", "worker-2")) {
            assertTrue(Files.readString(cluster.resolve(daemon + ".log")).contains("SecurityManager: authentication enabled"),
                    daemon);
            // every user reads every command line (/proc/PID/cmdline): the secret is on none
            String pid = Files.readString(cluster.resolve(daemon + ".pid")).trim().split(" ")[0];
            assertFalse(Files.readString(Path.of("/proc", pid, "cmdline")).contains(key), daemon);
        }
        // a second user, passing through the folders above, cannot read it
        Result nobody = run(tmp, List.of("runuser", "-u", "nobody", "--", "cat", secret.toString()), null);
        assertNotEquals(0, nobody.exit(), nobody.output());
        assertTrue(nobody.output().contains("Permission denied"), nobody.output());
        assertFalse(nobody.output().contains(key));
    }

    @Test
    @Order(2)
    void aSubmissionWithoutTheSecretIsRefusedInEitherDeployMode() throws Exception {
        Path dir = submitter("stranger", List.of("red-day.jpg"));
        // occlude-spark finds no record of this master there, so it submits as any other user would: without the secret
        Map<String, String> stranger = Map.of("OCCLUDE_SPARK_CLUSTER", Files.createDirectories(tmp.resolve("elsewhere"))
                .toString());
        String before = Files.readString(cluster.resolve("master.log"));
        Path clientLog = tmp.resolve("stranger-client.log");
        Path clusterLog = tmp.resolve("stranger-cluster.log");
        Process client = start(dir, job(tmp.resolve("stranger-client")), clientLog, stranger);
        Process driver = start(dir, job(tmp.resolve("stranger-cluster"), "--deploy-mode", "cluster"), clusterLog, stranger);
        client.waitFor();
        driver.waitFor();
        assertNotEquals(0, client.exitValue(), Files.readString(clientLog));
        assertNotEquals(0, driver.exitValue(), Files.readString(clusterLog));
        // in one line, said at once: the job asks the master before its session (whose client would retry for a
        // minute), and the line names the address that refused it
        String said = Files.readString(clientLog);
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.startsWith("occlude-spark: the master at " + master + " did not take the job ("
                + master.substring("spark://".length()) + ": "), said);
        // the master registered neither, and no worker started anything for them
        String after = Files.readString(cluster.resolve("master.log")).substring(before.length());
        assertFalse(after.contains("Registering app"), after);
        assertFalse(after.contains("Driver submitted"), after);
        try (var started = Files.walk(cluster).filter(f -> f.getFileName().toString().matches("(app|driver)-.*"))) {
            assertEquals(List.of(), started.toList());
        }
        assertFalse(Files.exists(tmp.resolve("stranger-client/results")));
    }

    @Test
    @Order(3)
    void aJobAskingMoreMemoryThanAWorkerHasSaysWhyInOneLine() throws Exception {
        Path dir = submitter("too-big", List.of("red-day.jpg"));
        Result r = run(dir, job(tmp.resolve("too-big-out"), "--executor-wait", "1"), null,
                Map.of("OCCLUDE_EXECUTOR_MEMORY", "4g"));
        assertEquals(1, r.exit(), r.output());
        List<String> said = r.output().lines().filter(l -> l.startsWith("occlude-spark: no executor")).toList();
        assertEquals(1, said.size(), r.output());
        assertTrue(said.get(0).contains("executors of 4g memory") && said.get(0).contains("offer 3g and 1 core(s) each")
                && said.get(0).contains("OCCLUDE_EXECUTOR_MEMORY=3g"), said.get(0));
    }

    /**
     * A driver killed mid-job (client mode, SIGKILL) over a folder of images and a drive cut into
     * ranges resumes with --skip-existing redoing only what is missing, whole ranges, and the resumed
     * job runs in cluster mode: its driver on a worker, in whose folder the relative model path names
     * nothing, so it works only with the shipped copy. Its frame rows equal the command line's lines
     * and its MP4 and timeline are the command line's (one killed and one resumed submission check all).
     */
    @Test
    @Order(6)
    void aDriverKilledMidJobResumesInClusterModeOnAWorkerRedoingOnlyTheMissingImagesAndRanges() throws Exception {
        List<String> images = samples().subList(0, 4);
        Path dir = submitter("resume", images);
        Path video = dev.occlude.video.Clips.drive(dir.resolve("frames"));
        Path out = tmp.resolve("resume-out");
        Path log = tmp.resolve("resume.log");
        // the drive sampled every 0.5 s in ranges of 1 s: 3 ranges of 2 frames; with the images 7 items, 2 a chunk
        String[] cut = {"--every", "0.5s", "--video-range", "1s", "--chunk", "2"};
        killAfterFirstChunk(start(dir, job(out, cut), log), log, 4);
        List<JsonObject> killed = table(out);
        long frames = killed.stream().filter(r -> r.has("video_range")).count();
        assertEquals(0, frames % 2, "whole ranges in the table: " + killed);
        int before = (int) (killed.size() - frames + frames / 2);
        assertTrue(before >= 2 && before < 7, "stopped part-way: " + before + " of 7 items");

        List<String> again = new ArrayList<>(job(out, cut));
        again.addAll(List.of("--skip-existing", "--deploy-mode", "cluster"));
        Result resumed = run(dir, again, null);
        assertEquals(0, resumed.exit(), resumed.output());
        List<JsonObject> all = table(out);
        assertEquals(new TreeSet<>(images), new TreeSet<>(all.stream().filter(r -> !r.has("video_range"))
                .map(r -> Path.of(r.get("image").getAsString()).getFileName().toString()).toList()), "each image once");
        assertEquals(images.size() + 6, all.size(), "each image and frame once");
        // the driver ran in a worker's folder and said there what it found already done
        List<Path> drivers;
        try (var found = Files.walk(cluster).filter(p -> Files.isDirectory(p)
                && p.getFileName().toString().startsWith("driver-"))) {
            drivers = found.toList();
        }
        assertEquals(1, drivers.size(), "one driver folder on a worker: " + drivers);
        String driverSaid = Files.readString(drivers.get(0).resolve("stderr"));
        assertTrue(driverSaid.contains(before + " of 7 images and video ranges already in"), driverSaid);
        assertTrue(driverSaid.contains("chunk 1 of " + (7 - before + 1) / 2 + ":"), "only the missing items ran: "
                + driverSaid);

        List<JsonObject> lines = DriveRows.cliFrames(video, tmp.resolve("drive-cli"), "--every", "0.5s");
        DriveRows.assertEqualLines(lines, DriveRows.byTime(all.stream().filter(r -> r.has("video_range")).toList()));
        DriveRows.assertAssembled(out.resolve("overlays"), tmp.resolve("drive-cli"), "drive", 6);
    }

    /**
     * One client-mode job checks three things: its rows equal the command line's lines (bad files are
     * error rows, a folder cycle is one), a ladder of 2^16 link paths to one folder is listed once (the
     * job's chunks count its items), and a worker killed while its executor runs leaves every image
     * exactly once.
     */
    @Test
    @Order(8)
    void clientModeRowsEqualTheCliLinesEvenWhenAWorkerIsKilledMidJob() throws Exception {
        // each class, day and night, and one the network gets wrong
        List<String> images = List.of("green-day.jpg", "hard-red-predicted-none.jpg", "none-tail-lights.jpg",
                "red-day.jpg", "red-night.jpg");
        Path dir = submitter("client", images);
        byte[] jpeg = Files.readAllBytes(TestData.generatedSample("red-night.jpg"));
        Files.write(dir.resolve("frames/truncated.jpg"), java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        // a file whose read fails (EIO), and a link back to the folder: each one error row, the job goes on
        Files.createSymbolicLink(dir.resolve("frames/unreadable.jpg"), Path.of("/proc/self/mem"));
        Files.createSymbolicLink(dir.resolve("frames/cycle"), dir.resolve("frames").toAbsolutePath());
        // a ladder of folder links with no image at its foot: 2^16 paths to one text file, listed once
        LinkLadder.build(dir.resolve("frames"), dir.resolve("rungs"), 16);
        Path out = tmp.resolve("client-out");
        Path log = tmp.resolve("client.log");
        Process p = start(dir, job(out, "--chunk", "3", "-r"), log);
        long worker = Long.parseLong(Files.readString(cluster.resolve("worker-1.pid")).trim().split(" ")[0]);
        ProcessHandle w = ProcessHandle.of(worker).orElseThrow();
        // wait until the worker's executor runs (its child JVM): a state, not a time, so no assumption that
        // the machine is slow enough for the job to last some seconds more
        while (p.isAlive() && w.children().findAny().isEmpty()) {
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "the job still runs when the worker is killed: " + Files.readString(log));
        w.destroyForcibly(); // the worker's JVM, SIGKILL; its executor loses it and ends
        p.waitFor();
        String said = Files.readString(log);
        assertEquals(1, p.exitValue(), said);
        assertTrue(said.contains(images.size() + " images mapped, 3 failed"), said);
        // the images, the three bad files and the ladder's text file: 9 items in chunks of 3
        assertTrue(said.contains("chunk 1 of 3:") && !said.contains("chunk 1 of 4:"), said);

        CliRun cli = CliRun.of(dir.resolve("frames").toString(), "-r", "--model", TestData.nexarModel().toString(),
                "--patch", "128", "--stride", "64", "--batch", "1", "--workers", "1", "--out",
                tmp.resolve("client-cli").toString(), "-q");
        Map<String, JsonObject> lines = new HashMap<>();
        cli.stdoutLines().forEach(l -> {
            JsonObject o = JsonParser.parseString(l).getAsJsonObject();
            lines.put(Path.of(o.get("image").getAsString()).getFileName().toString(), o);
        });
        Map<String, JsonObject> rows = rows(out);
        assertEquals(new TreeSet<>(lines.keySet()), new TreeSet<>(rows.keySet()));
        for (String name : images) {
            JsonObject line = lines.get(name);
            JsonObject row = rows.get(name);
            assertEquals(line.getAsJsonObject("prediction").get("class"), row.getAsJsonObject("prediction").get("class"));
            JsonObject lp = line.getAsJsonObject("prediction").getAsJsonObject("probabilities");
            JsonObject rp = row.getAsJsonObject("prediction").getAsJsonObject("probabilities");
            for (String c : lp.keySet()) {
                assertEquals(lp.get(c).getAsDouble(), rp.get(c).getAsDouble(), 1e-5, name + " " + c);
            }
            assertEquals(line.getAsJsonObject("min").get("probability").getAsDouble(),
                    row.getAsJsonObject("min").get("probability").getAsDouble(), 1e-5, name);
            assertEquals(line.getAsJsonObject("min").get("x"), row.getAsJsonObject("min").get("x"), name);
            assertEquals(line.get("variants"), row.get("variants"), name);
        }
        assertTrue(rows.get("truncated.jpg").get("error").getAsString().contains("truncated or corrupt"));
        assertTrue(rows.get("unreadable.jpg").get("error").getAsString().contains("Input/output error"));
        assertTrue(rows.get("cycle").get("error").getAsString().contains("(a directory cycle); not entered again"));
        List<Row> all = reader.read().format("parquet").load(out.resolve("results").toString()).collectAsList();
        assertEquals(rows.size(), all.size(), "no duplicate rows");
    }

    @Test
    @Order(10)
    void aClusterWhoseDaemonsDiedIsDeadToUrlAndStartsAnew() throws Exception {
        String script = TestData.project("scripts/spark-cluster").toString();
        for (String daemon : List.of("master", "worker-2")) { // worker-1 was killed above
            long pid = Long.parseLong(Files.readString(cluster.resolve(daemon + ".pid")).trim().split(" ")[0]);
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroyForcibly();
                h.onExit().join();
            });
        }
        Result url = run(tmp, List.of(script, "url"), null);
        assertEquals(1, url.exit(), url.output());
        assertEquals(1, url.output().lines().count(), url.output());
        assertTrue(url.output().startsWith("spark-cluster: the cluster at " + master + " is not running"), url.output());

        Result again = run(tmp, List.of(script, "start", "1"), null);
        assertEquals(0, again.exit(), again.output());
        assertTrue(again.output().contains("has ended; starting anew"), again.output());
        String fresh = again.output().lines().filter(l -> l.startsWith("spark://")).findFirst().orElseThrow();
        Result now = run(tmp, List.of(script, "url"), null);
        assertEquals(0, now.exit(), now.output());
        assertEquals(fresh, now.output().strip());
    }
}
