package dev.occlude.occlusion;

/** The bounds of a scan that every command checks its options against (the pixel limit's are io.PixelLimit's). */
public final class Limits {
    /** Largest patch side and stride: far beyond any image that --max-pixels lets in. */
    public static final int MAX_SIDE = 100_000;
    /** Most repeated occlusion passes. */
    public static final int MAX_PASSES = 100;
    /** Most variants per forward pass: beyond it nothing gets faster, only memory runs out. */
    public static final int MAX_BATCH = 1024;
    /** Most workers scoring batches at once. */
    public static final int MAX_WORKERS = 64;
    /** Most intra-op threads per worker. */
    public static final int MAX_THREADS = 256;
    /** Most steps of the faithfulness curves. */
    public static final int MAX_METRIC_STEPS = 1000;

    private Limits() {}
}
