package dev.occlude.model;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    /** Images per second over about {@code seconds} of scoring (after one warm-up batch per worker). */
    public static double measure(Classifier classifier, int height, int width, Setting s, double seconds)
            throws ModelException {
        Classifier.setIntraOpThreads(s.threads());
        float[] input = new float[s.batch() * 3 * height * width];
        for (int i = 0; i < input.length; i++) {
            input[i] = (i % 255) / 255f;
        }
        ExecutorService pool = Executors.newFixedThreadPool(s.workers(), r -> {
            Thread t = new Thread(r, "occlude-measure");
            t.setDaemon(true);
            return t;
        });
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
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModelException("interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new ModelException("inference failed while measuring (" + e.getCause() + ")", e.getCause());
            }
        }
    }
}
