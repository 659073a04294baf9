package dev.occlude.bench;

import dev.occlude.cli.Main;
import java.nio.file.Files;
import java.nio.file.Paths;

/** Runs the command line, then prints this process's peak resident set size (VmHWM) on stderr. */
public final class PeakMemory {
    private PeakMemory() {}

    public static void main(String[] args) throws Exception {
        int code = Main.run(args);
        String hwm = Files.readAllLines(Paths.get("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM: ? kB");
        System.err.println("peak-rss " + hwm.replaceAll("\\D+", " ").trim() + " kB");
        System.exit(code);
    }
}
