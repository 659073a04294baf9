package dev.occlude.model.incremental;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.occlude.model.score.IncrementalScorer.CleanPass;
import dev.occlude.model.score.ModelException;
import dev.occlude.util.DirectBuffer;
import dev.occlude.util.NativeHeap;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * One image's clean activations through a {@link Stages} graph, and its variants scored from them.
 *
 * <p>Each map is stored ({@link CleanMaps}) as soon as it is computed and its channels-first form
 * is let go, so the clean pass holds about one copy of the network's activations (a 1920x1080
 * frame through ResNet-50 holds 1.5 GB). Above {@link #LARGE} the freed temporaries of each stage
 * and each batch are given back to the system ({@link NativeHeap}): glibc would keep them, and a
 * 1920x1080 frame through ResNet-50 then peaks at 3.0 GiB instead of 2.6-2.7 GiB.
 */
final class StagedPass implements CleanPass {
    private final IncrementalNetwork network;
    private final Stages stages;
    private final NDManager manager;
    private final CleanMaps maps;
    private final float[] clean;
    /**
     * Above this the clean maps are a large frame's: freed memory is given back after each batch,
     * and batches hold at most {@link #LARGE_BATCH} variants.
     */
    private static final long LARGE = 256L << 20;
    /** 4 rather than 8: 0.15-0.26 GB lower peak on a 1920x1080 ResNet-50 frame, about 10% slower (BENCHMARKS.md). */
    private static final int LARGE_BATCH = 4;
    /** Per map, the last stage that reads it ({@code stages} for the head): its tiles are freed after it. */
    private final int[] lastReader;

    StagedPass(IncrementalNetwork network, Stages stages, NDManager manager, float[] input, int height, int width)
            throws ModelException {
        this.network = network;
        this.stages = stages;
        this.manager = manager;
        this.maps = new CleanMaps(stages, manager);
        List<Stages.Stage> list = stages.stages();
        int n = list.size();
        lastReader = new int[n + 1];
        for (int k = 0; k < n; k++) {
            for (Stages.Input in : list.get(k).inputs()) {
                lastReader[in.map()] = k;
            }
        }
        for (int m : stages.head().maps()) {
            lastReader[m] = n;
        }
        maps.keep(0, manager.create(input, new Shape(1, network.channels(), height, width)));
        long full = 0;
        for (int k = 0; k < n; k++) {
            Stages.Stage s = list.get(k);
            int[] out = outSize(k, s);
            NDArray[] args = new NDArray[s.inputs().size()];
            try {
                for (int i = 0; i < args.length; i++) {
                    args[i] = maps.padded(s.inputs().get(i));
                }
                NDArray x = network.run(s.method(), args, manager);
                Shape shape = x.getShape();
                if (shape.dimension() != 4 || shape.get(2) != out[0] || shape.get(3) != out[1]) {
                    throw network.declaration(k, s, "gave " + shape + ", expected " + out[0] + "x" + out[1]);
                }
                maps.keep(k + 1, x);
                if (large()) {
                    NativeHeap.trim(); // the stage's temporaries, freed but kept by glibc
                }
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
            args[j] = maps.map(headMaps.get(j), null);
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
            int h = maps.height(in.map());
            int wd = maps.width(in.map());
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

    /** Whether the clean maps are a large frame's (see {@link #LARGE}). */
    private boolean large() {
        return maps.bytes() > LARGE;
    }

    @Override
    public int batchLimit() {
        return large() ? LARGE_BATCH : Integer.MAX_VALUE;
    }

    @Override
    public float[] clean() {
        return clean;
    }

    @Override
    public float[][] predict(float[] tiles, Rectangle[] tileRects, Rectangle[] changed, int count)
            throws ModelException {
        float[][] out = score(tiles, tileRects, changed, count);
        if (large()) {
            NativeHeap.trim();
        }
        return out;
    }

    private float[][] score(float[] tiles, Rectangle[] tileRects, Rectangle[] changed, int count)
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
            sources[0] = new StageWindows.Source(maps.height(0), maps.width(0), changed, tileRects);
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
                    args[i] = WindowGather.gather(tileRows[in.map()], maps.stored(in.map(), in.window().padValue()),
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
                sources[k + 1] = new StageWindows.Source(maps.height(k + 1), maps.width(k + 1), plan.changed(), plan.windows());
                for (Rectangle r : plan.changed()) {
                    changedMacs += (long) r.width * r.height * s.macsPerPosition();
                }
                computedMacs += (long) plan.windows()[0].width * plan.windows()[0].height * count * s.macsPerPosition();
            }
            long headStarted = System.nanoTime();
            float[][] out = head(tileRows, sources, count);
            network.time(-1, 0, System.nanoTime() - headStarted);
            long head = Math.max(0, stages.head().macs()) * count;
            network.count(count, changedMacs + head, computedMacs + head);
            return out;
        } catch (RuntimeException e) {
            throw network.failure(e);
        }
    }

    /**
     * The head on each variant's whole maps, its tiles pasted in. The head reads whole maps, so a
     * batch of a large frame is run a few variants at a time: ResNet-50's last map of a 1920x1080
     * frame is 17 MB a variant, 270 MB for sixteen, per worker.
     */
    private float[][] head(NDArray[] tileRows, StageWindows.Source[] sources, int count) throws ModelException {
        List<Integer> headMaps = stages.head().maps();
        StageWindows.Gather[] whole = new StageWindows.Gather[headMaps.size()];
        long perVariant = 0;
        for (int j = 0; j < whole.length; j++) {
            int m = headMaps.get(j);
            whole[j] = StageWindows.whole(sources[m], count);
            perVariant += whole[j].index().length / count * maps.stored(m, null).getShape().get(1);
        }
        int chunk = (int) Math.max(1, Math.min(count, headFloats / Math.max(1, perVariant)));
        float[][] out = new float[count][];
        for (int from = 0; from < count; from += chunk) {
            int n = Math.min(chunk, count - from);
            NDArray[] args = new NDArray[whole.length];
            try {
                for (int j = 0; j < args.length; j++) {
                    int m = headMaps.get(j);
                    args[j] = WindowGather.gather(tileRows[m], maps.stored(m, null), whole[j].slice(from, n), n);
                }
                NDArray scores = network.run(stages.head().method(), args, tileRows[headMaps.get(0)].getManager());
                float[][] part = network.probabilities(scores, n);
                scores.close();
                System.arraycopy(part, 0, out, from, n);
            } finally {
                for (NDArray a : args) {
                    if (a != null) {
                        a.close();
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
    }

    /** The most floats of whole maps the head reads at once, per worker (128 MB; tests make it small). */
    private static volatile long headFloats = 32L << 20;

    /** Sets how many floats of whole maps the head reads at once; returns the previous value (for tests). */
    static long headFloats(long floats) {
        long was = headFloats;
        headFloats = floats;
        return was;
    }

    /** Tiles handed to DJL, in a reusable direct buffer per thread. */
    private static final DirectBuffer TILES = new DirectBuffer();
}
