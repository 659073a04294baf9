package dev.occlude.cli;

import dev.occlude.batch.BatchOptions;
import dev.occlude.batch.BatchRunner;
import dev.occlude.batch.Input;
import dev.occlude.batch.InputCollector;
import dev.occlude.batch.Progress;
import dev.occlude.batch.TerminalProgress;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.Labels;
import dev.occlude.model.Classifier;
import dev.occlude.model.DefaultModel;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.ModelException;
import dev.occlude.model.Tuning;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.render.OverlayStyle;
import java.awt.Dimension;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code occlude INPUT... [options]}: one heat map overlay, one .npy map and one JSON line per image. */
@Command(name = "occlude", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, subcommands = {ReportCommand.class, CompletionCommand.class}, usageHelpWidth = 100,
        customSynopsis = {
            "occlude INPUT... [--model DIR] [--patch P[,P...]] [--stride S[,S...]] [--combine]",
            "                 [--class NAME|all] [--passes N] [--stop-below P] [--save-worst]",
            "                 [--map probability|drop] [--scale auto|LO,HI] [--colormap NAME] [--alpha A]",
            "                 [--fill V] [--batch N] [--workers N] [--threads N] [--refine]",
            "                 [--out DIR] [-r] [-0] [--skip-existing] [--summary FILE.csv] [--report DIR]",
            "                 [--labels FILE.csv [--only-mistakes]] [--max-pixels N] [-q] [--verbose]",
            "       occlude report RESULTS.jsonl --out DIR",
            "       occlude completion",
            "       occlude --help | --version"},
        description = {
            "Slides a grey square over each image, re-runs the classifier on every occluded copy and",
            "paints the class probability as a heat map over the picture (Zeiler & Fergus).",
            "Results: one JSON line per image on stdout; logs and progress on stderr.",
            "Exit codes: 0 all done, 1 some images failed (the rest done), 2 usage error (nothing done)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  occlude frame.jpg --patch 64 --stride 16",
            "  occlude frames/ -r --out maps/ --summary maps/summary.csv --skip-existing > maps/results.jsonl",
            "  find frames -name '*.jpg' -print0 | occlude - -0 --out maps/",
            "  occlude frame.jpg --model my-model-dir --class red --passes 2",
            "  occlude report maps/results.jsonl --out report/",
            "  source <(occlude completion)"})
final class OccludeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*",
            description = "Image files, directories (their images, sorted), or - to read paths from stdin.")
    List<String> inputs;

    @Option(names = "--model", paramLabel = "DIR",
            description = "DJL model directory (<name>.pt or <name>.onnx, synset.txt, serving.properties). "
                    + "Default: the shipped " + DefaultModel.RELATIVE_PATH + ".")
    Path model;

    @Mixin
    ScanOptions scan;

    @Mixin
    LookOptions look;

    @Mixin
    SpeedOptions speed;

    @Mixin
    RunOptions run;

    @Option(names = "--verbose", description = "Log DJL's informational messages on stderr, and stack traces of failures.")
    boolean verbose;

    private final InputStream stdin;
    private final boolean console;

    OccludeCommand(InputStream stdin, boolean console) {
        this.stdin = stdin;
        this.console = console;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (inputs == null || inputs.isEmpty()) {
            throw usage("no INPUT given: image files, directories or - (see occlude --help)");
        }
        AnalysisPlan plan = scan.plan();
        OverlayStyle style = look.style();
        speed.validate();
        if (run.maxPixels < 1 || run.maxPixels > RunOptions.MAX_PIXELS_LIMIT) {
            throw usage("--max-pixels must be from 1 to " + RunOptions.MAX_PIXELS_LIMIT + ", got " + run.maxPixels);
        }
        if (run.onlyMistakes && run.labels == null) {
            throw usage("--only-mistakes needs --labels FILE.csv");
        }
        for (String input : inputs) {
            String near = nearSubcommand(input);
            if (near != null && !java.nio.file.Files.exists(Path.of(input))) {
                throw usage("'" + input + "' is neither a file nor a subcommand (did you mean " + near + "?)");
            }
        }
        if (inputs.stream().filter("-"::equals).count() > 1) {
            throw usage("stdin (-) can be read only once");
        }
        ModelDirectory modelDir;
        Labels labels;
        try {
            labels = run.labels == null ? null : Labels.read(run.labels);
            modelDir = ModelDirectory.open(model != null ? model : DefaultModel.locate());
        } catch (IOException | ModelException e) {
            err.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (scan.targetClass() != null && !modelDir.classes().contains(scan.targetClass())) {
            throw usage("unknown class '" + scan.targetClass() + "'; the model's classes are "
                    + String.join(", ", modelDir.classes()));
        }
        BatchOptions options = new BatchOptions(run.out, Optional.ofNullable(scan.targetClass()),
                new BatchOptions.PixelLimit(run.maxPixels, "--max-pixels"), run.skipExisting, Optional.ofNullable(labels),
                run.onlyMistakes, Optional.ofNullable(run.summary), Optional.ofNullable(run.report), plan, style);
        InputCollector.Inputs images = new InputCollector(run.recursive, run.nulSeparated, stdin, "--recursive")
                .collect(inputs);
        try (Classifier classifier = Classifier.load(modelDir)) {
            ScanSettings settings = tune(classifier, modelDir, images.listed(), err);
            try (Occluder occluder = new Occluder(classifier, settings);
                 Progress progress = TerminalProgress.forStderr(images.count(), console && !run.quiet);
                 Interruption interruption = Interruption.watch(console, err)) {
                BatchRunner.Outcome outcome = new BatchRunner(occluder, modelDir.name(), modelDir.fingerprint(), options,
                        spec.commandLine().getOut(), err, progress).run(images);
                interruption.done();
                if (outcome.outputClosed()) {
                    err.println("occlude: standard output closed after " + outcome.images() + " images; stopped");
                }
                return outcome.failed() == 0 && !outcome.outputClosed() ? ExitCodes.OK : ExitCodes.FAILED;
            }
        } catch (ModelException e) {
            err.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** The scan settings: batch, workers and threads as given, the rest measured on the first image's input shape. */
    private ScanSettings tune(Classifier classifier, ModelDirectory modelDir, List<Input> images, PrintWriter err)
            throws ModelException {
        Dimension size = images.stream().map(i -> ImageLoader.probeSize(i.path())).flatMap(Optional::stream)
                .findFirst().orElse(new Dimension(455, 256)); // a dash-cam frame's when none can be read
        var g = modelDir.preprocessing().geometry(size.width, size.height);
        Tuning.Choice choice = new Tuning().choose(classifier, g.inputHeight(), g.inputWidth(), speed.batch,
                speed.workers, speed.threads);
        Classifier.setIntraOpThreads(choice.setting().threads());
        if (verbose || (!choice.cached() && !run.quiet && console && TerminalProgress.stderrIsTerminal())) {
            err.printf(Locale.ROOT, "occlude: measured %s as the fastest for %s (%.1f images/s), cached%n",
                    choice.setting(), modelDir.name(), choice.imagesPerSecond());
        }
        return new ScanSettings(scan.fill, choice.setting().batch(), choice.setting().workers(), scan.refine);
    }

    /** The subcommand a bare word is one or two typos away from, or null. */
    private String nearSubcommand(String word) {
        for (String name : spec.subcommands().keySet()) {
            if (!word.equals(name) && word.matches("[a-z-]+") && editDistance(word, name) <= 2) {
                return name;
            }
        }
        return null;
    }

    private static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
