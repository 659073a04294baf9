package dev.occlude.spark;

import dev.occlude.batch.Atlas;
import dev.occlude.batch.OutputClaims;
import dev.occlude.io.Labels;
import dev.occlude.io.OwnFiles;
import dev.occlude.model.DjlSetup;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.score.ModelException;
import dev.occlude.options.ExitCodes;
import dev.occlude.picture.SettingsKey;
import dev.occlude.util.NativeStderr;
import dev.occlude.util.Text;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code occlude-spark INPUT --out OUT [options]}: the CLI's occlusion analysis over a fleet of
 * frames as an Apache Spark application. The driver lists the images and cuts them into chunks;
 * the executors map them ({@link ImageTask}); each chunk's rows are appended to OUT/results when it
 * is done ({@link ResultTable}). Started by spark-submit on a cluster, or by
 * scripts/occlude-spark in local mode. Exit codes as the CLI's: 0 all mapped, 1 some images
 * failed (or the Spark job did), 2 usage error.
 */
public final class OccludeSpark {
    /** The folder the job was submitted from, set by scripts/occlude-spark in cluster deploy mode. */
    static final String SUBMIT_DIR = "spark.occlude.submitDir";

    private OccludeSpark() {}

    /** Runs the job (driver side) and exits 0, 1 (some images failed) or 2 (usage). */
    public static void main(String[] args) {
        System.exit(NativeStderr.runFiltered(args, () -> run(args)));
    }

