package dev.occlude;

import dev.occlude.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs the command line in-process with its own stdin, stdout and stderr, as a shell would see them. */
public record CliRun(int exit, String stdout, String stderr) {

    public static CliRun of(String... args) {
        return withStdin(new byte[0], args);
    }

    /** Runs with the given bytes as standard input. */
    public static CliRun withStdin(byte[] stdin, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new ByteArrayInputStream(stdin), o, e, false, args);
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    public List<String> stdoutLines() {
        return stdout.lines().filter(l -> !l.isBlank()).toList();
    }

    public List<String> stderrLines() {
        return stderr.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
}
