package dev.occlude.spark;

import dev.occlude.batch.Atlas;
import dev.occlude.batch.OutputClaims;
import dev.occlude.eval.MistakeTriage;
import dev.occlude.io.PixelLimit;
import dev.occlude.model.DefaultModel;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.ModelFolders;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.tuning.Tuning;
import dev.occlude.occlusion.Limits;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.options.HelpTexts;
import dev.occlude.options.LabelOptions;
import dev.occlude.options.LookOptions;
import dev.occlude.options.PixelLimitOption;
import dev.occlude.options.ScanOptions;
import dev.occlude.options.VersionProvider;
import dev.occlude.options.VideoCliOptions;
import dev.occlude.picture.ClassChoice;
import dev.occlude.picture.PictureSettings;
import dev.occlude.video.Sampling;
import dev.occlude.video.VideoOptions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The Spark job's command line: the input and output, and the CLI's own analysis options (the
 * same mixins, so a patch or a fill means exactly what it means to {@code occlude}). Parsed on the
 * driver and again on each executor from the same arguments, so nothing but strings is shipped.
 */
@Command(name = "occlude-spark", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 100,
        versionProvider = VersionProvider.class)
final class JobOptions {
    /** Output formats of the results table. */
    enum Format { parquet, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "INPUT", arity = "1", descriptionKey = "spark.INPUT")
    String input;

    @Option(names = "--out", paramLabel = "OUT", required = true, descriptionKey = "spark.out")
    String out;

    @Option(names = "--format", paramLabel = "parquet|json", defaultValue = "parquet", descriptionKey = "spark.format")
    Format format;

    @Option(names = "--overlays", descriptionKey = "spark.overlays")
    boolean overlays;

    @Option(names = "--skip-existing", descriptionKey = "spark.skip-existing")
    boolean skipExisting;

    @Option(names = {"-r", "--recursive"}, descriptionKey = "spark.recursive")
    boolean recursive;

    @Option(names = "--master", paramLabel = "URL", descriptionKey = "spark.master")
    String master;

    @Option(names = "--chunk", paramLabel = "N", defaultValue = "256", descriptionKey = "spark.chunk")
    int chunk;

    @Option(names = "--executor-wait", paramLabel = "SECONDS", defaultValue = "120",
            descriptionKey = "spark.executor-wait")
    int executorWait;

    @Option(names = "--model", paramLabel = "DIR", descriptionKey = "spark.model")
    List<String> models = new ArrayList<>();

    @Mixin
    ScanOptions scan;

    @Mixin
    LookOptions look;

    @Mixin
    VideoCliOptions video;

    @Option(names = "--video-range", paramLabel = "DURATION", defaultValue = "60s", descriptionKey = "spark.video-range")
    String videoRange;

    @Option(names = "--batch", paramLabel = "N", descriptionKey = "spark.batch")
    Integer batch;

    @Option(names = "--no-incremental", descriptionKey = "no-incremental")
    boolean noIncremental;

    @Mixin
    PixelLimitOption pixels;

    @Option(names = "--atlas", paramLabel = "FILE.png", descriptionKey = "spark.atlas")
    String atlas;

    @Mixin
    LabelOptions labels;

    /** How mistakes are told apart (with --labels). */
    MistakeTriage.Rules triageRules() {
        return labels.triage(atlas != null);
    }

    /** The command line parsed, unchecked (picocli's own errors are ParameterExceptions). */
    static CommandLine commandLine(JobOptions options) {
        CommandLine cli = new CommandLine(options);
        cli.setResourceBundle(new HelpTexts("dev.occlude.spark.help"));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setAllowOptionsAsOptionParameters(true);
        return cli;
    }

    /** Parses and checks: every problem is a ParameterException naming the option. */
    static JobOptions parse(String... args) {
        JobOptions o = new JobOptions();
        commandLine(o).parseArgs(args);
        o.check();
        return o;
    }

    /**
     * Resolves the local paths given relative (input, output, labels, atlas) against the folder the
     * job was submitted from: a cluster-mode driver runs in a worker's folder, where they would
     * name nothing. Paths with a scheme ({@code hdfs:}, {@code s3a:}, {@code file:}) are left alone.
     */
    void resolveAgainst(String submitDir) {
        input = resolved(submitDir, input);
        out = resolved(submitDir, out);
        labels.relocate(path -> resolved(submitDir, path));
        atlas = resolved(submitDir, atlas);
    }

    private static String resolved(String dir, String path) {
        if (path == null || path.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") || Paths.get(path).isAbsolute()) {
            return path;
        }
        return Paths.get(dir).resolve(path).toString();
    }

