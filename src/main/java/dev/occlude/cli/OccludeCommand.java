package dev.occlude.cli;

import dev.occlude.batch.BatchOptions;
import dev.occlude.batch.BatchRunner;
import dev.occlude.batch.Input;
import dev.occlude.batch.InputCollector;
import dev.occlude.batch.Interruption;
import dev.occlude.batch.Progress;
import dev.occlude.batch.RunFiles;
import dev.occlude.batch.TerminalProgress;
import dev.occlude.eval.MistakeTriage;
import dev.occlude.io.Labels;
import dev.occlude.io.PixelLimit;
import dev.occlude.model.Classifier;
import dev.occlude.model.DefaultModel;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.ModelFolders;
import dev.occlude.model.score.ModelException;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.options.ExitCodes;
import dev.occlude.options.LookOptions;
import dev.occlude.options.PixelLimitOption;
import dev.occlude.options.ScanOptions;
import dev.occlude.options.VersionProvider;
import dev.occlude.options.VideoCliOptions;
import dev.occlude.picture.ClassChoice;
import dev.occlude.picture.PictureSettings;
import dev.occlude.render.OverlayStyle;
import dev.occlude.util.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code occlude INPUT... [options]}: one heat map overlay, one .npy map and one JSON line per image.
 * Help texts: the command's own in help.properties beside this class, the shared options' in
 * dev.occlude.options (see {@link Main}).
 */
