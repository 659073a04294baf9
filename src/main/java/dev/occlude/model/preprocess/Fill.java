package dev.occlude.model.preprocess;

/**
 * What a hidden source pixel becomes: a grey level, a colour, or a pixel of a fill picture of the
 * source's size (its mean colour, a blurred copy, seeded noise). Values are 8-bit, as in an image
 * file, so occluding the source and preprocessing it whole gives the same numbers as the fast path.
 */
@FunctionalInterface
public interface Fill {
    /** The 8-bit value of source pixel (x, y) in the channel at bit {@code shift} (16 red, 8 green, 0 blue). */
    int sample(int x, int y, int shift);

    /** One colour everywhere. */
    static Fill colour(int rgb) {
        return (x, y, shift) -> (rgb >> shift) & 0xff;
    }

    /** One 8-bit grey level everywhere. */
    static Fill grey(int level) {
        return colour(level << 16 | level << 8 | level);
    }

    /** The pixels of a fill picture, row-major RGB of the source's width. */
    static Fill pixels(int[] rgb, int width) {
        return (x, y, shift) -> (rgb[y * width + x] >> shift) & 0xff;
    }

    /** The same fill as a grey-scale network sees it: each pixel DJL's grey ({@link Preprocessing#grey}). */
    default Fill grey() {
        return (x, y, shift) -> Preprocessing.grey(rgb(x, y)) & 0xff;
    }

    /** The fill's RGB at (x, y). */
    default int rgb(int x, int y) {
        return sample(x, y, 16) << 16 | sample(x, y, 8) << 8 | sample(x, y, 0);
    }
}
