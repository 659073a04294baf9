package dev.occlude.result;

import java.awt.Rectangle;

/**
 * A rectangle in source pixels.
 *
 * @param x left edge
 * @param y top edge
 * @param width width
 * @param height height
 */
public record Box(int x, int y, int width, int height) {
    /** The box of a rectangle. */
    public static Box of(Rectangle r) {
        return new Box(r.x, r.y, r.width, r.height);
    }
}
