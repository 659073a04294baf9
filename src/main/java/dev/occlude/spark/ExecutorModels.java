package dev.occlude.spark;

import dev.occlude.model.Classifier;
import dev.occlude.model.DjlSetup;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.score.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
     * The directory as given when this machine has it; else the copy Spark shipped with
     * --archives under the directory's name (in the task's working directory, or SparkFiles').
     */
    static Path resolve(String given) throws ModelException {
        Path p = Paths.get(given);
        if (Files.isDirectory(p)) {
            return p.toAbsolutePath().normalize();
        }
        String name = p.getFileName() == null ? given : p.getFileName().toString();
        if (Files.isDirectory(Paths.get(name))) {
            return Paths.get(name).toAbsolutePath().normalize(); // an archive unpacked in the task's folder (YARN)
        }
        try {
            Path shipped = Paths.get(SparkFiles.get(name));
            if (Files.isDirectory(shipped)) {
                return shipped.toAbsolutePath().normalize();
            }
        } catch (RuntimeException e) {
            // no Spark environment here: only the path as given could have been used
        }
        throw new ModelException("model " + given + ": not found on this executor (give a directory every executor "
                + "can read, or ship it with --archives MODEL.zip#" + name + ")");
    }
}
