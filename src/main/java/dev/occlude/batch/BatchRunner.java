package dev.occlude.batch;

import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.Labels;
import dev.occlude.model.ModelException;
import dev.occlude.model.PreparedImage;
import dev.occlude.occlusion.Occluder;
import dev.occlude.report.HtmlReport;
import dev.occlude.result.ImageResult;
import dev.occlude.result.ResultCodec;
import dev.occlude.result.VideoRecord;
import dev.occlude.util.Text;
import dev.occlude.video.VideoFormat;
import dev.occlude.video.VideoFrame;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.UnaryOperator;

/**
 * Runs images and videos through one loaded model (a video's sampled frames each as an image, by
 * {@link VideoJob}). A feeder thread takes the inputs as they come (stdin paths as they arrive),
 * decides for each whether it can be used, resumed or must be refused, and decodes the next
 * images while the network scores the current one; the calling thread maps,
 * writes and reports each in order: written outputs and a result line on {@code out}, or an
 * error line on {@code err} and a failure result. One image's failure, even running out of
 * memory, never stops the run; a closed {@code out} does.
 */
public final class BatchRunner {
    /** Images decoded ahead of the one being scored. */
    private static final int LOOKAHEAD = 2;

    private final Occluder occluder;
    private final ImageMapper mapper;
    private final String modelName;
    private final BatchOptions options;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Progress progress;
    private final ImageLoader loader;
    private final Confusion confusion;
    private final Summary summary;
    private final String settingsKey;
    private final VideoJob videos;
    private final List<ImageResult> emitted = new ArrayList<>();
    private int unlabelled;
    private int pointingHits;
    private int pointingImages;

    /** How a run ended. */
    public record Outcome(int images, int failed, boolean outputClosed) {}

    /**
     * @param occluder the loaded model with the scan settings
     * @param modelName the model's name, as results give it
     * @param modelFingerprint what identifies the model's network, preprocessing and classes
     * @param out where result lines go (one JSON line per image)
     * @param err where people read about failures (one line per failed image)
     */
    public BatchRunner(Occluder occluder, String modelName, String modelFingerprint, BatchOptions options,
                       PrintWriter out, PrintWriter err, Progress progress) {
        this.occluder = occluder;
        this.mapper = new ImageMapper(occluder, modelName, modelFingerprint, options);
        this.modelName = modelName;
        this.options = options;
        this.out = out;
        this.err = err;
        this.progress = progress;
        this.loader = new ImageLoader(options.loaderLimit().pixels(), options.loaderLimit().name());
        this.confusion = options.labels().isPresent() ? new Confusion(occluder.classes()) : null;
        this.summary = options.summary().map(f -> new Summary(f, occluder.classes())).orElse(null);
        this.settingsKey = mapper.settingsKey();
        this.videos = new VideoJob(occluder, options, settingsKey, new VideoJob.Frames() {
            @Override
            public ImageResult map(Path video, Labels.Entry label, OutputFiles files, VideoFrame frame,
                                   PreparedImage prepared, double seconds, UnaryOperator<ImageResult> asFrame)
                    throws ModelException {
                return mapPicture(video, label, files, frame.image(), prepared, String.format(java.util.Locale.ROOT,
                        "  FRAME %d AT %.3f S", frame.index(), frame.roundedTime()), seconds, asFrame);
            }

            @Override
            public void reuse(Path video, ImageResult earlier) {
                BatchRunner.this.reuse(video, earlier);
            }

            @Override
            public void fail(Path video, String message) {
                BatchRunner.this.fail(video, message);
            }
        });
    }

    /**
     * What the feeder made of one input: refused, resumed, or decoded (or not) for mapping; a
     * video ({@code video} true) is decoded as it is mapped, or resumed whole ({@code resumedVideo}).
     */
    private record Item(Input input, OutputFiles files, String problem, ImageResult resumed, Loaded loaded,
                        boolean video, VideoRecord resumedVideo) {
        Item(Input input, OutputFiles files, String problem, ImageResult resumed, Loaded loaded) {
            this(input, files, problem, resumed, loaded, false, null);
        }
    }

    /** A decoded and preprocessed image, or why it could not be. */
    private record Loaded(BufferedImage image, PreparedImage prepared, String error, double seconds) {}

