package dev.occlude.options;

/** The exit codes scripts can rely on. */
public final class ExitCodes {
    /** Every image done. */
    public static final int OK = 0;
    /** Some images failed; the others were done. */
    public static final int FAILED = 1;
    /** Bad arguments, options or model: nothing was done. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
