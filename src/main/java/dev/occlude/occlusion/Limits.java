package dev.occlude.occlusion;

/** The bounds every command checks its options against: one set, whichever command is run. */
public final class Limits {
    /** Largest patch side and stride: far beyond any image that --max-pixels lets in. */
    public static final int MAX_SIDE = 100_000;
    /** Most repeated occlusion passes. */
    public static final int MAX_PASSES = 100;
    /** Most variants per forward pass: beyond it nothing gets faster, only memory runs out. */
    public static final int MAX_BATCH = 1024;
    /** Most steps of the faithfulness curves. */
    public static final int MAX_METRIC_STEPS = 1000;
    /** Largest image in pixels: an int[] of ARGB pixels can hold no more (2^31 - 1). */
    public static final long MAX_PIXELS = Integer.MAX_VALUE;
    /** The pixel limit when none is given. */
    public static final long DEFAULT_PIXELS = 50_000_000L;

    private Limits() {}
}
