package dev.occlude.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The local Spark session the job's tests run it in: two cores and four attempts per task (a failed
 * task is retried as on a cluster), no web UI, bound to loopback.
 */
final class LocalSpark {
    private LocalSpark() {}

    /** A session named {@code app} (or the one already running in this JVM); the caller stops it. */
    static SparkSession start(String app) {
        return SparkSession.builder().master("local[2,4]").appName(app).config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2").config("spark.driver.host", "127.0.0.1").getOrCreate();
    }
}
