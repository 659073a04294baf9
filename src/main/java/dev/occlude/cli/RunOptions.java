package dev.occlude.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where outputs go, how inputs are found, resuming, labels, summary and report. */
final class RunOptions {
    /** 2^31 pixels: an int[] of ARGB pixels can hold no more. */
    static final long MAX_PIXELS_LIMIT = Integer.MAX_VALUE;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Output directory; sub-paths of inputs found in directories are kept (default: .).")
    Path out;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-directories of directory inputs.")
    boolean recursive;

    @Option(names = {"-0", "--null"}, description = "Paths on stdin are NUL-separated (find -print0).")
    boolean nulSeparated;

    @Option(names = "--skip-existing",
            description = "Skip images whose outputs are all there already (resume an interrupted run).")
    boolean skipExisting;

    @Option(names = "--summary", paramLabel = "FILE.csv", description = "Also write one CSV row per image.")
    Path summary;

    @Option(names = "--labels", paramLabel = "FILE.csv",
            description = "True classes (columns file,class): JSON lines say label and mistake; a confusion matrix ends the run.")
    Path labels;

    @Option(names = "--only-mistakes", description = "With --labels: map only the frames the model gets wrong.")
    boolean onlyMistakes;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/index.html: a browsable report of the run (see also: occlude report).")
    Path report;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "50000000",
            description = "Refuse images larger than this many pixels (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;
}