    private static final Item END = new Item(null, null, null, null, null);

    /** Stops the run when the reader of the results has gone (a closed pipe). */
    private static final class OutputClosed extends RuntimeException {
        OutputClosed() {
            super("standard output closed", null, false, false);
        }
    }

    /** Processes every input. */
    public Outcome run(InputCollector.Inputs inputs) throws ModelException {
        BlockingQueue<Item> ready = new ArrayBlockingQueue<>(LOOKAHEAD);
        Feeder feeder = new Feeder(inputs, ready);
        Thread thread = new Thread(feeder, "occlude-feeder");
        thread.setDaemon(true);
        thread.start();
        int failed = 0;
        int done = 0;
        boolean closed = false;
        try {
            for (Item item = take(ready); item != END; item = take(ready)) {
                failed += handle(item) ? 0 : 1;
                progress.image(++done);
            }
        } catch (OutputClosed e) {
            closed = true;
        } finally {
            thread.interrupt();
        }
        if (unlabelled > 0) {
            problem(unlabelled + " image" + (unlabelled > 1 ? "s are" : " is") + " not in the labels file; mapped, "
                    + "since whether the model is wrong cannot be told");
        }
        if (pointingImages > 0) {
            err.printf(java.util.Locale.ROOT, "pointing game: %d of %d images with labelled boxes hit (rate %.3f)%n",
                    pointingHits, pointingImages, pointingHits / (double) pointingImages);
        }
        if (confusion != null && confusion.total() > 0) {
            err.print(confusion.render());
            err.flush();
        }
        failed += finish();
        return new Outcome(done, failed, closed);
    }

