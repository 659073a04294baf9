package dev.occlude.cli;

import dev.occlude.io.Labels;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.ModelException;
import dev.occlude.model.Throughput;
import dev.occlude.model.Tuning;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.render.Colormap;
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
        sortOptions = false, subcommands = ReportCommand.class,
        description = {
            "Slides a grey square over each image, re-runs the classifier on every occluded copy and",
            "paints the class probability as a heat map over the picture (Zeiler & Fergus).",
            "Results: one JSON line per image on stdout; logs and progress on stderr.",
            "Exit codes: 0 all done, 1 some images failed (the rest done), 2 usage error (nothing done)."})
public final class OccludeCommand implements Callable<Integer> {
    /** The article's network, shipped with the project (relative to the project root). */
    static final String DEFAULT_MODEL = "models/nexar-squeezenet";


    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Image files, directories (their images, sorted), or - to read paths from stdin.")
    List<String> inputs;

    @Option(names = "--model", paramLabel = "DIR",
            description = "DJL model directory (<name>.pt, synset.txt, serving.properties). "
                    + "Default: the shipped models/nexar-squeezenet.")
    Path model;

    @Option(names = "--patch", paramLabel = "P[,P...]", defaultValue = "64", split = ",",
            description = "Side of the grey square in source pixels; several sizes give one map each (default: 64).")
    List<Integer> patches;

    @Option(names = "--stride", paramLabel = "S[,S...]", defaultValue = "16", split = ",",
            description = "Step between squares in source pixels; one value, or one per patch size (default: 16).")
    List<Integer> strides;

    @Option(names = "--combine", description = "With several patch sizes: also the mean of their maps.")
    boolean combine;

    @Option(names = "--class", paramLabel = "NAME|all",
            description = "Class whose probability is mapped (default: the predicted one); all: a map per class, "
                    + "from the same forward passes.")
    String className;

    @Option(names = "--passes", paramLabel = "N", defaultValue = "1",
            description = "Repeated occlusion: keep each pass's minimum patch grey and scan again, up to N passes.")
    int passes;

    @Option(names = "--stop-below", paramLabel = "P", defaultValue = "0.5",
            description = "Stop repeating once the probability with the hidden patches is below P (default: 0.5).")
    double stopBelow;

    @Option(names = "--save-worst", description = "Write the variant with the lowest probability as NAME.worst.png.")
    boolean saveWorst;

    @Option(names = "--map", paramLabel = "KIND", defaultValue = "probability",
            description = "probability (default), or drop: clean probability minus occluded (high = important).")
    String mapKind;

    @Option(names = "--scale", paramLabel = "auto|LO,HI", defaultValue = "auto",
            description = "Colour scale: the map's own min..max (auto, default) or fixed, e.g. 0,1.")
    String scale;

