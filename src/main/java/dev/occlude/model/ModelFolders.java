package dev.occlude.model;

import dev.occlude.model.score.ModelException;
import dev.occlude.util.Text;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where models are found by name: the folders of {@code OCCLUDE_MODEL_PATH} (a list like PATH),
 * then the shipped or installed {@code models/} folder. {@code --model NAME} works from anywhere;
 * a path to a model directory works as it always did.
 */
public final class ModelFolders {
    /** The environment variable with the user's own folders of model directories. */
    public static final String PATH_VARIABLE = "OCCLUDE_MODEL_PATH";

    private ModelFolders() {}

    /** The folders searched, in order: the user's, then the shipped one. */
    public static List<Path> folders() {
        List<Path> folders = new ArrayList<>();
        String own = System.getenv(PATH_VARIABLE);
        if (own != null) {
            for (String f : own.split(File.pathSeparator)) {
                if (!f.isBlank()) {
                    folders.add(Paths.get(f));
                }
            }
        }
        Path shipped = DefaultModel.locate().getParent();
        if (shipped != null) {
            folders.add(shipped);
        }
        return folders;
    }

    /**
     * The model directory {@code given} names: the directory itself when it is one, else the model
     * of that name in the first folder that has one.
     *
     * @throws ModelException naming what was looked for and where, when there is none
     */
    public static Path resolve(String given) throws ModelException {
        Path asPath = Paths.get(given);
        // a name with a slash after it (the shell's completion adds one) is still a name
        String name = given.replaceAll("[/" + Pattern.quote(File.separator) + "]+$", "");
        if (Files.isDirectory(asPath) || name.isEmpty() || name.contains("/") || name.contains(File.separator)) {
            return asPath;
        }
        for (Path folder : folders()) {
            if (Files.isDirectory(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        String near = Text.closest(given, names(), Math.max(2, given.length() / 3))
                .map(n -> "; did you mean " + n + "?").orElse("");
        throw new ModelException("model " + given + ": no such directory, nor a model of that name in "
                + String.join(", ", folders().stream().map(Path::toString).toList()) + near
                + " (occlude models lists them)");
    }

    /** The names --model finds, each once, in the order of {@link #all()}. */
    public static List<String> names() {
        return all().stream().map(d -> d.getFileName().toString()).distinct().toList();
    }

    /** Every model directory in the folders (sub-folders with a serving.properties), by folder then name. */
    public static List<Path> all() {
        List<Path> models = new ArrayList<>();
        for (Path folder : folders()) {
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(d -> Files.isRegularFile(d.resolve("serving.properties"))).sorted().forEach(models::add);
            } catch (IOException | RuntimeException e) {
                // a folder that is not there lists nothing
            }
        }
        return models;
    }
}
