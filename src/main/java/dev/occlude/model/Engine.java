package dev.occlude.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.repository.zoo.ZooModel;
import dev.occlude.model.incremental.IncrementalNetwork;
import java.util.Optional;

/**
 * What differs between the DJL engines a model directory can name, in one place: where the
 * softmax is taken, the intra-op thread setting, and whether staged (incremental) inference is
 * possible. {@link #of} picks the engine from the directory.
 */
abstract sealed class Engine permits Engine.PyTorch, Engine.OnnxRuntime {
    /** The engine the directory names. */
    static Engine of(ModelDirectory model) {
        return model.engine().equals(ModelDirectory.PYTORCH) ? new PyTorch() : new OnnxRuntime();
    }

    /**
     * The scores of {@code count} inputs as [count][classes] probabilities: a softmax applied when
     * the directory asks for it, as DJL's translator does.
     */
    abstract float[] probabilities(NDArray scores, int count, boolean applySoftmax);

    /** Sets how many threads one forward pass may use; engines without such a setting ignore it. */
    abstract void setIntraOpThreads(int threads);

    /** How many threads one forward pass may use (1 where the engine has no such setting). */
    abstract int intraOpThreads();

    /** Incremental inference on the loaded network, when the directory declares its stages and the engine allows it. */
    abstract Optional<IncrementalNetwork> incremental(ModelDirectory model, ZooModel<NDList, NDList> loaded);

    /** TorchScript through libtorch: softmax on the arrays, process-wide intra-op threads, staged methods. */
    static final class PyTorch extends Engine {
        @Override
        float[] probabilities(NDArray scores, int count, boolean applySoftmax) {
            return (applySoftmax ? scores.reshape(count, -1).softmax(1) : scores).toFloatArray();
        }

        @Override
        void setIntraOpThreads(int threads) {
            JniUtils.setNumThreads(threads);
        }

        @Override
        int intraOpThreads() {
            return JniUtils.getNumThreads();
        }

        @Override
        Optional<IncrementalNetwork> incremental(ModelDirectory model, ZooModel<NDList, NDList> loaded) {
            NDManager manager = loaded.getNDManager();
            return model.stages().map(stages -> new IncrementalNetwork(
                    new IncrementalNetwork.Network(model.dir(), model.classes(), model.applySoftmax(),
                            model.preprocessing().channels()), stages,
                    (PtSymbolBlock) loaded.getBlock(), manager));
        }
    }

    /**
     * ONNX Runtime: its arrays do few operations, so the softmax is taken here; it keeps its own
     * intra-op threads; no staged methods (directories with stages are refused when opened).
     */
    static final class OnnxRuntime extends Engine {
        @Override
        float[] probabilities(NDArray scores, int count, boolean applySoftmax) {
            float[] flat = scores.toFloatArray();
            if (applySoftmax && count > 0 && flat.length % count == 0) {
                int classes = flat.length / count;
                for (int i = 0; i < count; i++) {
                    softmax(flat, i * classes, classes);
                }
            }
            return flat;
        }

        @Override
        void setIntraOpThreads(int threads) {
            // ONNX Runtime sets its own threads per session
        }

        @Override
        int intraOpThreads() {
            return 1;
        }

        @Override
        Optional<IncrementalNetwork> incremental(ModelDirectory model, ZooModel<NDList, NDList> loaded) {
            return Optional.empty();
        }

        /** In place over v[from, from + n), with the maximum subtracted first, as torch does. */
        private static void softmax(float[] v, int from, int n) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = from; i < from + n; i++) {
                max = Math.max(max, v[i]);
            }
            double sum = 0;
            for (int i = from; i < from + n; i++) {
                v[i] = (float) Math.exp(v[i] - max);
                sum += v[i];
            }
            for (int i = from; i < from + n; i++) {
                v[i] = (float) (v[i] / sum);
            }
        }
    }
}
