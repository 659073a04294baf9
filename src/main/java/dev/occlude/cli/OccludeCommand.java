package dev.occlude.cli;

import dev.occlude.batch.BatchOptions;
import dev.occlude.batch.BatchRunner;
import dev.occlude.batch.Input;
import dev.occlude.batch.InputCollector;
import dev.occlude.batch.Interruption;
import dev.occlude.batch.RunProgress;
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
import dev.occlude.options.LabelOptions;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
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
    LabelOptions labels;

    @ArgGroup(exclusive = true)
    RegionOptions regions;

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
        checkInputs();
        AnalysisPlan plan = scan.plan();
        OverlayStyle style = look.style();
        speed.validate();
        PixelLimit pixelLimit = pixels.limit();
        run.check();
        labels.requireFor(run.onlyMistakes, "--only-mistakes needs --labels FILE.csv");
        MistakeTriage.Rules triage = labels.triage(run.atlas != null);
        if (regions != null && scan.refine()) {
            throw usage("--region, --regions and --refine go one at a time");
        }
        ModelDirectory modelDir;
        Labels labelRows;
        BatchOptions.RegionSource regionSource;
        try {
            labelRows = labels.given() ? Labels.read(labels.path()) : null;
            regionSource = RegionOptions.source(regions, spec);
            modelDir = ModelDirectory.open(model != null ? ModelFolders.resolve(model) : DefaultModel.locate());
        } catch (IOException | ModelException e) {
            err.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        modelDir.warnings().forEach(w -> err.println("occlude: " + w));
        String target = target(plan, modelDir.classes());
        BatchOptions options = BatchOptions.builder(plan, style).out(run.out).targetClass(target)
                .pixelLimit(pixelLimit).skipExisting(run.skipExisting).labels(labelRows).onlyMistakes(run.onlyMistakes)
                .summary(run.summary).report(run.report).regions(regionSource).flipPicture(run.flips).table(run.table)
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
                 RunProgress progress = TerminalProgress.forStderr(images.count(), console && !run.quiet);
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

    /** Some input given, stdin at most once, and no misspelt subcommand taken for a file. */
    private void checkInputs() {
        if (inputs == null || inputs.isEmpty()) {
            throw usage("no INPUT given: image files, directories or -");
        }
        for (String input : inputs) {
            Optional<String> near = Text.closest(input, spec.subcommands().keySet(), 2);
            if (near.isPresent() && input.matches("[a-z-]+") && !Files.exists(Path.of(input))) {
                throw usage("'" + input + "' is neither a file nor a subcommand (did you mean " + near.get() + "?)");
            }
        }
        if (inputs.stream().filter("-"::equals).count() > 1) {
            throw usage("stdin (-) can be read only once");
        }
    }

    /**
     * The class to map as the model names it (null: each image's prediction; "true": its label),
     * checked against the model's {@code classes} with the plan and the labels' none class.
     */
    private String target(AnalysisPlan plan, List<String> classes) {
        boolean trueClass = PictureSettings.meansTrueClass(scan.targetClass(), classes);
        labels.requireFor(trueClass, "--class true maps each image's true class: " + LabelOptions.NEEDS_LABELS);
        try {
            String target = scan.targetClass() == null || trueClass ? scan.targetClass()
                    : ClassChoice.resolve(scan.targetClass(), classes);
            ClassChoice.check(plan, classes);
            labels.noneClassProblem(classes).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            return target;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