@Command(name = "occlude", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, subcommands = {ReportCommand.class, ModelsCommand.class, ServeCommand.class, CompletionCommand.class}, usageHelpWidth = 100)
final class OccludeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*", descriptionKey = "INPUT")
    List<String> inputs;

    @Option(names = "--model", paramLabel = "DIR|NAME", completionCandidates = ModelNames.class)
    String model;

    @Mixin
    ScanOptions scan;

    @Mixin
    LookOptions look;

    @Mixin
    SpeedOptions speed;

    @Mixin
    RunOptions run;

    @Mixin
    PixelLimitOption pixels;

    @Mixin
    VideoCliOptions video;

    @Option(names = "--verbose")
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
            throw usage("no INPUT given: image files, directories or -");
        }
        AnalysisPlan plan = scan.plan();
        OverlayStyle style = look.style();
        speed.validate();
        PixelLimit pixelLimit = pixels.limit();
        if (run.copy && run.report == null) {
            throw usage("--copy copies the overlays into the report's folder: it needs --report DIR");
        }
        if (run.onlyMistakes && run.labels == null) {
            throw usage("--only-mistakes needs --labels FILE.csv");
        }
        if (run.focusThreshold != null && run.labels == null && run.atlas == null) {
            throw usage("--focus-threshold tells mistakes apart and what an atlas counts: it needs --labels FILE.csv "
                    + "or --atlas FILE.png");
        }
        if (run.noneClass != null && run.labels == null) {
            throw usage("--none-class tells mistakes apart: it needs --labels FILE.csv");
        }
        MistakeTriage.Rules triage;
        try {
            triage = new MistakeTriage.Rules(run.focusThreshold != null ? run.focusThreshold
                    : MistakeTriage.DEFAULT_THRESHOLD, run.noneClass != null ? run.noneClass : "none");
        } catch (IllegalArgumentException e) {
            throw usage("--focus-threshold: " + e.getMessage());
        }
        for (String input : inputs) {
            Optional<String> near = Text.closest(input, spec.subcommands().keySet(), 2);
            if (near.isPresent() && input.matches("[a-z-]+") && !java.nio.file.Files.exists(Path.of(input))) {
                throw usage("'" + input + "' is neither a file nor a subcommand (did you mean " + near.get() + "?)");
            }
        }
        if (inputs.stream().filter("-"::equals).count() > 1) {
            throw usage("stdin (-) can be read only once");
        }
        ModelDirectory modelDir;
        Labels labels;
        BatchOptions.RegionSource regions;
        try {
            labels = run.labels == null ? null : Labels.read(run.labels);
            regions = regions();
            modelDir = ModelDirectory.open(model != null ? ModelFolders.resolve(model) : DefaultModel.locate());
        } catch (IOException | ModelException e) {
            err.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        modelDir.warnings().forEach(w -> err.println("occlude: " + w));
        boolean trueClass = PictureSettings.meansTrueClass(scan.targetClass(), modelDir.classes());
        if (trueClass && labels == null) {
            throw usage("--class true maps each image's true class: it needs --labels FILE.csv");
        }
        String target;
        try {
            target = scan.targetClass() == null || trueClass ? scan.targetClass()
                    : ClassChoice.resolve(scan.targetClass(), modelDir.classes());
            ClassChoice.check(plan, modelDir.classes());
            if (labels != null && !modelDir.classes().contains(triage.noneClass())) {
                throw new IllegalArgumentException(run.noneClass == null
                        ? "the model has no class 'none' to mean no object: name its class with --none-class NAME ("
                                + String.join(", ", modelDir.classes()) + ")"
                        : "--none-class " + triage.noneClass() + " is not a class of the model ("
                                + String.join(", ", modelDir.classes()) + ")");
            }
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        BatchOptions options = BatchOptions.builder(plan, style).out(run.out).targetClass(target)
                .pixelLimit(pixelLimit).skipExisting(run.skipExisting).labels(labels).onlyMistakes(run.onlyMistakes)
                .summary(run.summary).report(run.report).regions(regions).flipPicture(run.flips).table(run.table)
                .copyToReport(run.copy).video(video.options()).triage(triage)
                .atlas(run.atlas).build();
        InputCollector.Inputs images = new InputCollector(run.recursive, run.nulSeparated, stdin, "--recursive")
                .collect(inputs);
        Optional<String> runFiles = RunFiles.problem(options, images.listed(), modelDir.classes());
        if (runFiles.isPresent()) {
            err.println("occlude: " + runFiles.get());
            return ExitCodes.USAGE;
        }
        try (Classifier classifier = Classifier.load(modelDir)) {
            ScanSettings settings = tune(classifier, modelDir, images.listed(), err);
            try (Occluder occluder = new Occluder(classifier, settings);
                 Progress progress = TerminalProgress.forStderr(images.count(), console && !run.quiet);
                 Interruption interruption = Interruption.watch(console, err)) {
                BatchRunner.Totals outcome = new BatchRunner(occluder, modelDir.name(), modelDir.fingerprint(), options,
                        spec.commandLine().getOut(), err, progress).run(images);
                interruption.done();
                if (outcome.outputClosed()) {
                    err.println("occlude: standard output closed after " + outcome.images()
                            + (outcome.images() == 1 ? " input" : " inputs") + "; stopped");
                }
                return outcome.failed() == 0 && !outcome.outputClosed() ? ExitCodes.OK : ExitCodes.FAILED;
            }
        } catch (ModelException e) {
            err.println("occlude: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.USAGE;
        }
    }

    /** The scan settings: batch, workers and threads as given, the rest measured on the first image's input shape. */
    private ScanSettings tune(Classifier classifier, ModelDirectory modelDir, List<Input> images, PrintWriter err)
            throws ModelException {
        return ScanSetup.tune(classifier, modelDir, images, speed, scan, verbose, !run.quiet && console, err);
    }

    /** --region for every image, or --regions per image; checked as usage. */
    private BatchOptions.RegionSource regions() throws IOException {
        if ((run.region != null || run.regions != null) && (scan.refine() || run.region != null && run.regions != null)) {
            throw usage("--region, --regions and --refine go one at a time");
        }
        if (run.region != null && (run.region.size() != 4 || run.region.get(2) < 1 || run.region.get(3) < 1)) {
            throw usage("--region takes X,Y,W,H with W and H at least 1, got " + run.region);
        }
        return run.region != null ? BatchOptions.RegionSource.fixed(run.region)
                : run.regions != null ? dev.occlude.io.Regions.read(run.regions)::find : BatchOptions.RegionSource.NONE;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
