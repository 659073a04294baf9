package dev.occlude.result;

/**
 * A video's sampled frame.
 *
 * @param index its index in the video, from 0
 * @param time its time in seconds (millisecond precision)
 */
public record Frame(int index, double time) {}
