package dev.occlude.occlusion;

/**
 * One patch size of a scan: the side of the grey square and the step between squares, both in
 * source-image pixels.
 *
 * @param patch side of the square, at least 1
 * @param stride step between the squares' corners, at least 1
 */
public record PatchSize(int patch, int stride) {
    public PatchSize {
        if (patch < 1) {
            throw new IllegalArgumentException("the patch side must be at least 1, got " + patch);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("the stride must be at least 1, got " + stride);
        }
    }

    /** The grid of squares this size gives on an image of the given size. */
    public PatchGrid grid(int imageWidth, int imageHeight) {
        return new PatchGrid(patch, stride, imageWidth, imageHeight);
    }
}
