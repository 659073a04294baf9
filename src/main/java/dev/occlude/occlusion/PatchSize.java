package dev.occlude.occlusion;

import java.util.ArrayList;
import java.util.List;

/**
 * One patch size of a scan: the side of the grey square and the step between squares, both in
 * source-image pixels.
 *
 * @param patch side of the square, at least 1
 * @param stride step between the squares' corners, at least 1
 * @throws GridTooLargeException when even a one-pixel image would get more than
 *     {@link PatchGrid#MAX_VARIANTS} variants
 */
public record PatchSize(int patch, int stride) {
    /** Checks that both are at least 1. */
    public PatchSize {
        if (patch < 1) {
            throw new IllegalArgumentException("the patch side must be at least 1, got " + patch);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("the stride must be at least 1, got " + stride);
        }
        PatchGrid.checkSize(patch, stride);
    }

    /**
     * Sizes from a list of patch sides and a list of strides: one stride for all, or one per side.
     *
     * @throws IllegalArgumentException when the counts do not match or a value is out of range
     */
    public static List<PatchSize> of(List<Integer> patches, List<Integer> strides) {
        if (strides.size() != 1 && strides.size() != patches.size()) {
            throw new IllegalArgumentException("one stride, or one per patch side (" + patches.size() + "), is needed");
        }
        List<PatchSize> sizes = new ArrayList<>();
        for (int i = 0; i < patches.size(); i++) {
            sizes.add(new PatchSize(patches.get(i), strides.get(strides.size() == 1 ? 0 : i)));
        }
        return sizes;
    }

    /** The grid of squares this size gives on an image of the given size. */
    public PatchGrid grid(int imageWidth, int imageHeight) {
        return new PatchGrid(patch, stride, imageWidth, imageHeight);
    }
}
