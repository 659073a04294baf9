package dev.occlude.model.incremental;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.occlude.model.score.IncrementalScorer.CleanPass;
import dev.occlude.model.score.ModelException;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One image's clean activations through a {@link Stages} graph, and its variants scored from them.
 *
 * <p>Every map is kept positions-first ([positions, channels]) with one more row holding the pad
 * value a stage reads it with, so that a gather can cut a window anywhere, padding included. Each
 * map is stored that way as soon as it is computed and its channels-first form is let go, so the
 * clean pass holds about one copy of the network's activations (a 1920x1080 frame through
 * ResNet-50 holds about 1.3 GB).
 */
final class StagedPass implements CleanPass {
    private final IncrementalNetwork network;
    private final Stages stages;
    private final NDManager manager;
    private final int[] heights;
    private final int[] widths;
    /** Per map, its rows with a pad row, per pad value it is read with. */
    private final List<Map<Float, NDArray>> rows = new ArrayList<>();
    private final float[] clean;
    /** Per map, the last stage that reads it ({@code stages} for the head): its tiles are freed after it. */
    private final int[] lastReader;

    StagedPass(IncrementalNetwork network, Stages stages, NDManager manager, float[] input, int height, int width)
            throws ModelException {
        this.network = network;
        this.stages = stages;
        this.manager = manager;
        List<Stages.Stage> list = stages.stages();
        int n = list.size();
        heights = new int[n + 1];
        widths = new int[n + 1];
        heights[0] = height;
        widths[0] = width;
        lastReader = new int[n + 1];
        for (int m = 0; m <= n; m++) {
            rows.add(new HashMap<>());
        }
        for (int k = 0; k < n; k++) {
            for (Stages.Input in : list.get(k).inputs()) {
                lastReader[in.map()] = k;
            }
        }
        for (int m : stages.head().maps()) {
            lastReader[m] = n;
        }
        keep(0, manager.create(input, new Shape(1, network.channels(), height, width)));
        long full = 0;
        for (int k = 0; k < n; k++) {
            Stages.Stage s = list.get(k);
            int[] out = outSize(k, s);
            NDArray[] args = new NDArray[s.inputs().size()];
            try {
                for (int i = 0; i < args.length; i++) {
                    args[i] = padded(s.inputs().get(i));
                }
                NDArray x = network.run(s.method(), args, manager);
                Shape shape = x.getShape();
                if (shape.dimension() != 4 || shape.get(2) != out[0] || shape.get(3) != out[1]) {
                    throw network.declaration(k, s, "gave " + shape + ", expected " + out[0] + "x" + out[1]);
                }
                heights[k + 1] = out[0];
                widths[k + 1] = out[1];
                keep(k + 1, x);
            } finally {
                for (NDArray a : args) {
                    if (a != null) {
                        a.close();
                    }
                }
            }
            full += s.macsPerPosition() * out[0] * out[1];
        }
        List<Integer> headMaps = stages.head().maps();
        NDArray[] args = new NDArray[headMaps.size()];
        for (int j = 0; j < args.length; j++) {
            args[j] = map(headMaps.get(j), null);
        }
        clean = network.probabilities(network.run(stages.head().method(), args, manager), 1)[0];
        for (NDArray a : args) {
            a.close();
        }
        network.fullMacs(stages.head().macs() < 0 ? 0 : full + stages.head().macs());
    }

    /** The output size a stage's windows give, the same through every map it reads (else the file is wrong). */
    private int[] outSize(int k, Stages.Stage s) throws ModelException {
        int[] out = null;
        for (Stages.Input in : s.inputs()) {
            Window w = in.window();
            int h = heights[in.map()];
            int wd = widths[in.map()];
            int[] o = {w.outHeight(h), w.outWidth(wd)};
            if (o[0] < 1 || o[1] < 1) {
                throw network.declaration(k, s, "a " + h + "x" + wd + " map " + in.map() + " is smaller than its window");
            }
            if (out != null && (o[0] != out[0] || o[1] != out[1])) {
                throw network.declaration(k, s, "reads maps whose windows give " + out[0] + "x" + out[1] + " and "
                        + o[0] + "x" + o[1] + " outputs");
            }
            out = o;
        }
        return out;
    }

    /** Stores a computed map positions-first, with a pad row per value the stages read it with, and lets it go. */
    private void keep(int map, NDArray x) {
        NDArray positions = WindowGather.positionsFirst(x);
        for (float pad : padValues(map)) {
            NDArray padRow = manager.full(new Shape(1, positions.getShape().get(1)), pad);
            rows.get(map).put(pad, NDArrays.concat(new NDList(positions, padRow), 0));
            padRow.close();
        }
        positions.close();
        x.close();
    }

