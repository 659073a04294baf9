package dev.occlude.bench;

import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Runs a program's main class in this JVM ({@code PeakMemory MAIN_CLASS ARGS...}), then prints
 * the process's peak resident set size (VmHWM) on stderr. The program must return from main
 * rather than exit.
 */
public final class PeakMemory {
    private PeakMemory() {}

    /** {@code PeakMemory CLASS ARGS...}: runs {@code CLASS.run(ARGS)}, then prints the peak resident memory on stderr. */
    public static void main(String[] args) throws Exception {
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        Class.forName(args[0]).getMethod("run", String[].class).invoke(null, (Object) rest);
        String hwm = Files.readAllLines(Paths.get("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM: ? kB");
        System.err.println("peak-rss " + hwm.replaceAll("\\D+", " ").trim() + " kB");
    }
}
