package dev.occlude.occlusion;

/**
 * A patch grid with more variants than {@link PatchGrid#MAX_VARIANTS}: refused before anything is
 * computed. An {@link IllegalArgumentException}, so a command line says it as a usage error and a
 * server as a 400; its message is one line naming the patch, the stride and the count.
 */
public final class GridTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The variant count that was refused (64-bit: it can pass any int). */
    private final long variants;

    GridTooLargeException(String message, long variants) {
        super(message);
        this.variants = variants;
    }

    /** The refused count of variants. */
    public long variants() {
        return variants;
    }
}
