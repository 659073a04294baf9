package dev.occlude.cli;

import dev.occlude.occlusion.Limits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Batch size, workers and threads: measured per model and machine unless given. */
final class SpeedOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--batch", paramLabel = "N")
    Integer batch;

    @Option(names = "--workers", paramLabel = "N")
    Integer workers;

    @Option(names = "--threads", paramLabel = "N")
    Integer threads;

    @Option(names = "--no-incremental")
    boolean noIncremental;

    /** Checks what was given: beyond these bounds nothing gets faster, only memory runs out. */
    void validate() {
        check("--batch", batch, Limits.MAX_BATCH);
        check("--workers", workers, Limits.MAX_WORKERS);
        check("--threads", threads, Limits.MAX_THREADS);
    }

    private void check(String name, Integer value, int most) {
        if (value != null && (value < 1 || value > most)) {
            throw new ParameterException(spec.commandLine(), name + " must be at least 1 and at most " + most
                    + ", got " + value);
        }
    }
}
