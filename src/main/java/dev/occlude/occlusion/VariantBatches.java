package dev.occlude.occlusion;

import dev.occlude.model.score.ModelException;
import dev.occlude.util.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a scan's variants in batches of one size, on the calling thread or on workers, counting
 * them done as each batch ends. On workers, the first failure cancels the batches not started and
 * waits for the running ones before it is thrown: they read what the caller frees next (the clean
 * activations).
 */
final class VariantBatches {
    /** Scores the variants in {@code slots} into their places. */
    @FunctionalInterface
    interface Batcher {
        void score(int[] slots) throws ModelException;
    }

    private VariantBatches() {}

    /**
     * Scores the variants {@code todo} (in that order) in batches of {@code batch} by {@code batcher}
     * on {@code workers} (null: the calling thread); {@code done} counts the variants done of {@code total}.
     */
    static void run(List<Integer> todo, int batch, Batcher batcher, ExecutorService workers, int total,
                    AtomicInteger done, OcclusionScan.Progress progress) throws ModelException {
        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < todo.size(); start += batch) {
            int[] slots = new int[Math.min(batch, todo.size() - start)];
            for (int k = 0; k < slots.length; k++) {
                slots[k] = todo.get(start + k);
            }
            batches.add(slots);
        }
        if (workers == null) {
            for (int[] slots : batches) {
                batcher.score(slots);
                progress.done(done.addAndGet(slots.length), total);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>();
        for (int[] slots : batches) {
            futures.add(workers.submit(() -> {
                batcher.score(slots);
                progress.done(done.addAndGet(slots.length), total);
                return null;
            }));
        }
        ModelException failure = null;
        for (Future<?> f : futures) {
            if (failure == null) {
                try {
                    await(f);
                } catch (ModelException e) {
                    // the others stop before the caller frees what they read (the clean activations)
                    failure = e;
                    futures.forEach(other -> other.cancel(false));
                }
            } else {
                settle(f);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Waits for a batch that may still be running, whatever its outcome. */
    private static void settle(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            // the first failure is the one reported
        }
    }

    private static void await(Future<?> f) throws ModelException {
        Threads.await(f, ModelException.class, (m, e) -> new ModelException("inference failed (" + m + ")", e));
    }
}
