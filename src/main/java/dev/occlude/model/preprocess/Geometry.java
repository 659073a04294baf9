package dev.occlude.model.preprocess;

/**
 * How a source image maps to the model's input: resized to {@code resizedWidth x resizedHeight},
 * then the window at ({@code cropX}, {@code cropY}) of size {@code inputWidth x inputHeight}.
 */
public record Geometry(int sourceWidth, int sourceHeight, int resizedWidth, int resizedHeight,
                       int cropX, int cropY, int inputWidth, int inputHeight) {

    /** Whether the source is resized (rather than used at its own size). */
    public boolean resized() {
        return resizedWidth != sourceWidth || resizedHeight != sourceHeight;
    }
}
