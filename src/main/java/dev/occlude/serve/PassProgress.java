package dev.occlude.serve;

import dev.occlude.occlusion.OcclusionScan;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * A job's progress over all its passes: each pass scans the frame's grid again from 0, so the
 * variants done so far are those of the passes before plus this one's, of the grid times the
 * passes asked for (a pass that is not run leaves the bar short of the end until the job ends).
 * Passes are counted as they end (all their variants done), so a pass of one batch counts too.
 * Told after every batch, it is also where a job asked to stop (or its thread interrupted, the
 * server closing) stops: a CancellationException ends the scan before its next batch.
 */
final class PassProgress implements OcclusionScan.Progress {
    private final int passes;
    private final OcclusionScan.Progress to;
    private final BooleanSupplier stop;
    /** Passes whose variants are all done. */
    private int passesDone;

    PassProgress(int passes, OcclusionScan.Progress to, BooleanSupplier stop) {
        this.passes = passes;
        this.to = to;
        this.stop = stop;
    }

    @Override
    public void done(int variantsDone, int variantsTotal) {
        if (stop.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("stopped as asked");
        }
        int before = Math.min(passesDone, passes - 1);
        to.done(before * variantsTotal + variantsDone, passes * variantsTotal);
        if (variantsDone >= variantsTotal) {
            passesDone++; // this pass ended; the next report is the next pass's
        }
    }
}
