package dev.occlude.model.incremental;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
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
import java.util.Arrays;

/**
 * {@link IncrementalScorer} on a TorchScript network whose directory declares its {@link Stages}:
 * each stage's method is called by name through DJL ({@code IValueUtils.runMethod}) on a batch of
 * windows gathered by {@link StageWindows}, then the head on the last stage's whole map.
 */
public final class IncrementalNetwork implements IncrementalScorer {
    /** Probabilities through the stages may differ from the full pass by rounding only; beyond this the file is wrong. */
    private static final float AGREEMENT = 1e-4f;

    private final Network model;
    private final Stages stages;
    private final PtSymbolBlock block;
    private final NDManager root;

    /**
     * What the network's messages and head need of its model directory.
     *
     * @param dir the model directory (named in messages)
     * @param classes the class names, in output order
     * @param applySoftmax whether the head's scores need a softmax
     */
    public record Network(java.nio.file.Path dir, java.util.List<String> classes, boolean applySoftmax, int channels) {}

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
    public CleanPass start(float[] cleanInput, int height, int width) throws ModelException {
        NDManager manager = root.newSubManager();
        try {
            return new Pass(manager, cleanInput, height, width);
        } catch (RuntimeException | ModelException e) {
            manager.close();
            throw e instanceof ModelException m ? m : failure(e);
        }
    }

    private ModelException failure(Exception e) {
        return new ModelException("model " + model.dir() + ": incremental inference failed (" + Text.oneLine(e) + ")", e);
    }

    private NDArray run(String method, NDArray input, NDManager manager) {
        try (IValue in = IValue.from((PtNDArray) input);
             IValue out = IValueUtils.runMethod(block, method, in)) {
            return out.toTensor((PtNDManager) manager);
        }
    }

    private float[][] probabilities(NDArray scores, int count) throws ModelException {
        NDArray s = model.applySoftmax() ? scores.reshape(count, -1).softmax(1) : scores;
        float[] flat = s.toFloatArray();
        int classes = model.classes().size();
        if (flat.length != count * classes) {
            throw new ModelException("model " + model.dir() + ": " + Stages.FILE + ": the head '" + stages.head()
                    + "' gives " + flat.length / Math.max(1, count) + " values per image, the synset lists " + classes);
        }
        float[][] out = new float[count][];
        for (int b = 0; b < count; b++) {
            out[b] = Arrays.copyOfRange(flat, b * classes, (b + 1) * classes);
        }
        return out;
    }

    /** One image's clean activations: each stage's input padded as declared, flattened to [channels, positions]. */
    private final class Pass implements CleanPass {
        private final NDManager manager;
        private final NDArray[] padded;
        private final int[] heights;
        private final int[] widths;
        private final long[] channels;
        private final float[] clean;

        Pass(NDManager manager, float[] input, int height, int width) throws ModelException {
            this.manager = manager;
            int n = stages.stages().size();
            padded = new NDArray[n + 1];
            heights = new int[n + 1];
            widths = new int[n + 1];
            channels = new long[n + 1];
            NDArray x = manager.create(input, new Shape(1, 3, height, width));
            heights[0] = height;
            widths[0] = width;
            for (int l = 0; l < n; l++) {
                Stages.Stage s = stages.stages().get(l);
                int h = heights[l];
                int w = widths[l];
                int ph = s.paddedHeight(h);
                int pw = s.paddedWidth(w);
                if (s.outHeight(h) < 1 || s.outWidth(w) < 1) {
                    throw declaration(l, s, "a " + h + "x" + w + " input is smaller than its window");
                }
                NDArray p = ph == h && pw == w ? x
                        : x.pad(new Shape(s.padX(), pw - w - s.padX(), s.padY(), ph - h - s.padY()), s.padValue());
                channels[l] = x.getShape().get(1);
                padded[l] = positionsFirst(p);
                x = run(s.method(), p, manager);
                Shape shape = x.getShape();
                if (shape.dimension() != 4 || shape.get(2) != s.outHeight(h) || shape.get(3) != s.outWidth(w)) {
                    throw declaration(l, s, "gave " + shape + ", expected " + s.outHeight(h) + "x" + s.outWidth(w)
                            + " from a padded " + ph + "x" + pw + " input");
                }
                heights[l + 1] = (int) shape.get(2);
                widths[l + 1] = (int) shape.get(3);
            }
            channels[n] = x.getShape().get(1);
            padded[n] = positionsFirst(x);
            clean = probabilities(run(stages.head(), x, manager), 1)[0];
        }

        private ModelException declaration(int l, Stages.Stage s, String problem) {
            return new ModelException("model " + model.dir() + ": " + Stages.FILE + ": stage " + l + " ('" + s.method()
                    + "') " + problem);
        }

        @Override
        public float[] clean() {
            return clean;
        }

        @Override
        public float[][] predict(float[] tiles, Rectangle[] tileRects, Rectangle[] changed, int count)
                throws ModelException {
            try (NDManager batch = manager.newSubManager()) {
                Rectangle t0 = tileRects[0];
                int channels = model.channels();
                NDArray tile = batch.create(TILES.floats(tiles, count * channels * t0.height * t0.width),
                        new Shape(count, channels, t0.height, t0.width), DataType.FLOAT32);
                Rectangle[] rects = tileRects;
                Rectangle[] regions = changed;
                int n = stages.stages().size();
                for (int l = 0; l < n; l++) {
                    StageWindows plan = StageWindows.plan(stages.stages().get(l), heights[l], widths[l], regions, rects, count);
                    NDArray window = gather(l, tile, plan, count, batch);
                    tile = run(stages.stages().get(l).method(), window, batch);
                    rects = plan.windows();
                    regions = plan.changed();
                }
                StageWindows whole = StageWindows.whole(heights[n], widths[n], regions, rects, count);
                return probabilities(run(stages.head(), gather(n, tile, whole, count, batch), batch), count);
            } catch (RuntimeException e) {
                throw failure(e);
            }
        }

        /**
         * [count, channels, inHeight, inWidth]: the tiles where they reach, the clean padded map
         * elsewhere. Maps are kept positions-first ([positions, channels], channels last) so that
         * the gather copies whole rows of channels; the window reaches the stage channels-last,
         * which PyTorch's convolutions and pooling take as they are.
         */
        private NDArray gather(int level, NDArray tile, StageWindows plan, int count, NDManager batch) {
            NDArray source = NDArrays.concat(new NDList(positionsFirst(tile), padded[level]), 0);
            NDArray index = batch.create(INDICES.longs(plan.index()), new Shape(count, plan.inHeight(), plan.inWidth()),
                    DataType.INT64);
            return source.get(new NDIndex("{}", index)).transpose(0, 3, 1, 2);
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /** [n, c, h, w] to [n * h * w, c]: each position's channels side by side. */
    private static NDArray positionsFirst(NDArray x) {
        return x.transpose(0, 2, 3, 1).reshape(-1, x.getShape().get(1));
    }

    /** Tiles and gather indices handed to DJL, each in its own reusable direct buffer per thread. */
    private static final DirectBuffer TILES = new DirectBuffer();
    private static final DirectBuffer INDICES = new DirectBuffer();
}
