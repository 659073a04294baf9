package dev.occlude.batch;

import dev.occlude.result.Outcome;

/**
 * One consumer of a run's outcomes (stdout lines, the summary, the report, the confusion matrix,
 * ...): each outcome is given to every sink in turn, as it is made, on the run's thread.
 */
interface OutcomeSink {
    /** Takes one image's or frame's outcome. */
    void accept(Outcome outcome);

    /**
     * Called once when the run is done (also after a closed output stopped it): prints what the
     * sink tallied, writes what it gathered; returns how many of its writes failed (each reported).
     */
    default int finish(Problems problems) {
        return 0;
    }
}