    /** Runs the job in a Spark session of its own (or the one spark-submit made) and returns the exit code. */
    public static int run(String... args) {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        JobOptions options = new JobOptions();
        CommandLine cli = JobOptions.commandLine(options);
        try {
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return ExitCodes.OK;
            }
            options.check();
        } catch (ParameterException e) {
            return usage(err, e);
        }
        DjlSetup.configure(false);
        WorkerSecret.adopt();
        SparkSession.Builder builder = SparkSession.builder().appName("occlude")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.debug.maxToStringFields", "1000"); // the table is wide: no warning for it
        if (options.master != null) {
            builder.master(options.master);
        } else if (!new SparkConf().contains("spark.master")) {
            builder.master("local[*]"); // started with java, not spark-submit
        }
        // a master that refuses the driver says so now, not after Spark's minute of retries
        SparkConf conf = new SparkConf();
        if (options.master != null) {
            conf.setMaster(options.master);
        }
        String refused = MasterProbe.refusal(conf);
        if (refused != null) {
            err.println("occlude-spark: " + refused);
            return ExitCodes.FAILED;
        }
        SparkSession spark = builder.getOrCreate();
        try {
            return run(spark, err, options, args);
        } finally {
            spark.stop();
        }
    }

    /** Runs the job in the given session (tests, notebooks); returns the exit code. */
    public static int run(SparkSession spark, PrintWriter err, String... args) {
        try {
            return run(spark, err, JobOptions.parse(args), args);
        } catch (ParameterException e) {
            return usage(err, e);
        }
    }

    /** The atlas of the table's rows with these settings, drawn on the driver; false when it cannot be written. */
    private static boolean atlas(ResultTable table, String settings, JobOptions options, Labels labels,
                                 PrintWriter err) {
        Path file = Paths.get(options.atlas);
        try {
            Atlas atlas = new Atlas(file, Optional.ofNullable(labels), options.triageRules());
            for (Row r : table.worstPatches(settings)) {
                atlas.add(r.getString(0), r.isNullAt(1) ? null : r.getDouble(1), r.getInt(2), r.getInt(3), r.getString(4),
                        new Rectangle(r.getInt(5), r.getInt(6), r.getInt(7), r.getInt(8)),
                        !r.isNullAt(9) && r.getBoolean(9), Atlas.drop(r.getDouble(10), r.getDouble(11)));
            }
            if (atlas.write()) {
                err.println("occlude-spark: atlas " + file + " (numbers in " + Atlas.numbers(file) + ")");
            } else {
                err.println("occlude-spark: --atlas " + file + ": no image was mapped; no atlas written");
            }
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("occlude-spark: --atlas " + file + ": cannot write the atlas (" + Text.oneLine(e) + ")");
            return false;
        }
    }

    private static int usage(PrintWriter err, ParameterException e) {
        err.println("occlude-spark: " + Text.oneLine(e.getMessage()) + " (see occlude-spark --help)");
        return ExitCodes.USAGE;
    }

    /** The job with its options parsed; {@code args} travel to the executors, which parse them again. */
    private static int run(SparkSession spark, PrintWriter err, JobOptions options, String[] args) {
        String submitDir = spark.sparkContext().getConf().get(SUBMIT_DIR, null);
        if (submitDir != null) {
            options.resolveAgainst(submitDir);
        }
        List<ModelDirectory> models = new ArrayList<>();
        try {
            // the shipped copy when the job ships one (a cluster-mode driver runs on a worker), else the path given
            for (String path : options.modelPaths()) {
                models.add(ModelDirectory.open(ExecutorModels.resolve(path)));
            }
        } catch (ModelException | RuntimeException e) {
            err.println("occlude-spark: " + Text.oneLine(e.getMessage()) + " (the driver reads the model directory "
                    + "too: give a path it can read)");
            return ExitCodes.USAGE;
        }
        ModelDirectory model = models.get(0);
        models.forEach(m -> m.warnings().forEach(w -> err.println("occlude-spark: " + w)));
        List<String> keys = new ArrayList<>();
        try {
            for (ModelDirectory m : models) {
                keys.add(SettingsKey.of(m.fingerprint(), options.pictureSettings(m.classes()),
                        options.scanSettings(m).method()));
            }
        } catch (IllegalArgumentException e) {
            err.println("occlude-spark: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        // a compare's rows carry both sides' settings (CompareRows)
        String settings = String.join(" ", keys);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        if (options.atlas != null) {
            Path atlas = Paths.get(options.atlas);
            Optional<String> clash = OutputClaims.clash(options.ownFiles());
            if (clash.isPresent()) {
                err.println("occlude-spark: " + clash.get());
                return ExitCodes.USAGE;
            }
            for (Path f : List.of(atlas, Atlas.numbers(atlas))) {
                if (Files.isDirectory(f) || !OwnFiles.absentOrOwn(f)) {
                    err.println("occlude-spark: --atlas " + f + " exists and is not an atlas this tool wrote; remove it "
                            + "or name a new file");
                    return ExitCodes.USAGE;
                }
            }
        }
        Labels labels = null;
        if (options.labels.given()) {
            // read and parsed here, sent with the tasks parsed: executors share no disk with the driver
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(options.labels.file());
            try (InputStream in = file.getFileSystem(conf).open(file)) {
                labels = Labels.parse(new String(in.readAllBytes(),
                        StandardCharsets.UTF_8), Paths.get(options.labels.file()));
            } catch (IOException | RuntimeException e) {
                err.println("occlude-spark: --labels " + Text.oneLine(e.getMessage()));
                return ExitCodes.USAGE;
            }
            for (ModelDirectory m : models) {
                Optional<String> none = options.labels.noneClassProblem(m.classes());
                if (none.isPresent()) {
                    err.println("occlude-spark: " + (models.size() > 1 ? m.name() + ": " : "") + none.get());
                    return ExitCodes.USAGE;
                }
            }
        }
        VideoPlan plan;
        ResultTable table;
        boolean existing;
        try {
            plan = VideoPlan.of(new InputListing(conf, options.recursive).list(options.input), options.videoOptions(),
                    options.videoRangeSeconds(), options.pixelLimit(), conf);
            if (options.compares() && !plan.videos().isEmpty()) {
                err.println("occlude-spark: " + plan.videos().keySet().iterator().next() + ": a video; a compare on "
                        + "Spark takes images (occlude compare maps a video's frames on one machine)");
                return ExitCodes.USAGE;
            }
            table = new ResultTable(spark, options.out, options.format.name(),
                    options.compares() ? CompareSchema.record() : ResultSchema.record());
            existing = table.exists();
            if (existing && !options.skipExisting) {
                err.println("occlude-spark: " + table.location() + " already holds a table; --skip-existing adds the "
                        + "images not in it (or remove it to start again)");
                return ExitCodes.USAGE;
            }
        } catch (IllegalArgumentException e) {
            err.println("occlude-spark: " + Text.oneLine(e.getMessage()));
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("occlude-spark: cannot list " + options.input + " (" + Text.oneLine(e) + ")");
            return ExitCodes.USAGE;
        }
        try {
            List<VideoPlan.Work> items = plan.work();
            List<VideoPlan.Work> pending = items;
            if (existing) {
                Set<String> done = table.done(settings);
                pending = items.stream().filter(i -> !done.contains(i.key())).toList();
                err.printf(Locale.ROOT, "occlude-spark: %d of %d %s already in %s with these settings%n",
                        items.size() - pending.size(), items.size(), plan.videos().isEmpty() ? "images"
                                : "images and video ranges", table.location());
            }
            String noExecutor = pending.isEmpty() ? null : ExecutorWait.await(spark.sparkContext(), options.executorWait);
            if (noExecutor != null) {
                err.println("occlude-spark: " + noExecutor);
                return ExitCodes.FAILED;
            }
            Map<String, String> hadoop = new HashMap<>();
            conf.forEach(e -> hadoop.put(e.getKey(), e.getValue()));
            ImageTask task = new ImageTask(args, table.overlays(), options.overlays, hadoop, labels);
            int rows = 0;
            int failed = 0;
            int chunks = (pending.size() + options.chunk - 1) / options.chunk;
            for (int c = 0; c < chunks; c++) {
                List<VideoPlan.Work> chunk = pending.subList(c * options.chunk,
                        Math.min(pending.size(), (c + 1) * options.chunk));
                long start = System.nanoTime();
                ResultTable.Written w = table.append(chunk, task);
                rows += w.rows();
                failed += w.errors().size();
                w.errors().forEach(message -> err.println("occlude: " + message));
                double seconds = (System.nanoTime() - start) / 1e9;
                String what = plan.videos().isEmpty() ? "images" : "rows";
                err.printf(Locale.ROOT, "occlude-spark: chunk %d of %d: %d %s, %d failed, %.1f s (%.3f %s/s)%n",
                        c + 1, chunks, w.rows(), what, w.errors().size(), seconds, w.rows() / seconds, what);
            }
            if (rows == 0 && !existing && !pending.isEmpty()) {
                // every file listed was found in a folder and is no image: said as the command line says it
                err.println("occlude-spark: " + options.input + ": no images in it"
                        + (options.recursive ? "" : " (sub-directories need --recursive)"));
                return ExitCodes.FAILED;
            }
            err.printf(Locale.ROOT, "occlude-spark: %d %s mapped, %d failed; table %s (%s)%n", rows - failed,
                    plan.videos().isEmpty() ? "images" : "images and frames", failed, table.location(), options.format);
            VideoAssembly assembly = new VideoAssembly(table, settings, table.overlays(), options.videoOptions(),
                    VideoPlan.cut(options.videoOptions(), options.videoRangeSeconds()), model.classes(), conf, err);
            failed += assembly.assembleAll(plan.videos().values(), VideoAssembly.videosIn(pending));
            if (options.atlas != null && !atlas(table, settings, options, labels, err)) {
                return ExitCodes.FAILED;
            }
            return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (RuntimeException e) {
            err.println("occlude-spark: the Spark job failed: " + rootMessage(e));
            return ExitCodes.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("occlude-spark: interrupted while waiting for an executor");
            return ExitCodes.FAILED;
        }
    }

    /** The innermost cause's message: what went wrong on the executor, not Spark's wrapping of it. */
    private static String rootMessage(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Throwable root = chain.get(chain.size() - 1);
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return Text.oneLine(m.lines().findFirst().orElse(m));
    }
}
