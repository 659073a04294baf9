package dev.occlude.picture;

import java.util.Locale;

/**
 * Whether a picture is a video's frame, and what its main overlay's caption then ends with. A
 * frame's pictures use the absolute colour scale that every frame of the video shares; an image's
 * share the scale of its own maps.
 *
 * @param text what the main overlay's caption ends with (empty for an image)
 * @param frame whether the picture is a video's frame
 */
public record FrameCaption(String text, boolean frame) {
    /** An image, not a frame. */
    public static final FrameCaption IMAGE = new FrameCaption("", false);

    /** Frame {@code index} at {@code seconds}. */
    public static FrameCaption of(long index, double seconds) {
        return new FrameCaption(String.format(Locale.ROOT, "  FRAME %d AT %.3f S", index, seconds), true);
    }
}
