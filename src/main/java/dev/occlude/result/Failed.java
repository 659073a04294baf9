package dev.occlude.result;

/**
 * An input that could not be used or mapped: its line holds {@code image} and {@code error} only.
 *
 * @param image the input's path as given
 * @param error why, in one line that names the file
 */
public record Failed(String image, String error) implements Outcome {
    @Override
    public Frame frame() {
        return null;
    }

    @Override
    public boolean existing() {
        return false;
    }

    @Override
    public Failed asExisting() {
        return this;
    }

    @Override
    public Failed asFrame(String video, Frame frame) {
        return new Failed(video, error);
    }

    @Override
    public Classification classification() {
        return null;
    }

    @Override
    public Label label() {
        return null;
    }
}
