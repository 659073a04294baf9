package dev.occlude.result;

/**
 * What became of one image, or of one sampled frame of a video: {@link Mapped} (classified and
 * mapped, with the files written), {@link Classified} (classified but not mapped, as with
 * {@code --only-mistakes}) or {@link Failed}. {@link ResultCodec} writes each as the JSON line a
 * run prints and keeps in {@code NAME.occlusion.json}, and reads it back.
 */
public sealed interface Outcome permits Mapped, Classified, Failed {
    /** The input's path as given (for a video's frame, the video's). */
    String image();

    /** For a video's frame, which one; null for an image (and for a failure). */
    Frame frame();

    /** True when the outcome was re-emitted from an earlier run's record (resuming). */
    boolean existing();

    /** The same outcome marked as re-emitted from an earlier run. */
    Outcome asExisting();

    /** The same outcome as a frame of the video {@code video}. */
    Outcome asFrame(String video, Frame frame);

    /** Whether this is a failure. */
    default boolean failed() {
        return this instanceof Failed;
    }

    /** The clean image's classification; null for a failure. */
    Classification classification();

    /** The true class with whether the prediction missed it; null without a label (and for a failure). */
    Label label();
}
