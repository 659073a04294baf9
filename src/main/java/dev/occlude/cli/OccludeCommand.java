package dev.occlude.cli;

import dev.occlude.io.Labels;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.ModelException;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.ScanSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code occlude INPUT... [options]}: one heat map overlay, one .npy map and one JSON line per image. */
@Command(name = "occlude", mixinStandardHelpOptions = true, version = "occlude 0.1.0",
        sortOptions = false,
        description = {
            "Slides a grey square over each image, re-runs the classifier on every occluded copy and",
            "paints the class probability as a heat map over the picture (Zeiler & Fergus).",
            "Results: one JSON line per image on stdout; logs and progress on stderr.",
            "Exit codes: 0 all done, 1 some images failed (the rest done), 2 usage error (nothing done)."})
public final class OccludeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "INPUT", arity = "1..*",
            description = "Image files, directories (their images, sorted), or - to read paths from stdin.")
    List<String> inputs;

    @Option(names = "--model", paramLabel = "DIR",
            description = "DJL model directory (<name>.pt, synset.txt, serving.properties). "
                    + "Default: the shipped models/traffic-lights.")
    Path model;

    @Option(names = "--patch", paramLabel = "P", defaultValue = "64",
            description = "Side of the grey square in source pixels (default: ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--stride", paramLabel = "S", defaultValue = "16",
            description = "Step between squares in source pixels (default: ${DEFAULT-VALUE}).")
    int stride;

    @Option(names = "--class", paramLabel = "NAME",
            description = "Class whose probability is mapped (default: the class predicted on the clean image).")
    String className;

    @Option(names = "--fill", paramLabel = "V", defaultValue = "0.5",
            description = "Grey level of the square in [0,1], painted as the 8-bit value round(255 V) "
                    + "(default: ${DEFAULT-VALUE}).")
    double fill;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "4",
            description = "Variants per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Output directory; sub-paths of inputs found in directories are kept (default: .).")
    Path out;

    @Option(names = {"-r", "--recursive"}, description = "Descend into sub-directories of directory inputs.")
    boolean recursive;

    @Option(names = {"-0", "--null"}, description = "Paths on stdin are NUL-separated (find -print0).")
    boolean nulSeparated;

    @Option(names = "--skip-existing",
            description = "Skip images whose outputs are all there already (resume an interrupted run).")
    boolean skipExisting;

    @Option(names = "--summary", paramLabel = "FILE.csv", description = "Also write one CSV row per image.")
    Path summary;

    @Option(names = "--labels", paramLabel = "FILE.csv",
            description = "True classes (columns file,class): JSON lines say label and mistake; a confusion matrix ends the run.")
    Path labels;

    @Option(names = "--only-mistakes", description = "With --labels: map only the frames the model gets wrong.")
    boolean onlyMistakes;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "50000000",
            description = "Refuse images larger than this many pixels (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = "--verbose", description = "Log DJL's informational messages on stderr.")
    boolean verbose;

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;
    private final InputStream stdin = System.in;

    @Override
    public Integer call() {
        ScanSettings settings;
        ModelDirectory modelDir;
        Labels labelTable = null;
        List<Input> images;
        try {
            settings = new ScanSettings(patch, stride, fill, batch);
            if (maxPixels < 1) {
                throw new IllegalArgumentException("--max-pixels must be at least 1, got " + maxPixels);
            }
            if (onlyMistakes && labels == null) {
                throw new IllegalArgumentException("--only-mistakes needs --labels FILE.csv");
            }
            if (inputs.stream().filter("-"::equals).count() > 1) {
                throw new IllegalArgumentException("stdin (-) can be read only once");
            }
            if (labels != null) {
                labelTable = Labels.read(labels);
            }
            modelDir = ModelDirectory.open(model != null ? model : defaultModel());
            images = new InputCollector(recursive, nulSeparated, stdin).collect(inputs);
        } catch (IllegalArgumentException | ModelException | IOException e) {
            stderr.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (Classifier classifier = Classifier.load(modelDir)) {
            Occluder occluder = new Occluder(classifier, settings);
            if (className != null) {
                occluder.classIndex(className);
            }
            RunOptions options = new RunOptions(out, className, maxPixels, skipExisting, labelTable, onlyMistakes,
                    summary, quiet);
            int failed = new BatchRunner(occluder, modelDir, options, stdout, stderr).run(images);
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (IllegalArgumentException | ModelException e) {
            stderr.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** models/traffic-lights beside the build: -Docclude.home, else the jar's project, else the working directory. */
    static Path defaultModel() {
        String home = System.getProperty("occlude.home");
        if (home != null) {
            return Paths.get(home, "models", "traffic-lights");
        }
        try {
            Path code = Paths.get(OccludeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/occlude.jar or target/classes → the project root two levels up
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            if (root != null && Files.isDirectory(root.resolve("models/traffic-lights"))) {
                return root.resolve("models/traffic-lights");
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Paths.get("models", "traffic-lights");
    }
}
