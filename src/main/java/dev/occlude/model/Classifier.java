package dev.occlude.model;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.occlude.util.Text;
import java.io.IOException;
import ai.djl.ndarray.types.DataType;
import java.util.List;
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

    private Classifier(ModelDirectory model, ZooModel<NDList, NDList> zooModel) {
        this.model = model;
        this.zooModel = zooModel;
        this.predictor = ThreadLocal.withInitial(() -> {
            Predictor<NDList, NDList> p = zooModel.newPredictor();
            predictors.add(p);
            return p;
        });
        this.incremental = model.stages().map(stages -> new IncrementalNetwork(model, stages,
                (ai.djl.pytorch.engine.PtSymbolBlock) zooModel.getBlock(), zooModel.getNDManager())).orElse(null);
    }

    /**
     * PyTorch's intra-op thread count (process-wide): how many cores one forward pass may use.
     * With several workers, one thread each usually beats two threads on one pass.
     */
    public static void setIntraOpThreads(int threads) {
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }

    /** PyTorch's current intra-op thread count (process-wide). */
    public static int intraOpThreads() {
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /**
     * Loads the TorchScript network of the directory (never downloads anything).
     *
     * @throws ModelException when the network cannot be loaded; the message names the directory
     */
    public static Classifier load(ModelDirectory model) throws ModelException {
        System.setProperty("ai.djl.offline", "true");
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
        if (classifier.incremental != null) {
            // a dash-cam frame's input: the stages are checked once, at load, on the model's own input size
            Geometry g = model.preprocessing().geometry(455, 256);
            try {
                classifier.incremental.verify(classifier, g.inputHeight(), g.inputWidth());
            } catch (ModelException e) {
                classifier.close();
                throw e;
            }
        }
        return classifier;
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

    /** {@inheritDoc} Present when the model directory declares its stages (stages.json). */
    @Override
    public java.util.Optional<IncrementalScorer> incremental() {
        return java.util.Optional.ofNullable(incremental);
    }

    /** {@inheritDoc} Softmax is applied when the model directory asks for it, as DJL's translator does. */
    @Override
    public float[][] predict(float[] inputs, int count, int height, int width) throws ModelException {
        int size = 3 * height * width;
        try (NDManager manager = zooModel.getNDManager().newSubManager()) {
            NDArray batch = manager.create(INPUTS.floats(inputs, count * size), new Shape(count, 3, height, width), DataType.FLOAT32);
            NDList out = predictor.get().predict(new NDList(batch));
            NDArray scores = out.get(0);
            boolean torch = model.engine().equals(ModelDirectory.PYTORCH);
            if (model.applySoftmax() && torch) {
                scores = scores.reshape(count, -1).softmax(1);
            }
            float[] flat = scores.toFloatArray(); // ONNX Runtime's arrays do few operations: the rest is done here
            int classes = flat.length / count;
            if (classes != model.classes().size() || flat.length % count != 0) {
                throw new ModelException("model " + model.dir() + ": the synset lists " + model.classes().size()
                        + " classes but the network outputs " + (flat.length % count == 0 ? String.valueOf(classes)
                        : flat.length + " values for " + count + " images"));
            }
            float[][] result = new float[count][classes];
            for (int i = 0; i < count; i++) {
                System.arraycopy(flat, i * classes, result[i], 0, classes);
                if (model.applySoftmax() && !torch) {
                    softmax(result[i]);
                }
            }
            return result;
        } catch (TranslateException | RuntimeException e) {
            throw new ModelException("model " + model.dir() + ": inference failed (" + Text.oneLine(e) + ")", e);
        }
    }

    /** In place, with the maximum subtracted first, as torch does. */
    private static void softmax(float[] v) {
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / sum);
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
