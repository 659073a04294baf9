package dev.occlude.cli;

import com.google.gson.JsonObject;
import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.ModelException;
import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.render.OverlayRenderer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code occlude IMAGE... [options]}: one heat map overlay, one .npy map and one JSON line per image. */
@Command(name = "occlude", mixinStandardHelpOptions = true, version = "occlude 0.1.0",
        sortOptions = false,
        description = {
            "Slides a grey square over each image, re-runs the classifier on every occluded copy and",
            "paints the class probability as a heat map over the picture (Zeiler & Fergus).",
            "Results: one JSON line per image on stdout; logs on stderr.",
            "Exit codes: 0 all done, 1 some images failed, 2 usage error (nothing done)."})
public final class OccludeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files to analyse.")
    List<Path> images;

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
            description = "Output directory (default: the current directory).")
    Path out;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "50000000",
            description = "Refuse images larger than this many pixels (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--verbose", description = "Log DJL's informational messages on stderr.")
    boolean verbose;

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @Override
    public Integer call() {
        ScanSettings settings;
        ModelDirectory modelDir;
        try {
            settings = new ScanSettings(patch, stride, fill, batch);
            if (maxPixels < 1) {
                throw new IllegalArgumentException("--max-pixels must be at least 1, got " + maxPixels);
            }
            modelDir = ModelDirectory.open(model != null ? model : defaultModel());
        } catch (IllegalArgumentException | ModelException e) {
            stderr.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (Classifier classifier = Classifier.load(modelDir)) {
            Occluder occluder = new Occluder(classifier, settings);
            if (className != null) {
                occluder.classIndex(className);
            }
            ImageLoader loader = new ImageLoader(maxPixels);
            int failed = 0;
            for (Path image : images) {
                if (!process(image, occluder, loader, modelDir.name())) {
                    failed++;
                }
            }
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (IllegalArgumentException e) {
            stderr.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (ModelException e) {
            stderr.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** One image from file to written outputs; false (after reporting) when it failed. */
    private boolean process(Path image, Occluder occluder, ImageLoader loader, String modelName) throws ModelException {
        long start = System.nanoTime();
        OutputFiles outputs = OutputFiles.forInput(image, out);
        try {
            BufferedImage picture = loader.load(image);
            outputs.checkNotInput(image);
            Analysis analysis = occluder.analyse(picture, className);
            String caption = caption(analysis);
            BufferedImage overlay = new OverlayRenderer().render(picture, analysis.map(),
                    List.of(new OverlayRenderer.Mark(analysis.minPatch(), null)), caption);
            outputs.writeMap(analysis.map(), picture.getHeight(), picture.getWidth());
            outputs.writeOverlay(overlay);
            double seconds = (System.nanoTime() - start) / 1e9;
            JsonObject json = ResultJson.success(image.toString(), modelName, analysis, occluder.settings(),
                    outputs, seconds);
            stdout.println(ResultJson.line(json));
            stdout.flush();
            return true;
        } catch (ImageLoadException e) {
            return fail(image, e.getMessage());
        } catch (IOException e) {
            return fail(image, image + ": cannot write outputs (" + e.getMessage() + ")");
        }
    }

    private boolean fail(Path image, String message) {
        stderr.println("occlude: " + message);
        stdout.println(ResultJson.line(ResultJson.failure(image.toString(), message)));
        stdout.flush();
        return false;
    }

    static String caption(Analysis a) {
        var p = a.minPatch();
        return String.format(Locale.ROOT, "%s  P=%.4f  MIN %.4f AT %d,%d", a.targetName(), a.cleanProbability(),
                a.minProbability(), p.x, p.y);
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
