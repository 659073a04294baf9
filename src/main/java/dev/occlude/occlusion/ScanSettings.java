package dev.occlude.occlusion;

/**
 * How scans run, whatever the patch size: the fill, batching and workers, exact or refined.
 *
 * @param fill what hidden pixels become (grey, a colour, the mean colour, a blurred copy, noise)
 * @param batch variants scored per forward pass, at least 1
 * @param workers batches scored at once, each by its own thread and DJL predictor, at least 1
 * @param refine coarse to fine: the fine grid only where a coarse pass shows the probability moving
 * @param incremental recompute only what each patch changes when the model declares its stages
 *     (same probabilities to float rounding); false: a full forward pass per variant
 */
public record ScanSettings(FillSpec fill, int batch, int workers, boolean refine, boolean incremental) {
    /** Checks batch and workers. */
    public ScanSettings {
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batch);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("the number of workers must be at least 1, got " + workers);
        }
    }

    /** Incremental whenever the model allows it. */
    public ScanSettings(FillSpec fill, int batch, int workers, boolean refine) {
        this(fill, batch, workers, refine, true);
    }

    /** A grey fill of level {@code grey} in [0, 1], painted as the 8-bit value round(255 grey). */
    public ScanSettings(double grey, int batch, int workers, boolean refine) {
        this(FillSpec.grey(grey), batch, workers, refine);
    }

    /** Grey 128, {@code batch} variants per pass, one worker, exact. */
    public static ScanSettings exact(int batch) {
        return new ScanSettings(0.5, batch, 1, false);
    }

    /** The same settings with another fill. */
    public ScanSettings withFill(FillSpec newFill) {
        return new ScanSettings(newFill, batch, workers, refine, incremental);
    }

    /** The same settings, refined or exact. */
    public ScanSettings withRefine(boolean newRefine) {
        return new ScanSettings(fill, batch, workers, newRefine, incremental);
    }

    /** The same settings, with or without incremental inference. */
    public ScanSettings withIncremental(boolean newIncremental) {
        return new ScanSettings(fill, batch, workers, refine, newIncremental);
    }
}
