package dev.occlude.occlusion;

/**
 * The knobs of one occlusion scan.
 *
 * @param patch side of the grey square, in source pixels
 * @param stride step between squares, in source pixels
 * @param fill grey level in [0, 1]; painted as the 8-bit value round(255 * fill), as in an image file
 * @param batch variants scored per forward pass
 * @param workers batches scored at once, each by its own thread and DJL predictor
 * @param refine coarse to fine: the fine grid only where a coarse pass shows the probability moving
 */
public record ScanSettings(int patch, int stride, double fill, int batch, int workers, boolean refine) {
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
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
    }

    /** One worker, exact. */
    public ScanSettings(int patch, int stride, double fill, int batch) {
        this(patch, stride, fill, batch, 1, false);
    }

    public int fillByte() {
        return (int) Math.round(fill * 255);
    }

    public ScanSettings withPatch(int newPatch, int newStride) {
        return new ScanSettings(newPatch, newStride, fill, batch, workers, refine);
    }

    public ScanSettings withBatch(int newBatch, int newWorkers) {
        return new ScanSettings(patch, stride, fill, newBatch, newWorkers, refine);
    }

    public ScanSettings withRefine(boolean newRefine) {
        return new ScanSettings(patch, stride, fill, batch, workers, newRefine);
    }
}
