package dev.occlude.serve;

import dev.occlude.occlusion.OcclusionScan;

/**
 * A job's progress over all its passes: each pass scans the frame's grid again from 0, so the
 * variants done so far are those of the passes before plus this one's, of the grid times the
 * passes asked for (a pass that is not run leaves the bar short of the end until the job ends).
 */
final class PassProgress implements OcclusionScan.Progress {
    private final int passes;
    private final OcclusionScan.Progress to;
    private int pass;
    private int last = -1;

    PassProgress(int passes, OcclusionScan.Progress to) {
        this.passes = passes;
        this.to = to;
    }

    @Override
    public void done(int variantsDone, int variantsTotal) {
        if (variantsDone < last) {
            pass++; // a new pass began
        }
        last = variantsDone;
        to.done(pass * variantsTotal + variantsDone, passes * variantsTotal);
    }
}
