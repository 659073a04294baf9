package dev.occlude.batch;

/**
 * Told how a batch run advances: images done, and within an image the variants done. A command
 * line shows a bar; unattended runs use {@link #NONE}.
 */
public interface RunProgress extends AutoCloseable {
    /** {@code done} images of the run are finished. */
    void image(int done);

    /** Within the current image, {@code done} of {@code total} variants are scored. */
    void variants(int done, int total);

    @Override
    void close();

    /** Shows nothing. */
    RunProgress NONE = new RunProgress() {
        @Override
        public void image(int done) { }

        @Override
        public void variants(int done, int total) { }

        @Override
        public void close() { }
    };
}
