package dev.occlude.model;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.occlude.model.incremental.IncrementalNetwork;
import dev.occlude.model.preprocess.Geometry;
import dev.occlude.model.preprocess.Preprocessing;
import dev.occlude.model.score.IncrementalScorer;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Scorer;
import dev.occlude.model.score.Staging;
import dev.occlude.util.DirectBuffer;
import dev.occlude.util.Text;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The network of a model directory, loaded once through DJL: a batch of preprocessed inputs in,
 * every class's probability out. Each calling thread gets its own DJL predictor, so several
 * workers can score batches at once on one loaded model. Close it to free the native model.
 */
public final class Classifier implements Scorer, AutoCloseable {
    private final ModelDirectory model;
    private final ZooModel<NDList, NDList> zooModel;
    private final List<Predictor<NDList, NDList>> predictors = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Predictor<NDList, NDList>> predictor;
    private final IncrementalNetwork incremental;
    private final Staging staging;
    private final Engine engine;

    private Classifier(ModelDirectory model, ZooModel<NDList, NDList> zooModel) {
        this.model = model;
        this.zooModel = zooModel;
        this.engine = Engine.of(model);
        this.predictor = ThreadLocal.withInitial(() -> {
            Predictor<NDList, NDList> p = zooModel.newPredictor();
            predictors.add(p);
            return p;
        });
        this.incremental = engine.incremental(model, zooModel).orElse(null);
        this.staging = model.stages().isPresent() ? staging(model) : null;
    }

    /**
     * What the directory's stages can save on a typical frame at --patch's default, read from
     * stages.json without loading the network; null when it declares no stages.
     */
    public static Staging staging(ModelDirectory model) {
        Geometry g = model.preprocessing().typicalGeometry();
        return model.stages().map(s -> s.staging(g.inputHeight(), g.inputWidth(), Math.max(1,
                (int) Math.round(DEFAULT_PATCH * (double) g.resizedWidth() / g.sourceWidth()))))
                .map(s -> new Staging(s.extent(), s.share(), s.bound(), DEFAULT_PATCH)).orElse(null);
    }

    /** The patch side (in source pixels of a typical frame) the bound that decides incremental inference is measured at: --patch's default. */
    private static final int DEFAULT_PATCH = 64;

    /**
     * {@inheritDoc} For PyTorch the count is process-wide; with several workers, one thread each
     * usually beats two threads on one pass. ONNX Runtime keeps its own.
     */
    @Override
    public void setIntraOpThreads(int threads) {
        engine.setIntraOpThreads(threads);
    }

    @Override
    public int intraOpThreads() {
        return engine.intraOpThreads();
    }

