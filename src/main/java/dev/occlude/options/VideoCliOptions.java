package dev.occlude.options;

import dev.occlude.video.VideoOptions;
import dev.occlude.video.Sampling;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How video inputs are sampled and what they write: occlude's and occlude-spark's options alike. */
public final class VideoCliOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--every", paramLabel = "DURATION|Nf", defaultValue = "1s")
    String every;

    @Option(names = "--from", paramLabel = "TIME")
    String from;

    @Option(names = "--to", paramLabel = "TIME")
    String to;

    @Option(names = "--frames")
    boolean frames;

    @Option(names = "--video-fps", paramLabel = "FPS")
    Double videoFps;

    /** The options, checked: every problem is a usage error naming the option. */
    public VideoOptions options() {
        double start = from == null ? 0 : time("--from", from);
        Double end = to == null ? null : time("--to", to);
        if (end != null && end < start) {
            throw usage("--to (" + to + ") is before --from (" + (from == null ? "0" : from) + ")");
        }
        Sampling sampling;
        try {
            sampling = Sampling.every(every, start, end);
        } catch (IllegalArgumentException e) {
            throw usage("--every: " + e.getMessage() + " (a duration such as 1s, 0.5s, 500ms, or a frame count such as 30f)");
        }
        if (videoFps != null && !(videoFps > 0 && videoFps <= 240)) {
            throw usage("--video-fps must be more than 0 and at most 240, got " + videoFps);
        }
        return new VideoOptions(sampling, frames, videoFps);
    }

    private double time(String option, String text) {
        try {
            return Sampling.seconds(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
