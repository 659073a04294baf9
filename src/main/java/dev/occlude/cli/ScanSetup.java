package dev.occlude.cli;

import dev.occlude.batch.Input;
import dev.occlude.batch.ScanTuning;
import dev.occlude.batch.TerminalProgress;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Staging;
import dev.occlude.model.tuning.Tuning;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.options.ScanOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** A loaded model's scan settings for a run: what occlude and occlude compare (per model) both do. */
final class ScanSetup {
    private ScanSetup() {}

    /**
     * The scan settings: batch, workers and threads as given, the rest measured on the first image's
     * input shape; {@code tell} says on a terminal that it measures (or always, with {@code verbose}).
     */
    static ScanSettings tune(Classifier classifier, ModelDirectory modelDir, List<Input> images, SpeedOptions speed,
                             ScanOptions scan, boolean verbose, boolean tell, PrintWriter err) throws ModelException {
        boolean say = verbose || (tell && TerminalProgress.stderrIsTerminal());
        Tuning.Choice choice = ScanTuning.choose(classifier, modelDir.fingerprint(), images, speed.batch, speed.workers,
                speed.threads, !speed.noIncremental, line -> {
                    if (say) {
                        err.println("occlude: " + modelDir.name() + ": " + line);
                        err.flush();
                    }
                });
        boolean incremental = classifier.incremental().isPresent() && !speed.noIncremental;
        if (verbose) {
            err.println(incremental ? String.format(Locale.ROOT, "occlude: incremental inference (%s is %s), %s",
                    modelDir.name(), classifier.staging().map(Staging::describe).orElse("staged"), choice.setting())
                    : "occlude: full forward passes: " + (speed.noIncremental ? "--no-incremental"
                    : classifier.whyFullPasses()));
            if (!incremental) {
                err.printf(Locale.ROOT, "occlude: measured %s as the fastest for %s (%.1f images/s), cached%n",
                        choice.setting(), modelDir.name(), choice.imagesPerSecond());
            }
        }
        return new ScanSettings(scan.fillSpec(), choice.setting().batch(), choice.setting().workers(), scan.refine(),
                !speed.noIncremental);
    }
}
