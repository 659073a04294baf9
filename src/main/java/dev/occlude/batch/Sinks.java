package dev.occlude.batch;

import dev.occlude.render.OverlayStyle;
import dev.occlude.report.HtmlReport;
import dev.occlude.result.Failed;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sinks a batch run is made of, each small enough to read at a glance. */
final class Sinks {
    private Sinks() {}

    /** The sinks for these options, in the order they take each outcome. */
    static List<OutcomeSink> of(BatchOptions options, List<String> classes, PrintWriter out, Problems problems) {
        List<OutcomeSink> sinks = new ArrayList<>(List.of(new ErrorLines(problems), new ResultLines(out)));
        if (options.labels().isPresent()) {
            sinks.add(new Unlabelled());
        }
        sinks.add(new PointingTally());
        if (options.labels().isPresent()) {
            sinks.add(new Confusion(classes));
            sinks.add(new MistakeKinds());
        }
        options.summary().ifPresent(f -> sinks.add(new Summary(f, classes)));
        options.atlas().ifPresent(f -> sinks.add(new Atlas(f, options.labels(), options.picture().triage())));
        options.report().ifPresent(d -> sinks.add(new Report(d, options.copyToReport(), options.picture().style(),
                options.atlas().orElse(null))));
        return sinks;
    }

    /** A failure's one line on stderr; one line too where the passes stopped before the number asked for. */
    record ErrorLines(Problems problems) implements OutcomeSink {
        @Override
        public void accept(Outcome outcome) {
            if (outcome instanceof Failed f) {
                problems.report(f.error());
            } else if (outcome instanceof Mapped m && m.passesStop() != null && !m.existing()) {
                // not a failure, but fewer passes than asked for is said where the user looks
                problems.report(m.image() + (m.frame() == null ? "" : " at " + m.frame().time() + " s") + ": "
                        + m.passesStop().sentence().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** The JSON line on stdout; a reader that has gone stops the run, as a pipeline expects. */
    record ResultLines(PrintWriter out) implements OutcomeSink {
        @Override
        public void accept(Outcome outcome) {
            out.println(ResultCodec.toLine(outcome));
            if (out.checkError()) {
                throw new OutputClosed();
            }
        }
    }

    /** Counts the outcomes the labels file says nothing of. */
    static final class Unlabelled implements OutcomeSink {
        private int count;

        @Override
        public void accept(Outcome outcome) {
            count += !outcome.failed() && outcome.label() == null ? 1 : 0;
        }

        @Override
        public int finish(Problems problems) {
            if (count > 0) {
                problems.report(count + " image" + (count > 1 ? "s are" : " is") + " not in the labels file; mapped, "
                        + "since whether the model is wrong cannot be told");
            }
            return 0;
        }
    }

    /** The pointing game over the images with labelled boxes: how many minimum patches hit one. */
    static final class PointingTally implements OutcomeSink {
        private int hits;
        private int images;

        @Override
        public void accept(Outcome outcome) {
            if (outcome instanceof Mapped m && m.pointing() != null) {
                hits += m.pointing().hit() ? 1 : 0;
                images++;
            }
        }

        @Override
        public int finish(Problems problems) {
            if (images > 0) {
                problems.print(String.format(Locale.ROOT, "pointing game: %d of %d images with labelled boxes hit "
                        + "(rate %.3f)%n", hits, images, hits / (double) images));
            }
            return 0;
        }
    }

    /** The HTML report, written when the run is done from every outcome. */
    static final class Report implements OutcomeSink {
        private final Path dir;
        private final boolean copy;
        private final List<Outcome> outcomes = new ArrayList<>();

        private final OverlayStyle style;

        private final Path atlas;

        Report(Path dir, boolean copy, OverlayStyle style, Path atlas) {
            this.style = style;
            this.atlas = atlas;
            this.dir = dir;
            this.copy = copy;
        }

        @Override
        public void accept(Outcome outcome) {
            outcomes.add(outcome);
        }

        @Override
        public int finish(Problems problems) {
            try {
                HtmlReport report = new HtmlReport(dir, copy, style).atlas(atlas);
                report.write(outcomes, null);
                report.problems().forEach(problems::report);
                return report.problems().size();
            } catch (IOException | RuntimeException e) {
                return problems.report(dir + ": cannot write the report (" + e.getMessage() + ")");
            }
        }
    }
}
