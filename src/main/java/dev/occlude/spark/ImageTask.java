package dev.occlude.spark;

import dev.occlude.batch.InputCollector;
import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.JpegFiles;
import dev.occlude.io.Labels;
import dev.occlude.io.PngFiles;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.occlusion.Occluder;
import dev.occlude.picture.ImageMapper;
import dev.occlude.picture.PictureMapper;
import dev.occlude.picture.PictureSettings;
import dev.occlude.result.Source;
import dev.occlude.util.Text;
import dev.occlude.video.VideoFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * What an executor does with its items: an image's bytes are read through Hadoop's file system,
 * decoded with the CLI's loader and mapped with the CLI's library and settings into one row (the
 * CLI's JSON line and the main map), or none for a file found in a folder that is not an image; a
 * video's range gives one row per sampled frame ({@link VideoRangeTask}). A file that cannot be
 * read, decoded or mapped is an error row; the task goes on.
 */
final class ImageTask implements MapPartitionsFunction<Row, Row>, Serializable {
    private static final long serialVersionUID = 1L;
    /** A test's way to make each task's first attempt die after its first image, as a lost executor would. */
    static final String FAIL_FIRST_ATTEMPT = "occlude.test.failFirstAttempt";

    private final String[] args;
    private final String overlays;
    private final boolean imagePictures;
    private final Map<String, String> hadoopConf;
    private final Labels labels;
    private final boolean compares;

    /**
     * @param args the job's command line (parsed again here: only strings travel)
     * @param overlays the qualified OUT/overlays directory (a video's pictures go there always)
     * @param imagePictures whether images' pictures are written too (--overlays)
     * @param hadoopConf the driver's Hadoop settings (file system credentials and endpoints)
     * @param labels the labels as the driver read and parsed them, or null for none
     */
    ImageTask(String[] args, String overlays, boolean imagePictures, Map<String, String> hadoopConf, Labels labels) {
        this.args = args.clone();
        this.overlays = overlays;
        this.imagePictures = imagePictures;
        this.hadoopConf = hadoopConf;
        this.labels = labels;
        this.compares = JobOptions.parse(args).compares();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> items) throws Exception {
        JobOptions options = JobOptions.parse(args);
        TaskContext task = TaskContext.get();
        ImageLoader loader = new ImageLoader(options.pixels.limit().pixels(), options.pixels.limit().name());
        Configuration conf = new Configuration(false);
        hadoopConf.forEach(conf::set);
        java.nio.file.Path temp = Files.createTempDirectory("occlude-spark-");
        List<String> paths = options.modelPaths();
        List<Occluder> occluders = new ArrayList<>();
        List<CompareRows.Model> models = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Classifier classifier = ExecutorModels.classifier(paths.get(i));
            // PyTorch's intra-op threads follow the cores Spark gave the task
            classifier.setIntraOpThreads(task != null ? Math.max(1, task.cpus()) : 1);
            ModelDirectory model = classifier.model();
            Occluder occluder = new Occluder(classifier, options.scanSettings(model));
            occluders.add(occluder);
            PictureSettings settings = options.pictureSettings(model.classes())
                    .withTriage(options.triageRules());
            ImageMapper mapper = new ImageMapper(occluder, model.name(), model.fingerprint(), settings);
            PictureMapper step = new PictureMapper(occluder, mapper, model.name(), settings, (d, t) -> { });
            // a compare's sides: their pictures in OUT/overlays/a-NAME and b-NAME, as occlude compare's folders
            String own = paths.size() == 1 ? overlays : overlays + "/" + (i == 0 ? "a-" : "b-") + model.name();
            models.add(new CompareRows.Model(model.name(), model.classes(), new PictureRows(step, occluder, labels, conf,
                    temp, own)));
        }
        PictureRows single = models.get(0).rows();
        PictureStep pictures = models.size() == 1 ? single : new CompareRows(models.get(0), models.get(1),
                options.compareClass(models.get(0).classes()), options.look.style(), conf, temp, overlays);
        VideoRangeTask videos = new VideoRangeTask(options, single, conf, temp);
        boolean failFirst = task != null && "true".equals(task.getLocalProperty(FAIL_FIRST_ATTEMPT))
                && task.attemptNumber() == 0;
        if (task != null) {
            task.addTaskCompletionListener(t -> {
                occluders.forEach(Occluder::close);
                PictureRows.deleteTree(temp);
            });
        }
        return new Iterator<>() {
            private final Deque<Row> ready = new ArrayDeque<>();
            private int done;

            @Override
            public boolean hasNext() {
                if (failFirst && done == 1) {
                    throw new IllegalStateException("test: the first attempt of this task dies here");
                }
                while (ready.isEmpty() && items.hasNext()) {
                    Row item = items.next();
                    if (item.isNullAt(ResultTable.RANGE_COLUMN)) {
                        Row r = map(item, pictures, loader, conf);
                        if (r != null) {
                            ready.add(r);
                        }
                    } else {
                        ready.addAll(videos.rows(item));
                    }
                    done++;
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    /** The input as it is now: a local file as the command line sees it (links resolved), else as listed. */
    static Source source(Path p, Configuration conf) throws IOException {
        FileSystem fs = p.getFileSystem(conf);
        if ("file".equals(fs.getScheme())) {
            return Source.of(java.nio.file.Path.of(fs.makeQualified(p).toUri()));
        }
        FileStatus s = fs.getFileStatus(p);
        return Source.of(s.getPath().toString(), s.getLen(), s.getModificationTime());
    }

    /** One image's row, or null when a file found in a folder is not an image (or is this tool's picture). */
    private Row map(Row item, PictureStep pictures, ImageLoader loader, Configuration conf) {
        String path = item.getString(0);
        String stem = item.getString(1);
        boolean named = item.getBoolean(2);
        long start = System.nanoTime();
        byte[] content;
        Source source;
        try {
            Path p = new Path(path);
            source = source(p, conf); // before reading: a change while it is read shows next time
            content = HadoopReads.read(p.getFileSystem(conf), p, Integer.MAX_VALUE);
        } catch (IOException | RuntimeException e) {
            return pictures.failed(path, path + ": cannot read (" + Text.oneLine(e) + ")", null);
        }
        String name = new Path(path).getName();
        if (PngFiles.isMarked(content) || JpegFiles.isMarked(content)
                || !named && !InputCollector.hasImageExtension(name) && !ImageLoader.looksLikeImage(content)) {
            return null;
        }
        if (VideoFormat.looksLikeVideo(content)) {
            return pictures.failed(path, path + ": a video whose name does not say so; give it a video's extension "
                    + "(.mp4, .mov, ...) to map it", null);
        }
        BufferedImage image;
        try {
            image = loader.load(content, path);
        } catch (ImageLoadException e) {
            return pictures.failed(path, e.getMessage(), null);
        } catch (OutOfMemoryError e) {
            return pictures.failed(path, path + ": out of memory while decoding it (give the executors more memory, or "
                    + "lower --max-pixels)", null);
        } catch (RuntimeException e) {
            return pictures.failed(path, path + ": cannot map (" + Text.oneLine(e) + ")", null);
        }
        return pictures.map(path, stem, image, null, null, source,
                imagePictures ? PictureRows.Pictures.ALL : PictureRows.Pictures.NONE, (System.nanoTime() - start) / 1e9);
    }

    /** The row of an input refused while listing: a compare's when the job compares two models. */
    Row refused(String path, String message) {
        return compares ? CompareRows.failure(path, message, null) : PictureRows.failure(path, message, null);
    }
}
