package dev.occlude.result;

import java.awt.Rectangle;

/**
 * The patch (clipped to the image) whose variant had the lowest target probability.
 *
 * @param probability the target's probability with it hidden
 * @param x left edge in source pixels
 * @param y top edge in source pixels
 * @param width width in source pixels
 * @param height height in source pixels
 */
public record MinPatch(double probability, int x, int y, int width, int height) {
    /** The patch as a rectangle. */
    public Rectangle rectangle() {
        return new Rectangle(x, y, width, height);
    }
}
