package dev.occlude.batch;

/** Stops the run when the reader of the results has gone (a closed pipe). */
final class OutputClosed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputClosed() {
        super("standard output closed", null, false, false);
    }
}
