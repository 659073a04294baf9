package dev.occlude.result;

/**
 * An image classified but not mapped (with {@code --only-mistakes}, a frame the model gets right):
 * its line says {@code "mapped":false}.
 *
 * @param image the input's path as given (for a video's frame, the video's)
 * @param frame for a video's frame, which one; else null
 * @param classification the clean image's size, model and prediction
 * @param label the true class, or null
 * @param existing whether re-emitted from an earlier run
 */
public record Classified(String image, Frame frame, Classification classification, Label label, boolean existing)
        implements Outcome {
    @Override
    public Classified asExisting() {
        return new Classified(image, frame, classification, label, true);
    }

    @Override
    public Classified asFrame(String video, Frame newFrame) {
        return new Classified(video, newFrame, classification, label, existing);
    }

    /** The same outcome with its true class. */
    public Classified withLabel(Label newLabel) {
        return new Classified(image, frame, classification, newLabel, existing);
    }
}
