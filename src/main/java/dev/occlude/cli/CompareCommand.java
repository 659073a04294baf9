package dev.occlude.cli;

import dev.occlude.batch.BatchOptions;
import dev.occlude.batch.BatchRunner;
import dev.occlude.batch.Input;
import dev.occlude.batch.InputCollector;
import dev.occlude.batch.Interruption;
import dev.occlude.batch.Lockstep;
import dev.occlude.batch.RunFiles;
import dev.occlude.batch.RunProgress;
import dev.occlude.batch.TerminalProgress;
import dev.occlude.compare.CompareRun;
import dev.occlude.compare.Gate;
import dev.occlude.eval.MistakeTriage;
import dev.occlude.io.Labels;
import dev.occlude.io.OwnFiles;
import dev.occlude.model.Classifier;
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
import dev.occlude.options.VideoCliOptions;
import dev.occlude.picture.ClassChoice;
import dev.occlude.picture.MapListener;
import dev.occlude.picture.PictureSettings;
import dev.occlude.render.OverlayStyle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code occlude compare --model A --model B INPUT...}: both models over the same inputs and
 * variants, one compare line per input (see {@link CompareRun}); exit {@link Gate#EXIT} when
 * {@code --fail-on} holds. Each model's outputs go to OUT/a-NAME and OUT/b-NAME.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100)
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "0..*", descriptionKey = "INPUT")
    List<String> inputs;

    @Mixin
    CompareOptions compare;

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

    CompareCommand(InputStream stdin, boolean console) {
        this.stdin = stdin;
        this.console = console;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<String> models = compare.models();
        if (inputs == null || inputs.isEmpty()) {
            throw usage("no INPUT given: image files, directories or -");
        }
        if (inputs.stream().filter("-"::equals).count() > 1) {
            throw usage("stdin (-) can be read only once");
        }
        compare.refuseOthers(run, scan);
        AnalysisPlan plan = scan.plan();
        OverlayStyle style = look.style();
        speed.validate();
        Gate gate = compare.gate();
        MistakeTriage.Rules triage = labels.triage();
        labels.requireFor(gate.broke(), "--fail-on broke tells right from wrong: " + LabelOptions.NEEDS_LABELS);
        if (run.report != null && !OwnFiles.absentOrOwn(run.report.resolve("index.html"))) {
            throw usage("--report " + run.report + ": its index.html is not a report this tool wrote; name another folder");
        }
        Labels labelRows;
        List<ModelDirectory> dirs = new ArrayList<>();
        try {
            labelRows = labels.given() ? Labels.read(labels.path()) : null;
            for (String m : models) {
                dirs.add(ModelDirectory.open(ModelFolders.resolve(m)));
            }
        } catch (IOException | ModelException e) {
            err.println("occlude: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        for (ModelDirectory d : dirs) {
            d.warnings().forEach(w -> err.println("occlude: " + d.name() + ": " + w));
        }
        List<String> shared = new ArrayList<>(dirs.get(0).classes());
        shared.retainAll(dirs.get(1).classes());
        if (shared.isEmpty()) {
            err.println("occlude: " + dirs.get(0).name() + " (" + String.join(", ", dirs.get(0).classes()) + ") and "
                    + dirs.get(1).name() + " (" + String.join(", ", dirs.get(1).classes())
                    + ") share no class: nothing to compare");
            return ExitCodes.USAGE;
        }
        String target = target(dirs, plan);
        List<BatchOptions> options = new ArrayList<>();
        InputCollector.Inputs images = new InputCollector(run.recursive, run.nulSeparated, stdin, "--recursive")
                .collect(inputs);
        for (int i = 0; i < 2; i++) {
            BatchOptions o = BatchOptions.builder(plan, style).out(sideOut(i, dirs.get(i))).targetClass(target)
                    .pixelLimit(pixels.limit()).skipExisting(run.skipExisting).labels(labelRows).regions(regions())
                    .flipPicture(run.flips).table(run.table).video(video.options()).triage(triage).build();
            Optional<String> problem = RunFiles.problem(o, images.listed());
            if (problem.isPresent()) {
                err.println("occlude: " + problem.get());
                return ExitCodes.USAGE;
            }
            options.add(o);
        }
        Optional<String> fixed = target == null || PictureSettings.meansTrueClass(target, dirs.get(0).classes())
                ? Optional.empty() : Optional.of(target);
        CompareRun comparing = new CompareRun(new CompareRun.Settings(run.out, sideOut(1, dirs.get(1)), fixed, style, gate,
                Optional.ofNullable(run.report)),
                spec.commandLine().getOut(), err, dirs.get(0).name(), dirs.get(1).name());
        try (Interruption interruption = Interruption.watch(console, err)) {
            CompareRun.Totals t = comparing.run(side(dirs.get(0), options.get(0)), side(dirs.get(1), options.get(1)),
                    images);
            interruption.done();
            if (t.outputClosed()) {
                err.println("occlude: standard output closed after " + t.compared() + " compared; stopped");
            }
            if (t.gateHolds()) {
                err.println("occlude: --fail-on " + String.join(",", compare.failOn) + " holds (exit " + Gate.EXIT + "): "
                        + t.gateHeld());
            }
            return t.gateHolds() ? Gate.EXIT : t.failed() == 0 && !t.outputClosed() ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (ModelException e) {
            err.println("occlude: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return ExitCodes.USAGE;
        }
    }

    /** Model {@code i}'s output folder: OUT/a-NAME or OUT/b-NAME. */
    private Path sideOut(int i, ModelDirectory dir) {
        return run.out.resolve((i == 0 ? "a-" : "b-") + dir.name());
    }

    /** One model's batch run: loaded and tuned when the compare starts, closed after it. */
    private CompareRun.Model side(ModelDirectory dir, BatchOptions options) {
        return new CompareRun.Model() {
            @Override
            public String name() {
                return dir.name();
            }

            @Override
            public List<String> classes() {
                return dir.classes();
            }

            @Override
            public CompareRun.Loaded load(List<Input> listed, PrintWriter sideErr) throws ModelException {
                Classifier classifier = Classifier.load(dir);
                Occluder occluder;
                try {
                    occluder = new Occluder(classifier, ScanSetup.tune(classifier, dir, listed, speed, scan, verbose,
                            !run.quiet && console, sideErr));
                } catch (ModelException | RuntimeException e) {
                    classifier.close();
                    throw e;
                }
                return new CompareRun.Loaded() {
                    @Override
                    public BatchRunner.Totals run(InputCollector.Inputs inputs, PrintWriter out, PrintWriter runErr,
                                                  MapListener listener, Lockstep lockstep, boolean shown)
                            throws ModelException {
                        try (RunProgress progress = TerminalProgress.forStderr(inputs.count(),
                                shown && console && !run.quiet)) {
                            return new BatchRunner(occluder, dir.name(), dir.fingerprint(), options, out, runErr, progress)
                                    .onMapped(listener).inStep(lockstep).run(inputs);
                        }
                    }

                    @Override
                    public void close() {
                        occluder.close();
                        classifier.close();
                    }
                };
            }
        };
    }

    /** The class both models map (as --class gives it, checked against each), or null for each one's prediction. */
    private String target(List<ModelDirectory> dirs, AnalysisPlan plan) {
        String target = null;
        for (ModelDirectory d : dirs) {
            boolean trueClass = PictureSettings.meansTrueClass(scan.targetClass(), d.classes());
            labels.requireFor(trueClass, "--class true maps each image's true class: " + LabelOptions.NEEDS_LABELS);
            try {
                String t = scan.targetClass() == null || trueClass ? scan.targetClass()
                        : ClassChoice.resolve(scan.targetClass(), d.classes());
                if (target != null && !target.equals(t)) {
                    throw new IllegalArgumentException("--class " + scan.targetClass() + " is " + target + " for one model and "
                            + t + " for the other: name the class");
                }
                target = t;
                ClassChoice.check(plan, d.classes());
                labels.noneClassProblem(d.classes()).ifPresent(problem -> {
                    throw new IllegalArgumentException(problem);
                });
            } catch (IllegalArgumentException e) {
                throw usage(d.name() + ": " + e.getMessage());
            }
        }
        return target;
    }

    /** --region for every image, or --regions per image (picocli refuses both). */
    private BatchOptions.RegionSource regions() {
        try {
            return RegionOptions.source(regions, spec);
        } catch (IOException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
