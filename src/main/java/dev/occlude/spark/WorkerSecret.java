package dev.occlude.spark;

/**
 * The secret of an authenticated standalone cluster, for a driver a worker started (cluster deploy
 * mode). The worker hands it over in the environment (_SPARK_AUTH_SECRET, readable by this user
 * only) and strips it from the driver's command line, but Spark 4.0's driver looks for it in its
 * configuration only, and stops ("A secret key must be specified via the spark.authenticate.secret
 * config", SPARK-25078). Copied into the JVM's properties here, it stays off every command line.
 */
final class WorkerSecret {
    /** Where a standalone worker puts the secret for the JVMs it starts (Spark's SecurityManager.ENV_AUTH_SECRET). */
    static final String ENV = "_SPARK_AUTH_SECRET";

    private WorkerSecret() {}

    /** Gives the configuration the worker's secret when authentication is on and the secret only in the environment. */
    static void adopt() {
        String secret = System.getenv(ENV);
        if (secret != null && Boolean.parseBoolean(System.getProperty("spark.authenticate"))
                && System.getProperty("spark.authenticate.secret") == null) {
            System.setProperty("spark.authenticate.secret", secret);
        }
    }
}
