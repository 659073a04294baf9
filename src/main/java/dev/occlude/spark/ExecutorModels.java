package dev.occlude.spark;

import dev.occlude.model.Classifier;
import dev.occlude.model.DjlSetup;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.score.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

/**
 * The networks loaded in this executor JVM: each model directory once, shared by the tasks that
 * run side by side (a {@link Classifier} gives each thread its own predictor), never once per
 * image. They stay loaded until the executor ends.
 */
final class ExecutorModels {
    private static final Map<Path, Classifier> LOADED = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    /** The network of the model directory {@code given}, loaded on first use. */
    static Classifier classifier(String given) throws ModelException {
        Path dir = resolve(given);
        try {
            return LOADED.computeIfAbsent(dir, d -> {
                DjlSetup.configure(false);
                try {
                    return Classifier.load(ModelDirectory.open(d));
                } catch (ModelException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof ModelException m) {
                throw m;
            }
            throw e;
        }
    }

    /**
     * Where this JVM finds the model directory {@code given}. A copy shipped with the job
     * ({@code --archives MODEL.zip#NAME}, NAME the directory's name, as scripts/occlude-spark does
     * on a cluster) comes first: executors never read the driver's paths, which on a cluster name
     * nothing or another machine's files. Else the directory as given, when this machine has it.
     */
    static Path resolve(String given) throws ModelException {
        Path p = Paths.get(given);
        String name = p.getFileName() == null ? given : p.getFileName().toString();
        Optional<Path> copy = shippedCopy(name);
        if (shipped(name) && copy.isPresent()) {
            return copy.get();
        }
        if (Files.isDirectory(p)) {
            return p.toAbsolutePath().normalize();
        }
        return copy.orElseThrow(() -> new ModelException("model " + given + ": not found on this executor (give a "
                + "directory every executor can read, or ship it with --archives MODEL.zip#" + name + ")"));
    }

    /** Whether the job ships an archive unpacked under {@code name} (spark.archives, or YARN's own list). */
    static boolean shipped(String name) {
        try {
            SparkEnv env = SparkEnv.get();
            if (env == null) {
                return false;
            }
            for (String key : new String[] {"spark.archives", "spark.yarn.dist.archives"}) {
                for (String a : env.conf().get(key, "").split(",")) {
                    if (a.endsWith("#" + name)) {
                        return true;
                    }
                }
            }
        } catch (RuntimeException e) {
            // no Spark environment here
        }
        return false;
    }

    /** The archive unpacked under {@code name}: in the task's folder (YARN), or under SparkFiles' root. */
    private static Optional<Path> shippedCopy(String name) {
        List<Path> places = new ArrayList<>(List.of(Paths.get(name)));
        try {
            places.add(Paths.get(SparkFiles.get(name)));
        } catch (RuntimeException e) {
            // no Spark environment here: only the folder as named
        }
        return places.stream().filter(Files::isDirectory).map(d -> d.toAbsolutePath().normalize()).findFirst();
    }
}
