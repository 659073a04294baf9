package dev.occlude.spark;

import dev.occlude.util.Text;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SecurityManager;
import org.apache.spark.SparkConf;
import org.apache.spark.internal.config.package$;
import org.apache.spark.rpc.RpcAddress;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.util.Utils;

/**
 * Asks a standalone master whether it takes this driver's connection before the Spark session is
 * made. A client-mode driver the master refuses (a cluster that authenticates, a job without its
 * secret) is refused within milliseconds, but Spark's application client tries to register three
 * times 20 s apart (constants in StandaloneAppClient, no setting) before it gives up: a minute of
 * waiting for a line the job can say at once. The probe opens the connection the session would
 * (the same configuration, so the same secret and encryption) and looks the master up, as Spark's
 * own cluster-mode client does.
 */
final class MasterProbe {
    private static final String PREFIX = "spark://";

    private MasterProbe() {}

    /**
     * @param conf the driver's configuration (spark-submit's, with the job's {@code --master})
     * @return null when the master takes the connection or when there is none to ask (local mode,
     *         YARN, Kubernetes, a driver a worker started); else the line that says it did not
     */
    static String refusal(SparkConf conf) {
        String master = conf.get("spark.master", "");
        if (!master.startsWith(PREFIX) || "cluster".equals(conf.get("spark.submit.deployMode", "client"))) {
            return null;
        }
        List<String> failures = new ArrayList<>();
        RpcEnv env = RpcEnv.create("occlude-probe", Utils.localHostName(), 0, conf,
                new SecurityManager(conf, scala.Option.empty(), package$.MODULE$.AUTH_SECRET_FILE()), true);
        try {
            // spark://h1:p1,h2:p2 names a master with standbys: one that answers is enough
            for (String hostPort : master.substring(PREFIX.length()).split(",")) {
                try {
                    env.setupEndpointRef(RpcAddress.fromSparkURL(PREFIX + hostPort), "Master");
                    return null;
                } catch (Exception e) { // Spark's SparkException, checked in Java, thrown undeclared by Scala
                    failures.add(hostPort + ": " + Text.oneLine(rootCause(e)));
                }
            }
        } finally {
            env.shutdown();
        }
        return ExecutorWait.refused(master, String.join("; ", failures));
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
