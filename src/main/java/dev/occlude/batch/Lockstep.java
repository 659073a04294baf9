package dev.occlude.batch;

import dev.occlude.io.ImageLoadException;
import dev.occlude.video.VideoException;
import dev.occlude.video.VideoFrames;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * How a batch run keeps step with another run over the same inputs (occlude compare: model B's
 * run one input behind model A's): an image or a video's frame is decoded once for both, and the
 * second run handles an input (a video's frame) only after the first has. Positions count the inputs from 1, in the order both runs
 * take them. A plain run is {@link #ALONE}.
 */
public interface Lockstep {
    /** A run that keeps step with none: it decodes its own images and never waits. */
    Lockstep ALONE = new Lockstep() {
        @Override
        public BufferedImage image(int position, Path path, Decoder decoder) throws ImageLoadException {
            return decoder.decode(path);
        }

        @Override
        public VideoFrames frames(int position, Opener opener) throws VideoException {
            return opener.open();
        }

        @Override
        public void fed(int position) {}

        @Override
        public void awaitTurn(int position) {}

        @Override
        public void handled(int position) {}

        @Override
        public void ended() {}
    };

    /** Decodes an image file. */
    @FunctionalInterface
    interface Decoder {
        BufferedImage decode(Path path) throws ImageLoadException;
    }

    /**
     * The image of the input at {@code position}: decoded by {@code decoder}, or taken as the other
     * run decoded it. The image is shared: neither run may change its pixels.
     *
     * @throws InterruptedException when the run stops while it waits for the other
     */
    BufferedImage image(int position, Path path, Decoder decoder) throws ImageLoadException, InterruptedException;

    /** Opens a video's reader. */
    @FunctionalInterface
    interface Opener {
        VideoFrames open() throws VideoException;
    }

    /**
     * The sampled frames of the video at {@code position}, which this run maps frame by frame:
     * read by the opener's reader, or handed on from the other run's (each frame handled by this
     * run after the other has handled it). The run does not call {@link #awaitTurn} for such a
     * video: this waits instead, until the other run has reached the video.
     *
     * @throws VideoException as the opener's reader refuses the video
     */
    VideoFrames frames(int position, Opener opener) throws VideoException;

    /** The run's feeder is done with the input at {@code position} (decoded, refused, resumed or a video). */
    void fed(int position);

    /** Waits until this run may handle its input at {@code position} (not a video it maps frame by frame). */
    void awaitTurn(int position);

    /** This run has handled its input at {@code position} (its line given to the sinks). */
    void handled(int position);

    /** This run is over, ended, stopped or failed: the other waits for it no more. */
    void ended();
}
