package dev.occlude.io;

/**
 * The largest image accepted, in pixels, checked before decoding.
 *
 * @param pixels the limit, from 1 to {@link #MAX_PIXELS}
 * @param name how the user sets it, said in the refusal (e.g. a command-line option)
 */
public record PixelLimit(long pixels, String name) {
    /** The pixel limit when none is given: 50 megapixels. */
    public static final long DEFAULT_PIXELS = 50_000_000L;
    /** Largest image in pixels: an int[] of ARGB pixels can hold no more (2^31 - 1). */
    public static final long MAX_PIXELS = Integer.MAX_VALUE;
    /** The default limit, as a library user gets it. */
    public static final PixelLimit DEFAULT = new PixelLimit(DEFAULT_PIXELS, "the pixel limit");
}
