package dev.occlude.model.score;

import java.awt.Rectangle;

/**
 * Scores occluded variants by recomputing only what the patch changes: the clean image's
 * activations at every stage are computed once, then each variant's stages run on the windows its
 * changed region reaches (Krypton's incremental view maintenance for CNNs). The probabilities equal
 * a full forward pass's to float rounding. {@link dev.occlude.model.Classifier} offers it for models that declare
 * their stages ({@link dev.occlude.model.incremental.Stages}).
 */
public interface IncrementalScorer {
    /**
     * Runs the clean input (3 x height x width, CHW) through every stage and keeps the
     * activations until the returned pass is closed.
     */
    CleanPass start(float[] cleanInput, int height, int width) throws ModelException;

    /**
     * The multiply-adds of the variants scored so far, when the model declares them (for the
     * benchmark's bound): what a full pass costs, what the variants' changed outputs needed, and
     * what the scan computed (windows are sized to a batch's largest and cover whole stages).
     *
     * @param variants variants scored
     * @param full multiply-adds of one full forward pass
     * @param changed multiply-adds of the outputs the variants changed, summed, head included
     * @param computed multiply-adds computed, summed
     * @param gatherNanos per stage, the time spent cutting its input windows, summed over workers
     * @param stageNanos per stage, the time spent in its method, summed over workers
     * @param headNanos the time spent in the head (whole maps gathered, then the method)
     */
    record Work(long variants, long full, long changed, long computed, long[] gatherNanos, long[] stageNanos,
                long headNanos) {}

    /**
     * The largest distance between neighbouring positions of any of the network's maps, in input
     * pixels: variants whose changed regions have one size and agree modulo it need windows of
     * one size at every stage, so a scan batches them together.
     */
    default int alignment() {
        return 1;
    }

    /** The work since the scorer was made; {@code full} is 0 when the model does not declare its multiply-adds. */
    default Work work() {
        return new Work(0, 0, 0, 0, new long[0], new long[0], 0);
    }

    /** The clean activations of one image; thread-safe: several workers may score batches at once. */
    interface CleanPass extends AutoCloseable {
        /**
         * Scores {@code count} variants. Variant {@code b} differs from the clean input only inside
         * {@code changed[b]} (input pixels); {@code tiles} holds, one after another, each variant's
         * input on {@code tileRects[b]} (3 x h x w, all of one size, each covering its changed region).
         *
         * @return [count][classes] probabilities
         */
        float[][] predict(float[] tiles, Rectangle[] tileRects, Rectangle[] changed, int count) throws ModelException;

        /**
         * The most variants a batch should hold: a large frame's clean maps already fill memory,
         * and a batch's windows and whole maps for the head come on top of them per worker.
         */
        default int batchLimit() {
            return Integer.MAX_VALUE;
        }

        /** The clean image's probabilities through the stages and head (a check of the declaration). */
        float[] clean();

        @Override
        void close();
    }
}
