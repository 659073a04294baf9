package dev.occlude;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A child process run to its end, as a shell would see it: its exit code, stdout and stderr (the child-process side of {@link CliRun}). */
public record ChildRun(int exit, String stdout, String stderr) {
    /**
     * Runs {@code command} with nothing on stdin, its stdout and stderr through files in {@code dir}
     * (child.out, child.err: no pipe fills while it runs).
     */
    public static ChildRun of(List<String> command, Path dir) throws IOException, InterruptedException {
        File out = dir.resolve("child.out").toFile();
        File err = dir.resolve("child.err").toFile();
        int exit = new ProcessBuilder(command).redirectOutput(out).redirectError(err)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start().waitFor();
        return new ChildRun(exit, Files.readString(out.toPath()), Files.readString(err.toPath()));
    }

    /** Stdout's JSON lines. */
    public List<JsonObject> lines() {
        return stdout.lines().filter(l -> !l.isBlank()).map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
    }
}
