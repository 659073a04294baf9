package dev.occlude.spark;

import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.network.util.JavaUtils;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorAdded;

/**
 * A job on a cluster waits for its first executor at most a bounded time (--executor-wait), then
 * says in one line why none came, rather than waiting for ever as Spark does ("Initial job has not
 * accepted any resources"). The why compares what the job asks (spark.executor.memory and
 * spark.executor.cores) with what the workers offer, when the job knows it: scripts/occlude-spark
 * passes the record scripts/spark-cluster keeps of its workers as {@value #WORKERS}.
 */
final class ExecutorWait {
    /** What the workers offer, as scripts/spark-cluster records it: {@code workers=N cores=C memory=M}. */
    static final String WORKERS = "spark.occlude.workers";
    private static final Pattern RECORD = Pattern.compile("workers=(\\d+)\\s+cores=(\\d+)\\s+memory=(\\S+)");

    private ExecutorWait() {}

    /**
     * Waits until the job has an executor (at once in local mode, where the driver is one).
     *
     * @param seconds the bound; 0 waits for ever
     * @return null once an executor is there, else the line that says why none came
     */
    static String await(SparkContext sc, int seconds) throws InterruptedException {
        if (sc.isLocal() || seconds == 0) {
            return null;
        }
        CountDownLatch added = new CountDownLatch(1);
        try {
            sc.addSparkListener(new SparkListener() {
                @Override
                public void onExecutorAdded(SparkListenerExecutorAdded executor) {
                    added.countDown();
                }
            });
        } catch (IllegalStateException e) { // the context has stopped already: Spark gave up on the master
            return refused(sc.master());
        }
        // the status tracker lists the driver too: more than one is an executor that came before the listener
        if (sc.statusTracker().getExecutorInfos().length > 1) {
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (added.await(Math.min(1_000_000_000L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return null;
            }
            if (sc.isStopped()) {
                return refused(sc.master());
            }
        }
        return why(sc.getConf(), seconds);
    }

    /** Spark gave up on the master (after its own lines): a master that refuses the job's secret, or none there. */
    private static String refused(String master) {
        return refused(master, "Spark's lines above say why");
    }

    /** The line for a master that did not take the job, {@code why} as Spark or {@link MasterProbe} found it. */
    static String refused(String master, String why) {
        return "the master at " + master + " did not take the job (" + why + "; a cluster that authenticates "
                + "refuses a job without its secret)";
    }

    /** The one line: what the job asks against what the workers offer. */
    static String why(SparkConf conf, int seconds) {
        String memory = conf.get("spark.executor.memory", "1g");
        String cores = conf.get("spark.executor.cores", null);
        String asks = String.format(Locale.ROOT, "no executor started within %d s (--executor-wait): the job asks "
                + "executors of %s memory (spark.executor.memory) and %s", seconds, memory,
                cores == null ? "a worker's cores" : cores + " core(s) (spark.executor.cores)");
        Matcher offer = RECORD.matcher(conf.get(WORKERS, ""));
        if (!offer.find()) {
            return asks + "; the master offers none of its workers for that (too little memory or cores, or busy with "
                    + "other jobs: see its log)";
        }
        String workers = offer.group(1);
        int workerCores = Integer.parseInt(offer.group(2));
        String workerMemory = offer.group(3);
        String offers = String.format(Locale.ROOT, "; the %s worker(s) of scripts/spark-cluster offer %s and %d core(s) "
                + "each", workers, workerMemory, workerCores);
        if (JavaUtils.byteStringAsMb(memory) > JavaUtils.byteStringAsMb(workerMemory)) {
            return asks + offers + ": ask less (OCCLUDE_EXECUTOR_MEMORY=" + workerMemory
                    + ") or start the cluster with --memory " + memory;
        }
        if (cores != null && Integer.parseInt(cores) > workerCores) {
            return asks + offers + ": ask fewer cores or start the cluster with --cores " + cores;
        }
        return asks + offers + ", enough: its workers are busy with other jobs or lost (see STATE/master.log)";
    }
}
