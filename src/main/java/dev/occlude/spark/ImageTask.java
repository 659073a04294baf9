package dev.occlude.spark;

import dev.occlude.batch.ImageMapper;
import dev.occlude.batch.InputCollector;
import dev.occlude.batch.Labelling;
import dev.occlude.batch.OutputFiles;
import dev.occlude.eval.MistakeTriage;
import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.Labels;
import dev.occlude.io.PngFiles;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import dev.occlude.occlusion.Occluder;
import dev.occlude.result.Failed;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outputs;
import dev.occlude.result.ResultCodec;
import dev.occlude.result.Source;
import dev.occlude.util.Text;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What an executor does with its images: reads each one's bytes through Hadoop's file system,
 * decodes it with the CLI's loader, maps it with the CLI's library and settings, and gives one row
 * (the CLI's JSON line and the main map), or none for a file found in a folder that is not an
 * image. A file that cannot be read, decoded or mapped is an error row; the task goes on.
 * With overlays, the pictures go to OUT/overlays under the CLI's names, each written to a
 * temporary name and renamed, so a retried task replaces them whole.
 */
final class ImageTask implements MapPartitionsFunction<Row, Row>, Serializable {
    private static final long serialVersionUID = 1L;
    /** A test's way to make each task's first attempt die after its first image, as a lost executor would. */
    static final String FAIL_FIRST_ATTEMPT = "occlude.test.failFirstAttempt";

    private final String[] args;
    private final String overlays;
    private final Map<String, String> hadoopConf;
    private final String labels;

    /**
     * @param args the job's command line (parsed again here: only strings travel)
     * @param overlays the qualified OUT/overlays directory, or null for no pictures
     * @param hadoopConf the driver's Hadoop settings (file system credentials and endpoints)
     * @param labels the labels file's text as the driver read it, or null for none
     */
    ImageTask(String[] args, String overlays, Map<String, String> hadoopConf, String labels) {
        this.args = args.clone();
        this.overlays = overlays;
        this.hadoopConf = hadoopConf;
        this.labels = labels;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> items) throws Exception {
        JobOptions options = JobOptions.parse(args);
        Classifier classifier = ExecutorModels.classifier(options.modelPath());
        TaskContext task = TaskContext.get();
        // PyTorch's intra-op threads follow the cores Spark gave the task
        classifier.setIntraOpThreads(task != null ? Math.max(1, task.cpus()) : 1);
        ModelDirectory model = classifier.model();
        Occluder occluder = new Occluder(classifier, options.scanSettings(model));
        ImageMapper mapper = new ImageMapper(occluder, model.name(), model.fingerprint(), options.batchOptions(model.classes()));
        ImageLoader loader = new ImageLoader(options.pixels.limit().pixels(), options.pixels.limit().name());
        Labelled labelled = new Labelled(labels == null ? null
                : Labels.parse(labels, java.nio.file.Path.of(options.labels)), options.triageRules());
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        java.nio.file.Path temp = Files.createTempDirectory("occlude-spark-");
        boolean failFirst = task != null && "true".equals(task.getLocalProperty(FAIL_FIRST_ATTEMPT))
                && task.attemptNumber() == 0;
        if (task != null) {
            task.addTaskCompletionListener(t -> {
                occluder.close();
                deleteTree(temp);
            });
        }
        return new Iterator<>() {
            private Row next;
            private int done;

            @Override
            public boolean hasNext() {
                if (failFirst && done == 1) {
                    throw new IllegalStateException("test: the first attempt of this task dies here");
                }
                while (next == null && items.hasNext()) {
                    next = map(items.next(), mapper, occluder, loader, conf, temp, labelled);
                    done++;
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row r = next;
                next = null;
                return r;
            }
        };
    }

    /** One image's row, or null when a file found in a folder is not an image (or is this tool's picture). */
    /** The input as it is now: a local file as the command line sees it (links resolved), else as listed. */
    private static Source source(Path p, Configuration conf) throws IOException {
        org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
            return Source.of(java.nio.file.Path.of(fs.makeQualified(p).toUri()));
        }
        org.apache.hadoop.fs.FileStatus s = fs.getFileStatus(p);
        return Source.of(s.getPath().toString(), s.getLen(), s.getModificationTime());
    }

    /** The labels the driver sent (null for none), and how mistakes are told apart. */
    private record Labelled(Labels labels, MistakeTriage.Rules rules) {}

    private Row map(Row item, ImageMapper mapper, Occluder occluder, ImageLoader loader, Configuration conf,
                    java.nio.file.Path temp, Labelled labelled) {
        String path = item.getString(0);
        String stem = item.getString(1);
        boolean named = item.getBoolean(2);
        long start = System.nanoTime();
        byte[] content;
        Source source;
        try {
            Path p = new Path(path);
            source = source(p, conf); // before reading: a change while it is read shows next time
            try (InputStream in = p.getFileSystem(conf).open(p)) {
                content = in.readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            return failure(path, path + ": cannot read (" + Text.oneLine(e) + ")");
        }
        String name = new Path(path).getName();
        if (PngFiles.isMarked(content) || dev.occlude.io.JpegFiles.isMarked(content)
                || !named && !InputCollector.hasImageExtension(name) && !ImageLoader.looksLikeImage(content)) {
            return null;
        }
        if (dev.occlude.video.VideoFormat.looksLikeVideo(content)) {
            return failure(path, path + ": a video; the Spark job maps images (scripts/occlude maps videos)");
        }
        try {
            BufferedImage image = loader.load(content, path);
            PreparedImage prepared = occluder.prepare(image);
            float[] clean = occluder.clean(prepared);
            Labels.Entry entry = labelled.labels() == null ? null : labelled.labels().find(java.nio.file.Path.of(name));
            int truth = entry == null ? -1 : occluder.classes().indexOf(entry.label());
            if (entry != null && truth < 0) {
                return failure(path, path + ": label '" + entry.label() + "' is not a class of the model ("
                        + String.join(", ", occluder.classes()) + ")");
            }
            int target = mapper.target(Occluder.argMax(clean), truth);
            java.nio.file.Path dir = Files.createTempDirectory(temp, "image-");
            try {
                ImageMapper.Result m = mapper.map(path, image, prepared, clean, target, Optional.empty(),
                        OutputFiles.forStem(java.nio.file.Path.of(stem), dir), (System.nanoTime() - start) / 1e9,
                        (d, t) -> { });
                Mapped outcome = entry == null ? m.outcome()
                        : Labelling.apply(m.outcome(), entry, occluder.classes(), m.scan(), labelled.rules());
                String json = ResultCodec.toLine(outputs(outcome.withSource(source), dir, conf));
                return RowFactory.create(path, json, m.map(), m.height(), m.width());
            } finally {
                deleteTree(dir);
            }
        } catch (ImageLoadException e) {
            return failure(path, e.getMessage());
        } catch (OutOfMemoryError e) {
            return failure(path, path + ": out of memory while mapping it (give the executors more memory, or lower "
                    + "--max-pixels)");
        } catch (ModelException | IOException | RuntimeException e) {
            return failure(path, path + ": cannot map (" + Text.oneLine(e) + ")");
        }
    }

    static Row failure(String path, String message) {
        return RowFactory.create(path, ResultCodec.toLine(new Failed(path, Text.oneLine(message))), null, null,
                null);
    }

    /**
     * The outcome's output paths made true: without overlays none (the map is in the row); with
     * them, the pictures copied to OUT/overlays and named there, the .npy maps left out.
     */
    private Mapped outputs(Mapped outcome, java.nio.file.Path dir, Configuration conf) throws IOException {
        if (overlays == null) {
            return outcome.withOutputs(null, o -> null);
        }
        List<java.nio.file.Path> files;
        try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".npy")).toList();
        }
        for (java.nio.file.Path f : files) {
            upload(f, new Path(overlays + "/" + relative(dir, f)), conf);
        }
        UnaryOperator<Outputs> moved = o -> o.map(p -> p.endsWith(".npy") ? null
                : overlays + "/" + relative(dir, java.nio.file.Path.of(p)));
        return outcome.withOutputs(moved.apply(outcome.outputs()), moved);
    }

    private static String relative(java.nio.file.Path dir, java.nio.file.Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }

    /** Copies a local file to the output file system: a temporary name, then a rename over the target. */
    private static void upload(java.nio.file.Path local, Path target, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        fs.setWriteChecksum(false); // no .crc beside each picture on a local disk
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
        fs.mkdirs(target.getParent());
        try (OutputStream out = fs.create(tmp, true)) {
            Files.copy(local, out);
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    private static void deleteTree(java.nio.file.Path dir) {
        try {
            dev.occlude.io.FileTrees.delete(dir);
        } catch (IOException e) {
            // a temporary folder left behind is the executor's to clean
        }
    }
}
