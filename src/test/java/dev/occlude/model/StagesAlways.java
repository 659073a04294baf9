package dev.occlude.model;

import dev.occlude.model.preprocess.Preprocessing;
import dev.occlude.model.score.IncrementalScorer;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Scorer;
import dev.occlude.model.score.Staging;
import java.util.List;
import java.util.Optional;

/**
 * A loaded classifier whose declared stages are used whatever their bound: the benchmark measures
 * partly staged networks incrementally beside full passes, and the exactness tests compare them,
 * where the tool itself would run full passes ({@link Staging#faster()}). It lives beside the tests,
 * not in the tool's jar: nothing the tool runs scores a network against its bound.
 */
public final class StagesAlways implements Scorer {
    private final Classifier classifier;

    /** The classifier, scored through its stages whenever a scan asks for incremental inference. */
    public StagesAlways(Classifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public List<String> classes() {
        return classifier.classes();
    }

    @Override
    public Preprocessing preprocessing() {
        return classifier.preprocessing();
    }

    @Override
    public float[][] predict(float[] inputs, int count, int height, int width) throws ModelException {
        return classifier.predict(inputs, count, height, width);
    }

    @Override
    public Optional<IncrementalScorer> incremental() {
        return classifier.staged();
    }

    @Override
    public Optional<Staging> staging() {
        return classifier.staging();
    }

    @Override
    public String whyFullPasses() {
        return classifier.whyFullPasses();
    }

    @Override
    public void setIntraOpThreads(int threads) {
        classifier.setIntraOpThreads(threads);
    }

    @Override
    public int intraOpThreads() {
        return classifier.intraOpThreads();
    }
}
