package dev.occlude.serve;

import java.util.Locale;

/**
 * The variant count of a map job, in 64 bits and bounded, checked before any work: a patch grid
 * too large to finish (or to count in 32 bits) is refused in one line. The command line's
 * {@code PatchGrid} is to count in 64 bits too (issue 40, item 8); until it does, serve checks here.
 */
final class Variants {
    /** Variants one map job may have at most: hours of work on this machine's CPUs already. */
    static final long MAX = 10_000_000L;

    private Variants() {}

    /** Patch corners along one side: from -(patch-1) every stride while inside, as PatchGrid places them. */
    static long positions(long extent, long patch, long stride) {
        return (extent + patch - 1 + stride - 1) / stride;
    }

    /** @throws IllegalArgumentException when the grid has more than {@link #MAX} variants */
    static void check(int patch, int stride, int width, int height) {
        long count = positions(width, patch, stride) * positions(height, patch, stride);
        if (count > MAX) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "patch %d stride %d on a %dx%d frame is %,d "
                    + "variants; a map job takes at most %,d (a larger stride, or a smaller patch)", patch, stride, width,
                    height, count, MAX));
        }
    }
}
