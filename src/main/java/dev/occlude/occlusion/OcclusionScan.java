package dev.occlude.occlusion;

import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.IncrementalScorer;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Scorer;
import dev.occlude.model.score.Staging;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The batched occlusion loop: every patch becomes a variant of the model input, the variants are
 * scored in batches (by one thread, or by several workers on an executor), and every class's
 * probability is kept. A patch that changes nothing the model sees is not run: it gets the clean
 * probabilities and counts as skipped. {@link VariantBatches} runs the batches.
 */
public final class OcclusionScan {
    /** Told as batches finish how many variants are done, for progress displays. */
    @FunctionalInterface
    public interface Progress {
        /** {@code variantsDone} of {@code variantsTotal} variants are scored. */
        void done(int variantsDone, int variantsTotal);
    }

    private static final ThreadLocal<float[]> BUFFER = new ThreadLocal<>();
    /** 256 MB of model input per worker at most (DJL's direct buffer holds as much again). */
    static final long MAX_BATCH_FLOATS = 64L << 20;

    private final Scorer scorer;
    private final ScanSettings settings;
    private final ExecutorService workers;

    /** A scan on the calling thread only. */
    public OcclusionScan(Scorer scorer, ScanSettings settings) {
        this(scorer, settings, null);
    }

    /** A scan whose batches run on {@code workers} (null: the calling thread). */
    public OcclusionScan(Scorer scorer, ScanSettings settings, ExecutorService workers) {
        this.scorer = scorer;
        this.settings = settings;
        this.workers = workers;
    }

    /** Scores the clean image alone. */
    public float[] clean(PreparedImage image) throws ModelException {
        var g = image.geometry();
        return scorer.predict(image.cleanInput(), 1, g.inputHeight(), g.inputWidth())[0];
    }

    /**
     * Scores the given patches (source pixels, clipped to the image) against an already known
     * clean prediction; every class's probability is kept per variant.
     */
    public ScanResult run(PreparedImage image, List<Rectangle> patches, float[] clean, Progress progress)
            throws ModelException {
        try (IncrementalScorer.CleanPass pass = patches.isEmpty() ? null : startIncremental(image)) {
            return run(image, pass, patches, clean, progress);
        }
    }

    /**
     * Scans of one image that keep its clean activations between calls, so that each call costs
     * only its variants (a probe that follows the mouse); close it to free them.
     */
    public final class Held implements AutoCloseable {
        private final PreparedImage image;
        private final IncrementalScorer.CleanPass pass;
        private boolean closed;

        private Held(PreparedImage image, IncrementalScorer.CleanPass pass) {
            this.image = image;
            this.pass = pass;
        }

        /** As {@link OcclusionScan#run}, on the held image. */
        public ScanResult run(List<Rectangle> patches, float[] clean, Progress progress) throws ModelException {
            if (closed) {
                throw new IllegalStateException("the held scan is closed");
            }
            return OcclusionScan.this.run(image, pass, patches, clean, progress);
        }

        /** Whether {@link #close()} was called. */
        public boolean closed() {
            return closed;
        }

        @Override
        public void close() {
            if (!closed && pass != null) {
                pass.close();
            }
            closed = true;
        }
    }

    /** Holds {@code image}'s clean activations (for incremental scoring) for the scans of {@link Held}. */
    public Held hold(PreparedImage image) throws ModelException {
        return new Held(image, startIncremental(image));
    }

    private ScanResult run(PreparedImage image, IncrementalScorer.CleanPass pass, List<Rectangle> patches,
                           float[] clean, Progress progress) throws ModelException {
        var g = image.geometry();
        float[][] probabilities = new float[patches.size()][];
        Rectangle[] windows = new Rectangle[patches.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < patches.size(); i++) {
            windows[i] = image.inputWindow(patches.get(i));
            if (windows[i] == null) {
                probabilities[i] = clean;
            } else {
                todo.add(i);
            }
        }
        int skipped = patches.size() - todo.size();
        AtomicInteger done = new AtomicInteger(skipped);
        if (incremental()) {
            groupByWindowShape(todo, windows, scorer.incremental().get().alignment());
        }
        if (!todo.isEmpty()) {
            VariantBatches.Batcher batcher = pass == null
                    ? slots -> score(image, patches, windows, slots, probabilities)
                    : slots -> scoreIncrementally(pass, image, patches, windows, slots, probabilities);
            VariantBatches.run(todo, batch(image, pass == null ? Integer.MAX_VALUE : pass.batchLimit()), batcher,
                    workers, patches.size(), done, progress);
        }
        progress.done(patches.size(), patches.size());
        return new ScanResult(g.sourceWidth(), g.sourceHeight(), clean, new ArrayList<>(patches), probabilities,
                skipped, 0, todo.size());
    }