    /**
     * Loads the TorchScript network of the directory (never downloads anything).
     *
     * @throws ModelException when the network cannot be loaded; the message names the directory
     */
    public static Classifier load(ModelDirectory model) throws ModelException {
        DjlSetup.quietUnlessConfigured();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(model.dir())
                .optModelName(model.modelName())
                .optEngine(model.engine())
                .optTranslator(new NoopTranslator())
                .build();
        Classifier classifier;
        try {
            classifier = new Classifier(model, criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ModelException("model " + model.dir() + ": cannot load " + model.weights().getFileName()
                    + " (" + Text.oneLine(e) + ")", e);
        }
        probe(classifier);
        if (classifier.incremental != null) {
            // a dash-cam frame's input: the stages are checked once, at load, on the model's own input size
            Geometry g = model.preprocessing().typicalGeometry();
            try {
                classifier.incremental.verify(classifier, g.inputHeight(), g.inputWidth());
            } catch (ModelException e) {
                classifier.close();
                throw e;
            }
        }
        return classifier;
    }

    /**
     * One forward pass on the input the directory describes, at load: a network that takes
     * another channel count or size fails here, in words, rather than on the first image.
     */
    private static void probe(Classifier classifier) throws ModelException {
        Geometry g = classifier.model.preprocessing().typicalGeometry();
        int channels = classifier.model.preprocessing().channels();
        try {
            classifier.predict(new float[channels * g.inputHeight() * g.inputWidth()], 1, g.inputHeight(), g.inputWidth());
        } catch (ModelException e) {
            classifier.close();
            if (e.getMessage().contains("the synset lists")) {
                throw e;
            }
            throw new ModelException("model " + classifier.model.dir() + ": " + EngineMessages.probe(e, channels,
                    g.inputHeight(), g.inputWidth(), g.resized()), e);
        }
    }

    /** The model inputs handed to DJL, one reusable direct buffer per thread. */
    private static final DirectBuffer INPUTS = new DirectBuffer();

    /** The model directory this network was loaded from. */
    public ModelDirectory model() {
        return model;
    }

    @Override
    public List<String> classes() {
        return model.classes();
    }

    @Override
    public Preprocessing preprocessing() {
        return model.preprocessing();
    }

    /**
     * {@inheritDoc} Present when the model directory declares its stages (stages.json) and their
     * multiply-add bound says they are faster than full passes ({@link Staging#faster()}): a
     * network staged only up to its first squeeze-and-excitation block runs full passes.
     */
    @Override
    public Optional<IncrementalScorer> incremental() {
        return staging != null && staging.faster() ? Optional.ofNullable(incremental)
                : Optional.empty();
    }

    /** The declared stages as a scorer, whether or not they are faster than full passes (benchmarks and tests). */
    public Optional<IncrementalScorer> staged() {
        return Optional.ofNullable(incremental);
    }

    /** {@inheritDoc} */
    @Override
    public Optional<Staging> staging() {
        return Optional.ofNullable(staging);
    }

    /** {@inheritDoc} For a model directory: an ONNX model, no stages.json (scripts/export-incremental writes one), or stages whose bound is too low. */
    @Override
    public String whyFullPasses() {
        if (incremental != null && staging.faster()) {
            return "incremental inference is available";
        }
        if (incremental != null) {
            return String.format(Locale.ROOT, "%s, below %.1fx: full passes are faster", staging.describe(),
                    Staging.LEAST_BOUND);
        }
        return model.engine().equals(ModelDirectory.ONNX_RUNTIME)
                ? "an ONNX model (incremental inference needs a staged TorchScript model)"
                : "the model directory declares no stages (scripts/export-incremental writes them)";
    }

    /** {@inheritDoc} Softmax is applied when the model directory asks for it, as DJL's translator does. */
    @Override
    public float[][] predict(float[] inputs, int count, int height, int width) throws ModelException {
        int channels = model.preprocessing().channels();
        int size = channels * height * width;
        try (NDManager manager = zooModel.getNDManager().newSubManager()) {
            NDArray batch = manager.create(INPUTS.floats(inputs, count * size), new Shape(count, channels, height, width),
                    DataType.FLOAT32);
            NDList out = predictor.get().predict(new NDList(batch));
            float[] flat = engine.probabilities(out.get(0), count, model.applySoftmax());
            int classes = flat.length / count;
            if (classes != model.classes().size() || flat.length % count != 0) {
                throw new ModelException("model " + model.dir() + ": the synset lists " + model.classes().size()
                        + " classes but the network outputs " + (flat.length % count == 0 ? String.valueOf(classes)
                        : flat.length + " values for " + count + " images"));
            }
            float[][] result = new float[count][classes];
            for (int i = 0; i < count; i++) {
                System.arraycopy(flat, i * classes, result[i], 0, classes);
            }
            return result;
        } catch (TranslateException | RuntimeException e) {
            throw new ModelException("model " + model.dir() + ": inference failed (" + Text.oneLine(EngineMessages.cause(e))
                    + ")", e);
        }
    }

    @Override
    public void close() {
        for (Predictor<NDList, NDList> p : predictors) {
            p.close();
        }
        zooModel.close();
    }
}
