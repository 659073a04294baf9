package dev.occlude.occlusion;

/**
 * The knobs of one occlusion scan.
 *
 * @param patch side of the grey square, in source pixels
 * @param stride step between squares, in source pixels
 * @param fill grey level in [0, 1]; painted as the 8-bit value round(255 * fill), as in an image file
 * @param batch variants scored per forward pass
 */
public record ScanSettings(int patch, int stride, double fill, int batch) {
    public ScanSettings {
        if (patch < 1) {
            throw new IllegalArgumentException("--patch must be at least 1, got " + patch);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("--stride must be at least 1, got " + stride);
        }
        if (!(fill >= 0 && fill <= 1)) {
            throw new IllegalArgumentException("--fill must be in [0, 1], got " + fill);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
    }

    public int fillByte() {
        return (int) Math.round(fill * 255);
    }
}
