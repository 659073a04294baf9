package dev.occlude.cli;

import picocli.CommandLine;

/** Entry point: logs to stderr (warnings only unless --verbose), results to stdout, exit 0/1/2. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int run(String... args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        // DJL probes for CUDA on every start and warns when there is none: not news on a CPU machine
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", verbose ? "info" : "error");
        System.setProperty("ai.djl.offline", "true");
        CommandLine cli = new CommandLine(new OccludeCommand());
        cli.setParameterExceptionHandler((e, a) -> {
            System.err.println("occlude: " + e.getMessage().replaceAll("\\s+", " ").trim()
                    + " (see occlude --help)");
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }
}
