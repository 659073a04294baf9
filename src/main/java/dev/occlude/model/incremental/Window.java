package dev.occlude.model.incremental;

/**
 * How a stage reads one of its input maps: each output position sees a {@code kernelY x kernelX}
 * window of the map (the dilated extent) moved by the stride, on the map padded by {@code padY},
 * {@code padX} with {@code padValue} (0 for convolutions and average pooling, -inf for max
 * pooling). A map read as it is, position by position, has a 1x1 window of stride 1. Output
 * lengths are torch's: {@code (n + 2p - k) / s + 1}, rounded up in ceil mode (a last window must
 * start inside the input or its left padding).
 */
public record Window(int kernelY, int kernelX, int strideY, int strideX, int padY, int padX, boolean ceilMode,
                     float padValue) {

    /** A map read position by position. */
    public static final Window IDENTITY = new Window(1, 1, 1, 1, 0, 0, false, 0f);

    /** The output height for an input of {@code inHeight} rows (torch's arithmetic). */
    public int outHeight(int inHeight) {
        return outLength(inHeight, kernelY, strideY, padY);
    }

    /** The output width for an input of {@code inWidth} columns (torch's arithmetic). */
    public int outWidth(int inWidth) {
        return outLength(inWidth, kernelX, strideX, padX);
    }

    /** Padded input height the no-padding method needs for the whole output (ceil mode may add rows). */
    public int paddedHeight(int inHeight) {
        return Math.max(inHeight + 2 * padY, (outHeight(inHeight) - 1) * strideY + kernelY);
    }

    /** The input width with the padding the tool adds. */
    public int paddedWidth(int inWidth) {
        return Math.max(inWidth + 2 * padX, (outWidth(inWidth) - 1) * strideX + kernelX);
    }

    /** Whether this is the 1x1, stride 1, unpadded reading that needs no window arithmetic. */
    public boolean identity() {
        return kernelY == 1 && kernelX == 1 && strideY == 1 && strideX == 1 && padY == 0 && padX == 0;
    }

    private int outLength(int n, int k, int s, int p) {
        if (!ceilMode) {
            return Math.floorDiv(n + 2 * p - k, s) + 1;
        }
        int out = -Math.floorDiv(-(n + 2 * p - k), s) + 1;
        return (out - 1) * s >= n + p ? out - 1 : out;
    }
}
