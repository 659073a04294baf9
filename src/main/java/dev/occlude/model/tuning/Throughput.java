package dev.occlude.model.tuning;

import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Scorer;
import dev.occlude.util.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw forward throughput of a classifier: images per second on an already preprocessed batch,
 * with {@code workers} threads scoring batches at once. The network alone, nothing of the tool.
 */
public final class Throughput {
    private Throughput() {}

    /** Thread settings and batch size of one measurement. */
    public record Setting(int batch, int workers, int threads) {
        @Override
        public String toString() {
            return "batch " + batch + ", " + workers + " worker" + (workers > 1 ? "s" : "") + " x " + threads
                    + " intra-op thread" + (threads > 1 ? "s" : "");
        }
    }

    /**
     * Images per second over about {@code seconds} of scoring (after one warm-up batch per worker).
     * Sets PyTorch's intra-op thread count to the setting's; the caller restores it.
     */
    public static double measure(Scorer classifier, int height, int width, Setting s, double seconds)
            throws ModelException {
        classifier.setIntraOpThreads(s.threads());
        float[] input = new float[s.batch() * classifier.preprocessing().channels() * height * width];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i % 255) / 255f;
        }
        ExecutorService pool = Threads.daemonPool(s.workers(), "occlude-measure");
        try {
            List<Future<?>> warm = new ArrayList<>();
            for (int w = 0; w < s.workers(); w++) {
                warm.add(pool.submit(() -> classifier.predict(input, s.batch(), height, width)));
            }
            await(warm);
            AtomicLong images = new AtomicLong();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < s.workers(); w++) {
                runs.add(pool.submit(() -> {
                    do {
                        classifier.predict(input, s.batch(), height, width);
                        images.addAndGet(s.batch());
                    } while (System.nanoTime() < end);
                    return null;
                }));
            }
            await(runs);
            return images.get() / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void await(List<Future<?>> futures) throws ModelException {
        for (Future<?> f : futures) {
            Threads.await(f, ModelException.class, (m, e) -> new ModelException("inference failed while measuring (" + m + ")", e));
        }
    }
}
