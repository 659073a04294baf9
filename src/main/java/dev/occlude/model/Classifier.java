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
import java.io.IOException;
import ai.djl.ndarray.types.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The network of a model directory, loaded once through DJL: a batch of preprocessed inputs in,
 * every class's probability out. Each calling thread gets its own DJL predictor, so several
 * workers can score batches at once on one loaded model.
 */
public final class Classifier implements AutoCloseable {
    private final ModelDirectory model;
    private final ZooModel<NDList, NDList> zooModel;
    private final List<Predictor<NDList, NDList>> predictors = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Predictor<NDList, NDList>> predictor;

    private Classifier(ModelDirectory model, ZooModel<NDList, NDList> zooModel) {
        this.model = model;
        this.zooModel = zooModel;
        this.predictor = ThreadLocal.withInitial(() -> {
            Predictor<NDList, NDList> p = zooModel.newPredictor();
            predictors.add(p);
            return p;
        });
    }

    /**
     * PyTorch's intra-op thread count (process-wide): how many cores one forward pass may use.
     * With several workers, one thread each usually beats two threads on one pass.
     */
    public static void setIntraOpThreads(int threads) {
        ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
    }

    /** Loads the TorchScript network of the directory (never downloads anything). */
    public static Classifier load(ModelDirectory model) throws ModelException {
        System.setProperty("ai.djl.offline", "true");
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(model.dir())
                .optModelName(model.modelName())
                .optEngine("PyTorch")
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new Classifier(model, criteria.loadModel());
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ModelException("model " + model.dir() + ": cannot load " + model.weights().getFileName()
                    + " (" + oneLine(e) + ")", e);
        }
    }

    /**
     * The floats in this thread's reusable direct buffer. Handing DJL a heap array would make it
     * allocate a fresh direct buffer per batch, freed only when the garbage collector gets to it:
     * tens of thousands of batches then hold gigabytes of native memory.
     */
    private static ByteBuffer direct(float[] inputs, int floats) {
        ByteBuffer buffer = DIRECT.get();
        if (buffer == null || buffer.capacity() < floats * 4) {
            buffer = ByteBuffer.allocateDirect(floats * 4).order(ByteOrder.nativeOrder());
            DIRECT.set(buffer);
        }
        buffer.clear();
        buffer.asFloatBuffer().put(inputs, 0, floats);
        buffer.limit(floats * 4);
        return buffer;
    }

    private static final ThreadLocal<ByteBuffer> DIRECT = new ThreadLocal<>();

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String first = m.lines().findFirst().orElse(m).trim();
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    public ModelDirectory model() {
        return model;
    }

    /**
     * Scores {@code count} inputs of shape 3 x height x width stored one after another in
     * {@code inputs}; returns [count][classes] probabilities (softmax applied when the model
     * directory asks for it, as DJL's translator does).
     */
    public float[][] predict(float[] inputs, int count, int height, int width) throws ModelException {
        int size = 3 * height * width;
        try (NDManager manager = zooModel.getNDManager().newSubManager()) {
            NDArray batch = manager.create(direct(inputs, count * size), new Shape(count, 3, height, width), DataType.FLOAT32);
            NDList out = predictor.get().predict(new NDList(batch));
            NDArray scores = out.get(0).reshape(count, -1);
            if (model.applySoftmax()) {
                scores = scores.softmax(1);
            }
            int classes = (int) scores.getShape().get(1);
            if (classes != model.classes().size()) {
                throw new ModelException("model " + model.dir() + ": the synset lists " + model.classes().size()
                        + " classes but the network outputs " + classes);
            }
            float[] flat = scores.toFloatArray();
            float[][] result = new float[count][classes];
            for (int i = 0; i < count; i++) {
                System.arraycopy(flat, i * classes, result[i], 0, classes);
            }
            return result;
        } catch (TranslateException | RuntimeException e) {
            throw new ModelException("model " + model.dir() + ": inference failed (" + oneLine(e) + ")", e);
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
