package dev.occlude.model.tuning;

import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Scorer;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * Picks batch size and threads by measurement, not assumption: each candidate is scored for a
 * moment on the model's input shape and the fastest wins. The choice is cached per model file,
 * input shape and machine (CPU model, core count) in ~/.cache/occlude/tuning.properties, so only
 * the first run on a machine pays the measuring, which stays within {@link #BUDGET_SECONDS}: a
 * candidate whose batches would not fit in what is left of it is not tried (VGG-11 on 2 cores
 * spent 230 s here when every candidate ran at least two batches).
 */
public final class Tuning {
    /** Candidates in the order they are tried: the likely ones first, so a slow network still tries them. */
    private static final int[] BATCHES = {1, 4, 16, 2, 8};
    /** A candidate's share of the budget (1 s of 10): one noisy moment does not pick the setting for good. */
    private static final double SHARE_EACH = 0.1;
    /** The whole measurement, at most (#42: seconds, not minutes). */
    public static final double BUDGET_SECONDS = 10.0;

    private final Path cacheFile;
    private final double budgetSeconds;
    private Consumer<String> notice = s -> { };

    /** Tuning cached in ~/.cache/occlude/tuning.properties. */
    public Tuning() {
        this(Paths.get(System.getProperty("user.home"), ".cache", "occlude", "tuning.properties"));
    }

    /** Tuning cached in {@code cacheFile}. */
    public Tuning(Path cacheFile) {
        this(cacheFile, BUDGET_SECONDS);
    }

    /** Tuning cached in {@code cacheFile}, measuring for at most {@code budgetSeconds} (tests measure briefly). */
    public Tuning(Path cacheFile, double budgetSeconds) {
        this.cacheFile = cacheFile;
        this.budgetSeconds = budgetSeconds;
    }

    /** The same tuning, saying {@code notice} (one line) before it measures. */
    public Tuning notifying(Consumer<String> say) {
        this.notice = say;
        return this;
    }

    /** A tuned setting and the images/s it reached. */
    public record Choice(Throughput.Setting setting, double imagesPerSecond, boolean cached) {}

    /**
     * The setting to run with: what the caller fixed ({@code null}: not fixed) and the rest from
     * the measured best. With batch and workers both fixed nothing is measured, and the cores are
     * shared out among the workers unless the threads are fixed too.
     *
     * @param classifier the network to measure
     * @param model what identifies the network (the cache's key), e.g. its directory's fingerprint
     * @return the setting, and whether it was measured now, cached, or not measured at all (null)
     */
    public Choice choose(Scorer classifier, String model, int height, int width, Integer batch, Integer workers, Integer threads)
            throws ModelException {
        if (batch != null && workers != null) {
            return fixed(batch, workers, threads);
        }
        Choice best = best(classifier, model, height, width);
        Throughput.Setting s = best.setting();
        return new Choice(new Throughput.Setting(batch != null ? batch : s.batch(), workers != null ? workers : s.workers(),
                threads != null ? threads : s.threads()), best.imagesPerSecond(), best.cached());
    }

    /**
     * Variants per batch for incremental scans, measured: on 2 cores with the Nexar SqueezeNet,
     * batch 16 beat 8 and 32 (docs/BENCHMARKS.md). Incremental windows are small, so one worker
     * per core with one thread each keeps the cores busier than one pass on every core.
     */
    public static final int INCREMENTAL_BATCH = 16;

    /**
     * The batch for one-thread workers when nothing was measured (a Spark task, serve's probes):
     * {@link #INCREMENTAL_BATCH} for incremental scans, 4 for full passes (the fastest measured).
     */
    public static int oneWorkerBatch(boolean incremental) {
        return incremental ? INCREMENTAL_BATCH : 4;
    }

    /** The setting for incremental scans: what the caller fixed, the rest {@link #INCREMENTAL_BATCH} and one worker per core. */
    public static Choice incremental(Integer batch, Integer workers, Integer threads) {
        return fixed(batch != null ? batch : INCREMENTAL_BATCH,
                workers != null ? workers : Runtime.getRuntime().availableProcessors(), threads);
    }

    /** A setting not measured: the cores shared out among the workers unless the threads are given. */
    private static Choice fixed(int batch, int workers, Integer threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Choice(new Throughput.Setting(batch, workers, threads != null ? threads : Math.max(1, cores / workers)),
                Double.NaN, true);
    }

    /**
     * The fastest of the candidate settings for this model and input shape, from the cache or
     * measured now (within the budget, ten seconds unless given). PyTorch's intra-op thread count is as before afterwards.
     */
    public Choice best(Scorer classifier, String model, int height, int width) throws ModelException {
        String key = key(model, height, width);
        Properties cache = load();
        String hit = cache.getProperty(key);
        if (hit != null) {
            String[] v = hit.split(",");
            try {
                return new Choice(new Throughput.Setting(Integer.parseInt(v[0]), Integer.parseInt(v[1]),
                        Integer.parseInt(v[2])), Double.parseDouble(v[3]), true);
            } catch (RuntimeException e) {
                // a damaged entry is measured again
            }
        }
        notice.accept(String.format(Locale.ROOT, "measuring batch size and workers for this model and machine (at "
                + "most %.0f s, once; cached in %s)", budgetSeconds, cacheFile));
        int cores = Runtime.getRuntime().availableProcessors();
        Choice best = null;
        int[][] threadings = cores > 1 ? new int[][] {{1, cores}, {cores, 1}} : new int[][] {{1, 1}};
        int threadsBefore = classifier.intraOpThreads();
        long deadline = System.nanoTime() + (long) (budgetSeconds * 1e9);
        try {
            // one image on every core first: what an image costs, so that no candidate overruns the budget
            double perImage = 1 / Throughput.measure(classifier, height, width, new Throughput.Setting(1, 1, cores), 0);
            int tried = 0;
            for (int b : BATCHES) {
                for (int[] wt : threadings) {
                    Throughput.Setting s = new Throughput.Setting(b, wt[0], wt[1]);
                    double left = (deadline - System.nanoTime()) / 1e9;
                    // a warm-up batch and one measured batch per worker, each worker at its share of the cores
                    double cost = 2 * b * perImage * Math.max(1, wt[0] * cores / (double) (wt[0] * wt[1]));
                    int remaining = BATCHES.length * threadings.length - tried++;
                    if (best != null && cost > left) {
                        continue;
                    }
                    double seconds = Math.max(0, Math.min(SHARE_EACH * budgetSeconds, left / remaining - cost / 2));
                    double rate = Throughput.measure(classifier, height, width, s, seconds);
                    if (best == null || rate > best.imagesPerSecond()) {
                        best = new Choice(s, rate, false);
                    }
                }
            }
        } finally {
            classifier.setIntraOpThreads(threadsBefore);
        }
        cache.setProperty(key, String.format(Locale.ROOT, "%d,%d,%d,%.1f", best.setting().batch(),
                best.setting().workers(), best.setting().threads(), best.imagesPerSecond()));
        save(cache);
        return best;
    }

    private Properties load() {
        Properties p = new Properties();
        if (Files.isRegularFile(cacheFile)) {
            try (Reader r = Files.newBufferedReader(cacheFile, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return p;
    }

    private void save(Properties p) {
        try {
            Files.createDirectories(cacheFile.getParent());
            Path tmp = Files.createTempFile(cacheFile.getParent(), "tuning", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "occlude: measured batch size, workers and intra-op threads per model, input and machine");
            }
            Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // a cache that cannot be written only costs the next run a measurement
        }
    }

    static String key(String model, int height, int width) {
        return model + "." + width + "x" + height + "." + machine();
    }

    /** CPU model and core count, e.g. "AMD-EPYC.2"; what a tuning result depends on. */
    public static String machine() {
        String cpu = "cpu";
        try {
            for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            cpu = System.getProperty("os.arch");
        }
        return cpu.replaceAll("[^A-Za-z0-9]+", "-") + "." + Runtime.getRuntime().availableProcessors();
    }
}