    @Option(names = "--colormap", paramLabel = "NAME", defaultValue = "afmhot",
            description = "afmhot (default), viridis, inferno or gray.")
    String colormap;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.6",
            description = "Weight of the map's colour over the image, in [0,1] (default: 0.6).")
    double alpha;

    @Option(names = "--fill", paramLabel = "V", defaultValue = "0.5",
            description = "Grey level of the square in [0,1], painted as the 8-bit value round(255 V) "
                    + "(default: ${DEFAULT-VALUE}).")
    double fill;

    @Option(names = "--batch", paramLabel = "N",
            description = "Variants per forward pass (default: measured per model and machine, cached).")
    Integer batch;

    @Option(names = "--workers", paramLabel = "N",
            description = "Batches scored at once, each on its own thread (default: measured with the batch size).")
    Integer workers;

    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch intra-op threads per forward pass (default: measured with the batch size).")
    Integer threads;

    @Option(names = "--refine",
            description = "Adaptive: a coarse pass (stride = patch), then the fine stride only where the probability moves.")
    boolean refine;

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

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write DIR/index.html: a browsable report of the run (see also: occlude report).")
    Path report;

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
        MapOptions mapOptions;
        ModelDirectory modelDir;
        Labels labelTable = null;
        List<Input> images;
        try {
            if (inputs == null || inputs.isEmpty()) {
                throw new IllegalArgumentException("no INPUT given: image files, directories or - (see occlude --help)");
            }
            mapOptions = mapOptions();
            settings = new ScanSettings(mapOptions.sizes()[0][0], mapOptions.sizes()[0][1], fill, batch == null ? 1 : batch,
                    workers == null ? 1 : workers, refine);
            if (threads != null && threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
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
            settings = tune(classifier, modelDir, settings, images);
            try (Occluder occluder = new Occluder(classifier, settings)) {
                return runWith(occluder, modelDir, labelTable, images, mapOptions);
            }
        } catch (IllegalArgumentException | ModelException e) {
            stderr.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** The map options, checked: every problem is a usage error naming the option. */
    private MapOptions mapOptions() {
        if (strides.size() != 1 && strides.size() != patches.size()) {
            throw new IllegalArgumentException("--stride takes one value or one per --patch size (" + patches.size() + ")");
        }
        int[][] sizes = new int[patches.size()][];
        for (int i = 0; i < patches.size(); i++) {
            int p = patches.get(i);
            int st = strides.get(strides.size() == 1 ? 0 : i);
            if (p < 1) {
                throw new IllegalArgumentException("--patch must be at least 1, got " + p);
            }
            if (st < 1) {
                throw new IllegalArgumentException("--stride must be at least 1, got " + st);
            }
            sizes[i] = new int[] {p, st};
        }
        if (combine && sizes.length < 2) {
            throw new IllegalArgumentException("--combine needs several patch sizes, e.g. --patch 64,32,16");
        }
        if (passes < 1) {
            throw new IllegalArgumentException("--passes must be at least 1, got " + passes);
        }
        if (!(stopBelow >= 0 && stopBelow <= 1)) {
            throw new IllegalArgumentException("--stop-below must be in [0, 1], got " + stopBelow);
        }
        if (!mapKind.equals("probability") && !mapKind.equals("drop")) {
            throw new IllegalArgumentException("--map takes probability or drop, got '" + mapKind + "'");
        }
        double[] fixed = null;
        if (!scale.equals("auto")) {
            String[] t = scale.split(",");
            try {
                fixed = new double[] {Double.parseDouble(t[0]), Double.parseDouble(t[1])};
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--scale takes auto or LO,HI (e.g. 0,1), got '" + scale + "'");
            }
            if (t.length != 2 || !(fixed[0] < fixed[1])) {
                throw new IllegalArgumentException("--scale takes auto or LO,HI with LO < HI, got '" + scale + "'");
            }
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
        }
        return new MapOptions(sizes, combine, "all".equals(className), passes, stopBelow, saveWorst,
                mapKind.equals("drop"), fixed, Colormap.parse(colormap), alpha);
    }

    /** Batch size, workers and threads: as given, the rest measured (and cached) on the first image's input shape. */
    private ScanSettings tune(Classifier classifier, ModelDirectory modelDir, ScanSettings settings, List<Input> images)
            throws ModelException {
        if (batch != null && workers != null) {
            // the cores shared out among the workers, unless told otherwise
            int cores = Runtime.getRuntime().availableProcessors();
            Classifier.setIntraOpThreads(threads != null ? threads : Math.max(1, cores / workers));
            return settings;
        }
        int[] size = firstImageSize(images);
        var g = modelDir.preprocessing().geometry(size[0], size[1]);
        Tuning.Choice choice = new Tuning().best(classifier, g.inputHeight(), g.inputWidth());
        Throughput.Setting s = choice.setting();
        Classifier.setIntraOpThreads(threads != null ? threads : s.threads());
        if (verbose || (!choice.cached() && !quiet && Progress.Terminal.stderrIsTerminal())) {
            stderr.printf(java.util.Locale.ROOT, "occlude: measured %s as the fastest for %s (%.1f images/s), cached%n",
                    s, modelDir.name(), choice.imagesPerSecond());
        }
        return settings.withBatch(batch != null ? batch : s.batch(), workers != null ? workers : s.workers());
    }

    /** Width and height of the first readable input (read from its header), else a dash-cam frame's. */
    private static int[] firstImageSize(List<Input> images) {
        for (Input input : images) {
            try (var in = javax.imageio.ImageIO.createImageInputStream(input.path().toFile())) {
                var readers = in == null ? null : javax.imageio.ImageIO.getImageReaders(in);
                if (readers != null && readers.hasNext()) {
                    var reader = readers.next();
                    try {
                        reader.setInput(in);
                        return new int[] {reader.getWidth(0), reader.getHeight(0)};
                    } finally {
                        reader.dispose();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // try the next one
            }
        }
        return new int[] {455, 256};
    }

    private int runWith(Occluder occluder, ModelDirectory modelDir, Labels labelTable, List<Input> images,
                        MapOptions mapOptions) throws ModelException {
        {
            String target = mapOptions.allClasses() ? null : className;
            if (target != null) {
                occluder.classIndex(target);
            }
            RunOptions options = new RunOptions(out, target, maxPixels, skipExisting, labelTable, onlyMistakes,
                    summary, quiet, mapOptions, report);
            int failed = new BatchRunner(occluder, modelDir, options, stdout, stderr).run(images);
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** The shipped default model beside the build: -Docclude.home, else the jar's project, else the working directory. */
    static Path defaultModel() {
        String home = System.getProperty("occlude.home");
        if (home != null) {
            return Paths.get(home, DEFAULT_MODEL);
        }
        try {
            Path code = Paths.get(OccludeCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/occlude.jar or target/classes → the project root two levels up
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            if (root != null && Files.isDirectory(root.resolve(DEFAULT_MODEL))) {
                return root.resolve(DEFAULT_MODEL);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Paths.get(DEFAULT_MODEL);
    }
}
