package dev.occlude.occlusion;

import java.util.Objects;

/**
 * How scans run, whatever the patch size: what changes results ({@link ScanMethod}: the fill,
 * exact or refined) and what changes only speed (batching, workers, incremental inference).
 *
 * @param method the fill and refinement: what the results depend on
 * @param batch variants scored per forward pass, at least 1
 * @param workers batches scored at once, each by its own thread and DJL predictor, at least 1
 * @param incremental recompute only what each patch changes when the model declares its stages
 *     (same probabilities to float rounding); false: a full forward pass per variant
 */
public record ScanSettings(ScanMethod method, int batch, int workers, boolean incremental) {
    /** Checks batch and workers. */
    public ScanSettings {
        Objects.requireNonNull(method, "method");
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batch);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("the number of workers must be at least 1, got " + workers);
        }
    }

    /** The fill and refinement given apart. */
    public ScanSettings(FillSpec fill, int batch, int workers, boolean refine, boolean incremental) {
        this(new ScanMethod(fill, refine), batch, workers, incremental);
    }

    /** What hidden pixels become. */
    public FillSpec fill() {
        return method.fill();
    }

    /** Coarse to fine: the fine grid only where a coarse pass shows the probability moving. */
    public boolean refine() {
        return method.refine();
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
        return new ScanSettings(new ScanMethod(newFill, refine()), batch, workers, incremental);
    }

    /** The same settings, refined or exact. */
    public ScanSettings withRefine(boolean newRefine) {
        return new ScanSettings(new ScanMethod(fill(), newRefine), batch, workers, incremental);
    }

    /** The same settings, with or without incremental inference. */
    public ScanSettings withIncremental(boolean newIncremental) {
        return new ScanSettings(method, batch, workers, newIncremental);
    }
}
