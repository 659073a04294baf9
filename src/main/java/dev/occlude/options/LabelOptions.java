package dev.occlude.options;

import dev.occlude.eval.MistakeTriage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A run's true classes and how its mistakes are told apart: {@code --labels}, {@code
 * --focus-threshold}, {@code --none-class}, shared by {@code occlude}, {@code occlude compare} and
 * the Spark job, with the checks that go with them. The file is kept as written (the Spark job's
 * may be a Hadoop path); each command reads it where it lives. Help texts under the keys
 * {@code labels}, {@code focus-threshold}, {@code none-class} of each command's bundle.
 */
public final class LabelOptions {
    /** What a refusal says an option needs. */
    public static final String NEEDS_LABELS = "it needs --labels FILE.csv";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--labels", paramLabel = "FILE.csv", descriptionKey = "labels")
    String file;

    @Option(names = "--focus-threshold", paramLabel = "P", descriptionKey = "focus-threshold")
    Double focusThreshold;

    @Option(names = "--none-class", paramLabel = "NAME", descriptionKey = "none-class")
    String noneClass;

    /** The labels file as written, or null when none was given. */
    public String file() {
        return file;
    }

    /** The labels file as a local path, or null when none was given. */
    public Path path() {
        return file == null ? null : Path.of(file);
    }

    /** Whether --labels was given. */
    public boolean given() {
        return file != null;
    }

    /** Names the labels file anew (a relative path resolved against the folder a job was submitted from). */
    public void relocate(UnaryOperator<String> where) {
        file = where.apply(file);
    }

    /**
     * How mistakes are told apart and what an atlas counts, checked: --none-class needs --labels,
     * --focus-threshold needs --labels or an atlas, and the threshold is a probability.
     *
     * @param atlas whether the run draws an atlas (which counts only worst patches past the threshold)
     * @throws ParameterException naming the option
     */
    public MistakeTriage.Rules triage(boolean atlas) {
        if (focusThreshold != null && file == null && !atlas) {
            throw usage("--focus-threshold tells mistakes apart and what an atlas counts: " + NEEDS_LABELS
                    + " or --atlas FILE.png");
        }
        return rules();
    }

    /**
     * As {@link #triage(boolean)} for a command that draws no atlas ({@code occlude compare}):
     * --focus-threshold and --none-class need --labels.
     */
    public MistakeTriage.Rules triage() {
        if (focusThreshold != null && file == null) {
            throw usage("--focus-threshold tells mistakes apart: " + NEEDS_LABELS);
        }
        return triage(true);
    }

    private MistakeTriage.Rules rules() {
        if (noneClass != null && file == null) {
            throw usage("--none-class tells mistakes apart: " + NEEDS_LABELS);
        }
        try {
            return new MistakeTriage.Rules(focusThreshold != null ? focusThreshold : MistakeTriage.DEFAULT_THRESHOLD,
                    noneClass != null ? noneClass : "none");
        } catch (IllegalArgumentException e) {
            throw usage("--focus-threshold: " + e.getMessage());
        }
    }

    /**
     * Refuses {@code refusal} (the whole line, e.g. "--only-mistakes needs --labels FILE.csv") when
     * {@code asked} and no labels were given.
     */
    public void requireFor(boolean asked, String refusal) {
        if (asked && file == null) {
            throw usage(refusal);
        }
    }

    /**
     * Why the model's {@code classes} cannot be told mistakes with: labelled, and the class that
     * means no object ({@code none}, or --none-class) is not among them; empty when they can.
     */
    public Optional<String> noneClassProblem(List<String> classes) {
        String none = noneClass != null ? noneClass : "none";
        if (file == null || classes.contains(none)) {
            return Optional.empty();
        }
        return Optional.of((noneClass == null
                ? "the model has no class 'none' to mean no object: name its class with --none-class NAME"
                : "--none-class " + noneClass + " is not a class of the model") + " (" + String.join(", ", classes) + ")");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
