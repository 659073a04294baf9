package dev.occlude.compare;

import dev.occlude.batch.BatchRunner;
import dev.occlude.model.score.ModelException;

/**
 * Model A's batch run on a thread of its own, ahead of model B's on the caller's thread: when it
 * ends, however it ends, {@code atEnd} tells B's side so, and its failure is rethrown to the caller.
 */
final class LeadingRun extends Thread {
    /** The run itself. */
    @FunctionalInterface
    interface Body {
        BatchRunner.Totals run() throws ModelException;
    }

    private final Body body;
    private final Runnable atEnd;
    private volatile BatchRunner.Totals totals;
    private volatile Throwable failure;

    LeadingRun(Body body, Runnable atEnd) {
        super("occlude-compare-a");
        this.body = body;
        this.atEnd = atEnd;
    }

    @Override
    public void run() {
        try {
            totals = body.run();
        } catch (Throwable t) {
            failure = t;
        } finally {
            atEnd.run();
        }
    }

    /** Whether the run failed as a whole (not an input: its model, or the tool). */
    boolean failed() {
        return failure != null;
    }

    /** Waits for the run to end. */
    void finish() {
        boolean interrupted = false;
        while (isAlive()) {
            try {
                join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How the run ended; its failure rethrown. */
    BatchRunner.Totals totals() throws ModelException {
        if (failure instanceof ModelException m) {
            throw m;
        } else if (failure instanceof RuntimeException r) {
            throw r;
        } else if (failure instanceof Error e) {
            throw e;
        }
        return totals;
    }
}
