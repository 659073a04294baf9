package dev.occlude.video;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * One sampled frame.
 *
 * @param index its number in the video, from 0
 * @param time when it is shown, in seconds from the video's start (microsecond precision)
 * @param image its pixels, TYPE_INT_RGB, as an image input gives them
 */
public record VideoFrame(int index, double time, BufferedImage image) {
    /** The time to the millisecond, as results and file names give it. */
    public double roundedTime() {
        return Math.round(time * 1000) / 1000.0;
    }

    /** The frame's part of its file names: {@code t000012.500} (seconds, zero-padded, to the millisecond). */
    public String stamp() {
        return stamp(roundedTime());
    }

    /** The file-name part of a time in seconds. */
    public static String stamp(double seconds) {
        return String.format(Locale.ROOT, "t%010.3f", seconds);
    }
}
