package dev.occlude.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * scripts/spark-cluster acts only on processes it can prove are its own: a record whose pid now
 * belongs to another process (pid reuse, made here by writing a live stranger's pid and start time
 * into the record) is reported as ended, and the stranger is left alone. No Spark is started.
 */
@ResourceLock("spark") // Spark's in-process session is one per JVM
class SparkClusterRecordsTest {
    @TempDir
    Path state;
    private Process stranger;

    @BeforeEach
    void startStranger() throws Exception {
        // a process of this user holding the recorded pid: what pid reuse makes of a dead daemon's record
        stranger = new ProcessBuilder("sleep", "600").start();
    }

    @AfterEach
    void stopStranger() throws Exception {
        stranger.destroyForcibly();
        stranger.waitFor(10, TimeUnit.SECONDS);
    }

    private record Result(int exit, String stdout, String stderr) {}

    private Result script(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(TestData.project("scripts/spark-cluster").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OCCLUDE_SPARK_CLUSTER", state.toString());
        Path out = Files.createTempFile(state.getParent(), "out", ".txt");
        Path err = Files.createTempFile(state.getParent(), "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.waitFor();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The process's start time, as /proc/PID/stat says it (field 22, after the command name). */
    private static String startTime(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
    }

    private void records(String master, String worker) throws Exception {
        Files.writeString(state.resolve("master.url"), "spark://127.0.0.1:7077\n");
        Files.writeString(state.resolve("master.pid"), master + "\n");
        Files.writeString(state.resolve("worker-1.pid"), worker + "\n");
    }

    @Test
    void aRecordWhosePidNowNamesAnotherProcessIsNeitherReportedNorStopped() throws Exception {
        long pid = stranger.pid();
        // the same pid and start time (the record of a daemon whose pid was reused at once), and a record without one
        records(pid + " " + startTime(pid), String.valueOf(pid));

        Result url = script("url");
        assertEquals(1, url.exit(), url.stderr());
        assertEquals("", url.stdout());
        assertEquals(1, url.stderr().lines().count(), url.stderr());
        assertTrue(url.stderr().contains("is not running: its master has ended"), url.stderr());
        assertEquals("", script("workers").stdout());

        Result stop = script("stop");
        assertEquals(0, stop.exit(), stop.stderr());
        assertTrue(stop.stderr().contains("master (pid " + pid + ") had already ended"), stop.stderr());
        assertTrue(stranger.isAlive(), "stop left the stranger alone");
        assertFalse(Files.exists(state.resolve("master.url")), "the dead cluster's records are gone");
        Result after = script("url");
        assertEquals(1, after.exit());
        assertTrue(after.stderr().startsWith("spark-cluster: not running"), after.stderr());
    }

    @Test
    void aRecordOfALiveProcessStartedAtAnotherTimeIsNotTheDaemon() throws Exception {
        long pid = stranger.pid();
        long other = Long.parseLong(startTime(pid)) - 1;
        records(pid + " " + other, pid + " " + other);
        assertEquals(1, script("url").exit());
        script("stop");
        assertTrue(stranger.isAlive(), "stop left the stranger alone");
    }
}