    void check() {
        pictureSettings(null);
        pixelLimit();
        if (batch != null && (batch < 1 || batch > Limits.MAX_BATCH)) {
            throw usage("--batch must be from 1 to " + Limits.MAX_BATCH + ", got " + batch);
        }
        videoOptions();
        videoRangeSeconds();
        if (models.size() > 2) {
            throw usage("--model: one model, or two to compare (--model A --model B), got " + models.size());
        }
        if (compares() && (atlas != null || scan.refine())) {
            throw usage((atlas != null ? "--atlas" : "--refine") + ": not an option of a compare (both models must see "
                    + "the same variants; an atlas is a plain run's)");
        }
        if (chunk < 1) {
            throw usage("--chunk must be at least 1, got " + chunk);
        }
        if (executorWait < 0) {
            throw usage("--executor-wait must be 0 (wait for ever) or more seconds, got " + executorWait);
        }
        triageRules();
    }

    /**
     * The files and folders the job writes on the driver's disk, for {@link dev.occlude.batch.OutputClaims#clash}:
     * the atlas and its numbers, and OUT's table and overlays folders when OUT is local (a path, or file:).
     */
    List<OutputClaims.RunFile> ownFiles() {
        List<OutputClaims.RunFile> own = new ArrayList<>();
        if (atlas != null) {
            Path a = Paths.get(atlas);
            own.add(OutputClaims.RunFile.file("--atlas " + a, a));
            Path numbers = Atlas.numbers(a);
            own.add(OutputClaims.RunFile.file("--atlas " + a + "'s numbers " + numbers, numbers));
        }
        String local = out == null ? null : out.startsWith("file:") ? new org.apache.hadoop.fs.Path(out).toUri().getPath()
                : out.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") ? null : out;
        if (local != null) {
            Path o = Paths.get(local);
            own.add(OutputClaims.RunFile.folder("--out " + o + "'s results folder", o.resolve("results")));
            own.add(OutputClaims.RunFile.folder("--out " + o + "'s overlays folder", o.resolve("overlays")));
        }
        return own;
    }

    /** How videos are sampled and what they keep (occlude's --every, --from, --to, --frames, --video-fps). */
    VideoOptions videoOptions() {
        return video.options();
    }

    /** The video time each task maps (--video-range): a video is cut into ranges of about this length. */
    double videoRangeSeconds() {
        double s;
        try {
            s = Sampling.seconds(videoRange);
        } catch (IllegalArgumentException e) {
            throw usage("--video-range: " + e.getMessage());
        }
        if (!(s > 0)) {
            throw usage("--video-range must be more than zero, got '" + videoRange + "'");
        }
        return s;
    }

    /**
     * The model directories as given (paths, or names {@code occlude models} lists), or the shipped
     * default: one for a plain job, two (A, then B) for a compare.
     */
    List<String> modelPaths() {
        if (models.isEmpty()) {
            return List.of(DefaultModel.locate().toString());
        }
        return models.stream().map(m -> {
            try {
                return ModelFolders.resolve(m).toString();
            } catch (ModelException e) {
                return m; // said when it is opened
            }
        }).toList();
    }

    /** Whether the job compares two models (--model A --model B). */
    boolean compares() {
        return models.size() == 2;
    }

    /**
     * What each image gets: the CLI's options with nothing written beside the inputs; the class
     * resolved against the model's {@code classes} (by name or index; null: as written).
     *
     * @throws IllegalArgumentException when the class is none of the model's, or too many are mapped
     */
    PictureSettings pictureSettings(List<String> classes) {
        String target = scan.targetClass();
        if (classes != null) {
            target = target == null ? null : ClassChoice.resolve(target, classes);
            ClassChoice.check(scan.plan(), classes);
        }
        return PictureSettings.of(scan.plan(), look.style()).withTargetClass(target);
    }

    /**
     * The class a compare measures where both models look: --class NAME resolved against model A's
     * {@code classes}; empty for each frame's own (the true class, else model A's prediction).
     */
    Optional<String> compareClass(List<String> classes) {
        String target = pictureSettings(classes).targetClass().orElse(null);
        return target == null || PictureSettings.meansTrueClass(target, classes) ? Optional.empty()
                : Optional.of(target);
    }

    /** The largest image decoded (--max-pixels). */
    PixelLimit pixelLimit() {
        return pixels.limit();
    }

    /**
     * One worker per task (Spark runs tasks side by side), the batch as given, else the one measured
     * fastest with one-thread workers: 16 for incremental scans (the model declares stages), 4 for
     * full passes.
     */
    ScanSettings scanSettings(ModelDirectory model) {
        boolean staged = !noIncremental && model.stages().isPresent();
        int b = batch != null ? batch : Tuning.oneWorkerBatch(staged);
        return new ScanSettings(scan.fillSpec(), b, 1, scan.refine(), !noIncremental);
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
