package dev.occlude.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where outputs go, how inputs are found, resuming, summary and report (labels are {@code
 * options.LabelOptions}, regions {@link RegionOptions}).
 */
final class RunOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".")
    Path out;

    @Option(names = {"-r", "--recursive"})
    boolean recursive;

    @Option(names = {"-0", "--null"})
    boolean nulSeparated;

    @Option(names = "--skip-existing")
    boolean skipExisting;

    @Option(names = "--summary", paramLabel = "FILE.csv")
    Path summary;

    @Option(names = "--only-mistakes")
    boolean onlyMistakes;

    @Option(names = "--atlas", paramLabel = "FILE.png")
    Path atlas;

    @Option(names = "--report", paramLabel = "DIR")
    Path report;

    @Option(names = "--copy")
    boolean copy;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Option(names = "--flips")
    boolean flips;

    @Option(names = "--table")
    boolean table;

    /** Checks what goes together: --copy copies into the report's folder. */
    void check() {
        if (copy && report == null) {
            throw new ParameterException(spec.commandLine(),
                    "--copy copies the overlays into the report's folder: it needs --report DIR");
        }
    }
}
