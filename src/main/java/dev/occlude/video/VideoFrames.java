package dev.occlude.video;

/**
 * A video's sampled frames one at a time, with what its header says: a {@link VideoReader}, or
 * (occlude compare) the frames another run's reader decoded, handed on.
 */
public interface VideoFrames extends AutoCloseable {
    /** The frames' width in pixels. */
    int width();

    /** The frames' height in pixels. */
    int height();

    /** Frames per second as the container declares it (0 when it does not). */
    double frameRate();

    /** The declared length in seconds (0 when unknown). */
    double duration();

    /**
     * The next sampled frame, or null after the last one.
     *
     * @throws VideoException when the video cannot be decoded further before its declared end
     */
    VideoFrame next() throws VideoException;

    /**
     * Nanoseconds the last {@link #next} spent waiting for another run to hand its frame on
     * (occlude compare's model B), not decoding: a frame's {@code seconds} leaves it out. A reader
     * never waits.
     */
    default long waitedNanos() {
        return 0;
    }

    @Override
    void close();
}