    private List<Float> padValues(int map) {
        List<Float> values = new ArrayList<>();
        for (Stages.Stage s : stages.stages()) {
            for (Stages.Input in : s.inputs()) {
                if (in.map() == map && !in.window().identity() && !values.contains(in.window().padValue())) {
                    values.add(in.window().padValue());
                }
            }
        }
        if (values.isEmpty()) {
            values.add(0f); // read as it is: its pad row is never gathered
        }
        return values;
    }

    /** The stored rows of a map for a pad value (any of them when the reader needs none). */
    private NDArray stored(int map, Float pad) {
        Map<Float, NDArray> byPad = rows.get(map);
        return pad != null && byPad.containsKey(pad) ? byPad.get(pad) : byPad.values().iterator().next();
    }

    /** A map as [1, channels, height, width] (a view of its stored rows). */
    private NDArray map(int m, Float pad) {
        NDArray r = stored(m, pad);
        long positions = (long) heights[m] * widths[m];
        return r.get(new NDIndex("0:" + positions)).reshape(1, heights[m], widths[m], -1).transpose(0, 3, 1, 2);
    }

    /** A stage input as the stage reads it in the clean pass: the whole map with its padding. */
    private NDArray padded(Stages.Input in) {
        Window w = in.window();
        int h = heights[in.map()];
        int wd = widths[in.map()];
        int ph = w.paddedHeight(h);
        int pw = w.paddedWidth(wd);
        NDArray m = map(in.map(), w.identity() ? null : w.padValue());
        if (ph == h && pw == wd) {
            return m;
        }
        NDArray p = m.pad(new Shape(w.padX(), pw - wd - w.padX(), w.padY(), ph - h - w.padY()), w.padValue());
        m.close();
        return p;
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
            int channels = network.channels();
            NDArray tile = batch.create(TILES.floats(tiles, count * channels * t0.height * t0.width),
                    new Shape(count, channels, t0.height, t0.width), DataType.FLOAT32);
            List<Stages.Stage> list = stages.stages();
            int n = list.size();
            StageWindows.Source[] sources = new StageWindows.Source[n + 1];
            NDArray[] tileRows = new NDArray[n + 1];
            sources[0] = new StageWindows.Source(heights[0], widths[0], changed, tileRects);
            tileRows[0] = WindowGather.positionsFirst(tile);
            long changedMacs = 0;
            long computedMacs = 0;
            for (int k = 0; k < n; k++) {
                Stages.Stage s = list.get(k);
                List<Window> windows = new ArrayList<>();
                List<StageWindows.Source> reads = new ArrayList<>();
                for (Stages.Input in : s.inputs()) {
                    windows.add(in.window());
                    reads.add(sources[in.map()]);
                }
                long started = System.nanoTime();
                StageWindows plan = StageWindows.plan(windows, reads, count);
                NDArray[] args = new NDArray[windows.size()];
                for (int i = 0; i < args.length; i++) {
                    Stages.Input in = s.inputs().get(i);
                    args[i] = WindowGather.gather(tileRows[in.map()], stored(in.map(), in.window().padValue()),
                            plan.inputs().get(i), count);
                }
                long cut = System.nanoTime();
                NDArray out = network.run(s.method(), args, batch);
                tileRows[k + 1] = WindowGather.positionsFirst(out);
                out.close();
                network.time(k, cut - started, System.nanoTime() - cut);
                // a batch of a large frame holds gigabytes if every map's tiles live to its end
                for (NDArray a : args) {
                    a.close();
                }
                for (int m = 0; m <= k; m++) {
                    if (lastReader[m] == k && tileRows[m] != null) {
                        tileRows[m].close();
                        tileRows[m] = null;
                    }
                }
                sources[k + 1] = new StageWindows.Source(heights[k + 1], widths[k + 1], plan.changed(), plan.windows());
                for (Rectangle r : plan.changed()) {
                    changedMacs += (long) r.width * r.height * s.macsPerPosition();
                }
                computedMacs += (long) plan.windows()[0].width * plan.windows()[0].height * count * s.macsPerPosition();
            }
            long headStarted = System.nanoTime();
            List<Integer> headMaps = stages.head().maps();
            NDArray[] args = new NDArray[headMaps.size()];
            for (int j = 0; j < args.length; j++) {
                int m = headMaps.get(j);
                args[j] = WindowGather.gather(tileRows[m], stored(m, null), StageWindows.whole(sources[m], count), count);
            }
            float[][] out = network.probabilities(network.run(stages.head().method(), args, batch), count);
            network.time(-1, 0, System.nanoTime() - headStarted);
            long head = Math.max(0, stages.head().macs()) * count;
            network.count(count, changedMacs + head, computedMacs + head);
            return out;
        } catch (RuntimeException e) {
            throw network.failure(e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Tiles handed to DJL, in a reusable direct buffer per thread. */
    private static final DirectBuffer TILES = new DirectBuffer();
}
