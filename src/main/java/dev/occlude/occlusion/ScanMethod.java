package dev.occlude.occlusion;

import java.util.Objects;

/**
 * What a scan does that changes its results, apart from the plan of maps: what hidden pixels become
 * and whether the grid is refined. Batch, workers and incremental inference ({@link ScanSettings})
 * change only speed; resuming compares this and the plan, never those.
 *
 * @param fill what hidden pixels become (grey, a colour, the mean colour, a blurred copy, noise)
 * @param refine coarse to fine: the fine grid only where a coarse pass shows the probability moving
 */
public record ScanMethod(FillSpec fill, boolean refine) {
    /** Checks that there is a fill. */
    public ScanMethod {
        Objects.requireNonNull(fill, "fill");
    }
}