    /**
     * Orders the variants so that a batch holds changed windows of one size and one position
     * modulo the network's {@code alignment}: a batch's windows at every stage are sized to its
     * largest, so mixing shapes computes more than any variant needs (a quarter more on ResNet-50
     * at P64 S16 before this). Results go to their places whatever the order.
     */
    static void groupByWindowShape(List<Integer> todo, Rectangle[] windows, int alignment) {
        todo.sort(Comparator.<Integer>comparingInt(i -> windows[i].width)
                .thenComparingInt(i -> windows[i].height)
                .thenComparingInt(i -> Math.floorMod(windows[i].x, alignment))
                .thenComparingInt(i -> Math.floorMod(windows[i].y, alignment))
                .thenComparingInt(i -> i));
    }

    /** Whether this scan recomputes only what each patch changes: the settings allow it and the model declares stages. */
    public boolean incremental() {
        return settings.incremental() && scorer.incremental().isPresent();
    }

    /** How much of the model is staged and what that can save; empty when it declares no stages. */
    public Optional<Staging> staging() {
        return scorer.staging();
    }

    /** Why variants are scored by full forward passes; empty when they are scored incrementally. */
    public Optional<String> fullPassesReason() {
        if (incremental()) {
            return Optional.empty();
        }
        return Optional.of(settings.incremental() ? scorer.whyFullPasses() : "--no-incremental");
    }

    /** The clean activations, computed once per scan, for incremental scoring; null for full passes. */
    private IncrementalScorer.CleanPass startIncremental(PreparedImage image) throws ModelException {
        if (!incremental()) {
            return null;
        }
        var g = image.geometry();
        return scorer.incremental().get().start(image.cleanInput(), g.inputHeight(), g.inputWidth());
    }

    /** The batch size: the one asked for, within the scorer's limit and MAX_BATCH_FLOATS of input per worker. */
    private int batch(PreparedImage image, int limit) {
        return (int) Math.max(1, Math.min(Math.min(settings.batch(), limit), MAX_BATCH_FLOATS / image.inputSize()));
    }

    private void score(PreparedImage image, List<Rectangle> patches, Rectangle[] windows, int[] slots,
                       float[][] probabilities)
            throws ModelException {
        var g = image.geometry();
        int size = image.inputSize();
        float[] inputs = buffer(slots.length * size);
        for (int k = 0; k < slots.length; k++) {
            image.writeOccluded(patches.get(slots[k]), windows[slots[k]], inputs, k * size);
        }
        float[][] scores = scorer.predict(inputs, slots.length, g.inputHeight(), g.inputWidth());
        for (int k = 0; k < slots.length; k++) {
            probabilities[slots[k]] = scores[k];
        }
    }

    /**
     * Scores the variants in {@code slots} incrementally: each variant's input is written only on a
     * tile around its changed window, all tiles of the batch one size (the largest window, slid
     * inside the input where it would overhang).
     */
    private void scoreIncrementally(IncrementalScorer.CleanPass pass, PreparedImage image, List<Rectangle> patches,
                                    Rectangle[] windows, int[] slots, float[][] probabilities) throws ModelException {
        var g = image.geometry();
        int th = 0;
        int tw = 0;
        for (int slot : slots) {
            th = Math.max(th, windows[slot].height);
            tw = Math.max(tw, windows[slot].width);
        }
        Rectangle[] tiles = new Rectangle[slots.length];
        Rectangle[] changed = new Rectangle[slots.length];
        int size = image.channels() * th * tw;
        float[] inputs = buffer(slots.length * size);
        for (int k = 0; k < slots.length; k++) {
            Rectangle w = windows[slots[k]];
            changed[k] = w;
            tiles[k] = new Rectangle(Math.min(w.x, g.inputWidth() - tw), Math.min(w.y, g.inputHeight() - th), tw, th);
            image.writeRegion(patches.get(slots[k]), tiles[k], inputs, k * size);
        }
        float[][] scores = pass.predict(inputs, tiles, changed, slots.length);
        for (int k = 0; k < slots.length; k++) {
            probabilities[slots[k]] = scores[k];
        }
    }

    /** This thread's input array, grown to at least {@code floats}. */
    private static float[] buffer(int floats) {
        float[] inputs = BUFFER.get();
        if (inputs == null || inputs.length < floats) {
            inputs = new float[floats];
            BUFFER.set(inputs);
        }
        return inputs;
    }
}
