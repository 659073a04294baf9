package dev.occlude.occlusion;

/**
 * How scans run, whatever the patch size: the grey level, batching and workers, exact or refined.
 *
 * @param fill grey level in [0, 1]; painted as the 8-bit value round(255 * fill), as in an image file
 * @param batch variants scored per forward pass, at least 1
 * @param workers batches scored at once, each by its own thread and DJL predictor, at least 1
 * @param refine coarse to fine: the fine grid only where a coarse pass shows the probability moving
 */
public record ScanSettings(double fill, int batch, int workers, boolean refine) {
    public ScanSettings {
        if (!(fill >= 0 && fill <= 1)) {
            throw new IllegalArgumentException("the fill must be in [0, 1], got " + fill);
        }
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batch);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("the number of workers must be at least 1, got " + workers);
        }
    }

    /** Grey 128, {@code batch} variants per pass, one worker, exact. */
    public static ScanSettings exact(int batch) {
        return new ScanSettings(0.5, batch, 1, false);
    }

    /** The fill as the 8-bit grey value painted into the image. */
    public int fillByte() {
        return (int) Math.round(fill * 255);
    }

    public ScanSettings withBatch(int newBatch, int newWorkers) {
        return new ScanSettings(fill, newBatch, newWorkers, refine);
    }

    public ScanSettings withRefine(boolean newRefine) {
        return new ScanSettings(fill, batch, workers, newRefine);
    }
}
