package dev.occlude.cli;

import dev.occlude.io.Labels;
import java.nio.file.Path;

/** What a run does besides the scan itself: where outputs go, resuming, labels, summary, display. */
record RunOptions(Path out, String className, long maxPixels, boolean skipExisting, Labels labels,
                  boolean onlyMistakes, Path summary, boolean quiet, MapOptions maps, Path report) {
}
