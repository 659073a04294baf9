package dev.occlude.video;

import dev.occlude.util.Durations;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which frames of a video are mapped: one every {@code seconds} of video time (the first frame
 * at or after each multiple, counted from {@code from}) or every {@code frames}-th decoded frame,
 * between {@code from} and {@code to} seconds (both included; {@code to} null: to the end).
 */
public record Sampling(Double seconds, Integer frames, double from, Double to) {
    private static final Pattern FRAMES = Pattern.compile("(\\d+)f");

    /** One frame a second over the whole video. */
    public static final Sampling DEFAULT = new Sampling(1.0, null, 0, null);

    /** Checks the interval, the frame count and the range. */
    public Sampling {
        if ((seconds == null) == (frames == null)) {
            throw new IllegalArgumentException("a sampling is a duration or a frame count");
        }
        if (seconds != null && !(seconds > 0)) {
            throw new IllegalArgumentException("a sampling interval must be positive");
        }
        if (frames != null && frames < 1) {
            throw new IllegalArgumentException("a sampling frame count must be at least 1");
        }
        if (!(from >= 0) || to != null && !(to >= from)) {
            throw new IllegalArgumentException("the time range must start at 0 or later and end after its start");
        }
    }

    /** {@code --every}: {@code 1s}, {@code 0.5s}, {@code 500ms}, {@code 2m}, or {@code 30f} (every 30th frame). */
    public static Sampling every(String text, double from, Double to) {
        Matcher f = FRAMES.matcher(text.trim());
        if (f.matches()) {
            long n;
            try {
                n = Long.parseLong(f.group(1));
            } catch (NumberFormatException e) {
                n = Long.MAX_VALUE;
            }
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a frame count runs from 1f to " + Integer.MAX_VALUE + "f, got '"
                        + text.trim() + "'");
            }
            return new Sampling(null, (int) n, from, to);
        }
        double s = seconds(text);
        if (s <= 0) {
            throw new IllegalArgumentException("must be more than zero, got '" + text + "'");
        }
        return new Sampling(s, null, from, to);
    }

    /** A time in seconds, as {@link Durations#seconds(String)} reads it. */
    public static double seconds(String text) {
        return Durations.seconds(text);
    }

    /**
     * The start of the k-th sampling interval (seconds sampling): its sample is the first frame at
     * or after it. One expression for the reader's choice and for the ranges a video is cut into,
     * so that ranges read one after another take exactly the frames one reading takes.
     */
    public double slotTime(long k) {
        return from + k * seconds;
    }

    /** Frames per second of the annotated video, so that it plays at the video's own speed: one sample per interval. */
    public double playbackRate(double sourceFps) {
        if (seconds != null) {
            return 1 / seconds;
        }
        return sourceFps > 0 ? sourceFps / frames : 1;
    }

    /** How the sampling reads, as the record keeps it: "1s", "0.5s", "30f". */
    public String label() {
        return frames != null ? frames + "f" : trim(seconds) + "s";
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