    private static Item take(BlockingQueue<Item> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return END;
        }
    }

    /** The report and summary, written when the images are done; returns the failures. */
    private int finish() {
        int failed = 0;
        if (options.report().isPresent()) {
            try {
                new HtmlReport(options.report().get(), options.copyToReport()).write(emitted, null);
            } catch (IOException | RuntimeException e) {
                failed += problem(options.report().get() + ": cannot write the report (" + e.getMessage() + ")");
            }
        }
        if (summary != null) {
            try {
                summary.write();
            } catch (IOException e) {
                failed += problem(options.summary().get() + ": cannot write the summary (" + e.getMessage() + ")");
            }
        }
        return failed;
    }

    /** Reads inputs in order, checks their outputs, resumes or decodes: everything that can run ahead. */
    private final class Feeder implements Runnable {
        private final InputCollector.Inputs inputs;
        private final BlockingQueue<Item> ready;
        private final Map<Path, Path> claimed = new HashMap<>();
        private final Set<Path> inputKeys = new HashSet<>();

        Feeder(InputCollector.Inputs inputs, BlockingQueue<Item> ready) {
            this.inputs = inputs;
            this.ready = ready;
            for (Input i : inputs.listed()) {
                inputKeys.addAll(keys(i.path()));
            }
        }

        @Override
        public void run() {
            try {
                while (inputs.hasNext()) {
                    ready.put(feed(inputs.next()));
                }
            } catch (InterruptedException e) {
                return; // the run stopped
            } catch (UncheckedIOException e) {
                putQuietly(new Item(Input.failed(Path.of("-"), "stdin"), null, "cannot read paths from stdin ("
                        + Text.oneLine(e.getCause()) + ")", null, null));
            } catch (RuntimeException | Error e) {
                // never leave the run waiting for an input that will not come
                putQuietly(new Item(Input.failed(Path.of("input"), "input"), null, "cannot go on reading inputs ("
                        + Text.oneLine(e) + ")", null, null));
            }
            putQuietly(END);
        }

        private void putQuietly(Item item) {
            try {
                ready.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Item feed(Input input) {
            if (input.problem() != null) {
                return new Item(input, null, input.problem(), null, null);
            }
            inputKeys.addAll(keys(input.path()));
            OutputFiles files = claim(input);
            if (files == null) {
                return new Item(input, null, input.path() + ": its outputs would overwrite those of "
                        + claimed.get(key(OutputFiles.forStem(input.outputStem(), options.out())))
                        + " (same name; give the folder instead of the files to keep sub-paths)", null, null);
            }
            for (Path output : files.planned(options.plan(), occluder.classes())) {
                if (!java.util.Collections.disjoint(keys(output), inputKeys)) {
                    return new Item(input, null, input.path() + ": its output " + output
                            + " would overwrite an input; choose another output folder", null, null);
                }
            }
            if (VideoFormat.isVideo(input.path())) {
                VideoRecord earlier = options.skipExisting() ? videos.finished(files) : null;
                return new Item(input, files, null, null, null, true, earlier);
            }
            if (options.skipExisting()) {
                ImageResult earlier = files.finished(settingsKey);
                Optional<Rectangle> region = options.regions().of(input.path());
                ImageResult.Box box = region.map(ImageResult.Box::of).orElse(null);
                if (earlier != null && java.util.Objects.equals(earlier.region(), box)) {
                    return new Item(input, files, null, earlier, null);
                }
            }
            return new Item(input, files, null, null, load(input));
        }

        /** The outputs for the input, claimed for it; its extension kept when another input took the name; null when both are taken. */
        private OutputFiles claim(Input input) {
            for (Input candidate : List.of(input, input.withExtension())) {
                OutputFiles files = OutputFiles.forStem(candidate.outputStem(), options.out());
                if (claimed.putIfAbsent(key(files), input.path()) == null) {
                    return files;
                }
            }
            return null;
        }

        private Path key(OutputFiles files) {
            return files.overlay().toAbsolutePath().normalize();
        }
    }

    /** A path as written and, when it exists, as the file it really is (links resolved). */
    private static Set<Path> keys(Path p) {
        Set<Path> keys = new HashSet<>();
        keys.add(p.toAbsolutePath().normalize());
        try {
            if (Files.exists(p)) {
                keys.add(p.toRealPath());
            }
        } catch (IOException | RuntimeException e) {
            // the written form is all there is
        }
        return keys;
    }

    private Loaded load(Input input) {
        long start = System.nanoTime();
        try {
            BufferedImage image = loader.load(input.path());
            PreparedImage prepared = occluder.prepare(image);
            return new Loaded(image, prepared, null, (System.nanoTime() - start) / 1e9);
        } catch (ImageLoadException e) {
            return new Loaded(null, null, e.getMessage(), 0);
        } catch (OutOfMemoryError e) {
            return new Loaded(null, null, input.path() + ": too large to decode in this JVM's memory ("
                    + options.loaderLimit().name() + ")", 0);
        } catch (RuntimeException e) {
            return new Loaded(null, null, input.path() + ": cannot decode (" + Text.oneLine(e) + ")", 0);
        }
    }

    /** Maps, resumes or refuses one input; false when it failed. */
    private boolean handle(Item item) throws ModelException {
        if (item.problem() != null) {
            return fail(item.input().path(), item.problem());
        }
        if (item.resumed() != null) {
            return reuse(item.input().path(), item.resumed());
        }
        if (item.video()) {
            try {
                return item.resumedVideo() != null ? videos.reuse(item.input(), item.resumedVideo())
                        : videos.run(item.input(), item.files());
            } catch (OutOfMemoryError e) {
                return fail(item.input().path(), item.input().path() + ": out of memory while mapping its frames (give "
                        + "the JVM more memory, or lower " + options.loaderLimit().name() + ")");
            }
        }
        Loaded loaded = item.loaded();
        if (loaded.error() != null) {
            return fail(item.input().path(), loaded.error());
        }
        try {
            return process(item.input(), item.files(), loaded);
        } catch (OutOfMemoryError e) {
            return fail(item.input().path(), item.input().path() + ": out of memory while mapping its "
                    + loaded.image().getWidth() + "x" + loaded.image().getHeight() + " pixels (give the JVM more memory, "
                    + "or lower " + options.loaderLimit().name() + ")");
        }
    }

    private boolean process(Input input, OutputFiles files, Loaded loaded) throws ModelException {
        Labels.Entry label = options.labels().map(l -> l.find(input.path())).orElse(null);
        return mapPicture(input.path(), label, files, loaded.image(), loaded.prepared(), "", loaded.seconds(),
                UnaryOperator.identity()) != null;
    }

    /**
     * Maps one picture (an image, or a video's frame), writes its files and emits its line, which
     * {@code asInput} finishes (a frame's time and outputs); the line, or null when it failed (reported).
     */
    private ImageResult mapPicture(Path path, Labels.Entry label, OutputFiles files, BufferedImage image,
                                   PreparedImage prepared, String caption, double seconds,
                                   UnaryOperator<ImageResult> asInput)
            throws ModelException {
        long start = System.nanoTime();
        try {
            float[] clean = occluder.clean(prepared);
            int predicted = Occluder.argMax(clean);
            int truth = -1;
            if (label != null) {
                truth = occluder.classes().indexOf(label.label());
                if (truth < 0) {
                    fail(path, path + ": label '" + label.label() + "' is not a class of the model ("
                            + String.join(", ", occluder.classes()) + ")");
                    return null;
                }
                confusion.add(truth, predicted);
            } else if (options.labels().isPresent()) {
                unlabelled++;
            }
            if (options.onlyMistakes() && truth == predicted) {
                ImageResult r = asInput.apply(withLabel(ImageResult.unmapped(path.toString(), image.getWidth(),
                        image.getHeight(), modelName, ImageResult.Prediction.of(occluder.classes(), clean)),
                        label, truth, predicted));
                emit(r);
                return r;
            }
            int target = mapper.target(predicted, truth);
            Optional<Rectangle> region = options.regions().of(path);
            ImageMapper.Mapped mapped;
            try {
                mapped = mapper.map(path.toString(), image, prepared, clean, target, region, files, caption,
                        seconds + (System.nanoTime() - start) / 1e9, progress::variants);
            } catch (IllegalArgumentException e) {
                fail(path, path + ": " + e.getMessage()); // a region outside this image
                return null;
            }
            ImageResult result = withLabel(mapped.result(), label, truth, predicted);
            if (label != null && !label.boxes().isEmpty()) {
                // the pointing game on the user's own boxes
                ImageResult.MinPatch m = result.min();
                Rectangle min = new Rectangle(m.x(), m.y(), m.width(), m.height());
                boolean hit = label.boxes().stream().anyMatch(min::intersects);
                pointingHits += hit ? 1 : 0;
                pointingImages++;
                result = result.withPointing(new ImageResult.Pointing(hit, label.boxes().size()));
            }
            result = asInput.apply(result);
            files.writeRecord(ResultCodec.toLine(result));
            emit(result);
            return result;
        } catch (IOException e) {
            fail(path, path + ": cannot write outputs (" + e.getMessage() + ")");
            return null;
        }
    }

    private static ImageResult withLabel(ImageResult r, Labels.Entry label, int truth, int predicted) {
        return label == null ? r : r.withLabel(label.label(), truth != predicted);
    }

    /** Resuming: the finished image's (or frame's) record is emitted again, marked, and counted. */
    private boolean reuse(Path path, ImageResult earlier) {
        ImageResult r = earlier.asExisting();
        if (confusion != null) {
            Labels.Entry label = r.time() != null ? options.labels().get().find(path, r.time())
                    : options.labels().get().find(path);
            int truth = label == null ? -1 : occluder.classes().indexOf(label.label());
            int predicted = r.prediction() == null ? -1 : occluder.classes().indexOf(r.prediction().className());
            if (truth >= 0 && predicted >= 0) {
                confusion.add(truth, predicted);
                r = withLabel(r, label, truth, predicted);
            }
        }
        emit(r);
        return true;
    }

    private void emit(ImageResult result) {
        emitted.add(result);
        out.println(ResultCodec.toLine(result));
        if (out.checkError()) {
            throw new OutputClosed(); // nobody reads the results any more: stop, as a pipeline expects
        }
        if (summary != null) {
            summary.add(result);
        }
    }

    /** Reports a failed image on stderr and as a result line; returns false. */
    private boolean fail(Path image, String message) {
        problem(message);
        emit(ImageResult.failure(image.toString(), message));
        return false;
    }

    /** One line on stderr, whatever the message holds (a file name with a line break stays one line); returns 1. */
    private int problem(String message) {
        err.println("occlude: " + message.replace("\r", "\\r").replace("\n", "\\n"));
        err.flush();
        return 1;
    }
}
