package dev.occlude.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Batch size, workers and threads: measured per model and machine unless given. */
final class SpeedOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--batch", paramLabel = "N",
            description = "Variants per forward pass (default: measured per model and machine, cached).")
    Integer batch;

    @Option(names = "--workers", paramLabel = "N",
            description = "Batches scored at once, each on its own thread (default: measured with the batch size).")
    Integer workers;

    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads per forward pass (default: measured with the batch size).")
    Integer threads;

    /** Checks what was given: beyond these bounds nothing gets faster, only memory runs out. */
    void validate() {
        check("--batch", batch, 1024);
        check("--workers", workers, 64);
        check("--threads", threads, 256);
    }

    private void check(String name, Integer value, int most) {
        if (value != null && (value < 1 || value > most)) {
            throw new ParameterException(spec.commandLine(), name + " must be at least 1 and at most " + most
                    + ", got " + value);
        }
    }
}
