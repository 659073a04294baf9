package dev.occlude.model.incremental;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import dev.occlude.model.score.IncrementalScorer;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Scorer;
import dev.occlude.util.Text;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link IncrementalScorer} on a TorchScript network whose directory declares its {@link Stages}:
 * each stage's method is called by name through DJL ({@code IValueUtils.runMethod}) on a batch of
 * windows of the maps it reads, gathered by {@link StageWindows}, then the head on whole maps
 * ({@link StagedPass} holds one image's clean maps and scores its variants).
 */
public final class IncrementalNetwork implements IncrementalScorer {
    /** Probabilities through the stages may differ from the full pass by rounding only; beyond this the file is wrong. */
    private static final float AGREEMENT = 1e-4f;

    private final Network model;
    private final Stages stages;
    private final PtSymbolBlock block;
    private final NDManager root;
    private final LongAdder variants = new LongAdder();
    private final LongAdder changedMacs = new LongAdder();
    private final LongAdder computedMacs = new LongAdder();
    private volatile long fullMacs;
    private final AtomicLongArray gatherNanos;
    private final AtomicLongArray stageNanos;
    private final LongAdder headNanos = new LongAdder();

    /**
     * What the network's messages and head need of its model directory.
     *
     * @param dir the model directory (named in messages)
     * @param classes the class names, in output order
     * @param applySoftmax whether the head's scores need a softmax
     */
    public record Network(Path dir, List<String> classes, boolean applySoftmax, int channels) {}

    /**
     * @param model the directory's facts
     * @param stages the declared stages
     * @param block the loaded TorchScript module, with the stages' methods
     * @param root the manager that owns the module's arrays
     */
    public IncrementalNetwork(Network model, Stages stages, PtSymbolBlock block, NDManager root) {
        this.model = model;
        this.stages = stages;
        this.block = block;
        this.root = root;
        this.gatherNanos = new AtomicLongArray(stages.stages().size());
        this.stageNanos = new AtomicLongArray(stages.stages().size());
    }

    @Override
    public int alignment() {
        return stages.alignment();
    }

    /**
     * Checks that the declared stages are the network: on a test pattern of the model's input
     * size, the clean image and one occluded variant through the stages give the full pass's
     * probabilities.
     *
     * @throws ModelException "stages.json does not describe the network", with what differs
     */
    public void verify(Scorer full, int height, int width) throws ModelException {
        int plane = height * width;
        int channels = model.channels();
        float[] input = new float[channels * plane];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) (0.5 + 0.4 * Math.sin(i * 0.37) * Math.cos(i % width * 0.11));
        }
        Rectangle hole = new Rectangle(width / 3, height / 3, Math.max(1, width / 8), Math.max(1, height / 8));
        float[] occluded = input.clone();
        float[] tile = new float[channels * hole.width * hole.height];
        for (int c = 0, t = 0; c < channels; c++) {
            for (int y = hole.y; y < hole.y + hole.height; y++) {
                for (int x = hole.x; x < hole.x + hole.width; x++) {
                    occluded[c * plane + y * width + x] = 0.25f;
                    tile[t++] = 0.25f;
                }
            }
        }
        float[][] want = full.predict(concat(input, occluded), 2, height, width);
        try (CleanPass pass = start(input, height, width)) {
            float[] variant = pass.predict(tile, new Rectangle[] {hole}, new Rectangle[] {hole}, 1)[0];
            compare("the clean image", pass.clean(), want[0]);
            compare("an occluded image", variant, want[1]);
        } catch (ModelException e) {
            String detail = e.getMessage().replace("model " + model.dir() + ": ", "").replace(Stages.FILE + ": ", "");
            throw new ModelException("model " + model.dir() + ": " + Stages.FILE + " does not describe the network: "
                    + detail, e);
        }
    }

    private void compare(String what, float[] staged, float[] full) throws ModelException {
        for (int i = 0; i < full.length; i++) {
            if (!(Math.abs(staged[i] - full[i]) <= AGREEMENT)) {
                throw new ModelException("on " + what + ", class " + model.classes().get(i) + " is " + staged[i]
                        + " through the stages and " + full[i] + " in one forward pass");
            }
        }
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public Work work() {
        long[] gather = new long[gatherNanos.length()];
        long[] stage = new long[stageNanos.length()];
        for (int k = 0; k < gather.length; k++) {
            gather[k] = gatherNanos.get(k);
            stage[k] = stageNanos.get(k);
        }
        return new Work(variants.sum(), fullMacs, changedMacs.sum(), computedMacs.sum(), gather, stage, headNanos.sum());
    }

    @Override
    public CleanPass start(float[] cleanInput, int height, int width) throws ModelException {
        NDManager manager = root.newSubManager();
        try {
            return new StagedPass(this, stages, manager, cleanInput, height, width);
        } catch (RuntimeException | ModelException e) {
            manager.close();
            throw e instanceof ModelException m ? m : failure(e);
        }
    }

    ModelException failure(Exception e) {
        return new ModelException("model " + model.dir() + ": incremental inference failed (" + Text.oneLine(e) + ")", e);
    }

    /** Calls one of the module's methods on tensors; the result belongs to {@code manager}. */
    NDArray run(String method, NDArray[] inputs, NDManager manager) {
        IValue[] in = new IValue[inputs.length];
        try {
            for (int i = 0; i < inputs.length; i++) {
                in[i] = IValue.from((PtNDArray) inputs[i]);
            }
            try (IValue out = IValueUtils.runMethod(block, method, in)) {
                return out.toTensor((PtNDManager) manager);
            }
        } finally {
            for (IValue v : in) {
                if (v != null) {
                    v.close();
                }
            }
        }
    }

    float[][] probabilities(NDArray scores, int count) throws ModelException {
        NDArray s = model.applySoftmax() ? scores.reshape(count, -1).softmax(1) : scores;
        float[] flat = s.toFloatArray();
        int classes = model.classes().size();
        if (flat.length != count * classes) {
            throw new ModelException("model " + model.dir() + ": " + Stages.FILE + ": the head '" + stages.head().method()
                    + "' gives " + flat.length / Math.max(1, count) + " values per image, the synset lists " + classes);
        }
        float[][] out = new float[count][];
        for (int b = 0; b < count; b++) {
            out[b] = Arrays.copyOfRange(flat, b * classes, (b + 1) * classes);
        }
        return out;
    }

    ModelException declaration(int k, Stages.Stage s, String problem) {
        return new ModelException("model " + model.dir() + ": " + Stages.FILE + ": stage " + k + " ('" + s.method()
                + "') " + problem);
    }

    int channels() {
        return model.channels();
    }

    /** Counts a batch's multiply-adds for {@link #work()}. */
    void count(long variantCount, long changed, long computed) {
        variants.add(variantCount);
        changedMacs.add(changed);
        computedMacs.add(computed);
    }

    /** Adds a batch's time in stage {@code k} (or the head, {@code k < 0}): gathering, then its method. */
    void time(int k, long gather, long method) {
        if (k < 0) {
            headNanos.add(gather + method);
        } else {
            gatherNanos.addAndGet(k, gather);
            stageNanos.addAndGet(k, method);
        }
    }

    void fullMacs(long macs) {
        fullMacs = macs;
    }
}
