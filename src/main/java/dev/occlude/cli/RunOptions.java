package dev.occlude.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where outputs go, how inputs are found, resuming, labels, summary and report. */
final class RunOptions {
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

    @Option(names = "--labels", paramLabel = "FILE.csv")
    Path labels;

    @Option(names = "--only-mistakes")
    boolean onlyMistakes;

    @Option(names = "--focus-threshold", paramLabel = "P")
    Double focusThreshold;

    @Option(names = "--none-class", paramLabel = "NAME")
    String noneClass;

    @Option(names = "--atlas", paramLabel = "FILE.png")
    Path atlas;

    @Option(names = "--report", paramLabel = "DIR")
    Path report;

    @Option(names = "--copy")
    boolean copy;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    @Option(names = "--region", paramLabel = "X,Y,W,H", split = ",")
    List<Integer> region;

    @Option(names = "--regions", paramLabel = "FILE.csv")
    Path regions;

    @Option(names = "--flips")
    boolean flips;

    @Option(names = "--table")
    boolean table;
}
