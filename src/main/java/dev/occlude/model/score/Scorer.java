package dev.occlude.model.score;

import dev.occlude.model.preprocess.Preprocessing;
import java.util.List;
import java.util.Optional;

/**
 * What the occlusion scan needs of a model: its classes, how it preprocesses a source image, and
 * a batch of preprocessed inputs scored into every class's probability. {@link dev.occlude.model.Classifier} is the
 * DJL implementation; tests use a known function of the pixels instead.
 */
public interface Scorer {
    /** The class names, in the order of the probabilities {@link #predict} returns. */
    List<String> classes();

    /** The preprocessing that turns a source image into the model's input. */
    Preprocessing preprocessing();

    /**
     * Scores {@code count} inputs of shape 3 x height x width (CHW floats, as
     * {@link dev.occlude.model.preprocess.PreparedImage} writes them) stored one after another in {@code inputs}.
     *
     * @return [count][classes] probabilities
     * @throws ModelException when the model cannot score them
     */
    float[][] predict(float[] inputs, int count, int height, int width) throws ModelException;

    /** Scoring that recomputes only what a patch changes, when the model declares its stages. */
    default Optional<IncrementalScorer> incremental() {
        return Optional.empty();
    }

    /** How much of the network is staged and what incremental inference can save; empty when it declares no stages. */
    default Optional<Staging> staging() {
        return Optional.empty();
    }

    /** Why this scorer has no incremental inference, in a few words (it has none by default). */
    default String whyFullPasses() {
        return "the scorer declares no stages";
    }

    /**
     * Sets how many threads one forward pass may use (for PyTorch, process-wide); a scorer
     * without such a setting ignores it.
     */
    default void setIntraOpThreads(int threads) {
        // nothing to set
    }

    /** How many threads one forward pass may use; 1 for a scorer without such a setting. */
    default int intraOpThreads() {
        return 1;
    }
}
