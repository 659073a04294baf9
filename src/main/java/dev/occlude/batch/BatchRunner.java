package dev.occlude.batch;

import dev.occlude.io.InputFiles;
import dev.occlude.model.score.ModelException;
import dev.occlude.occlusion.GridTooLargeException;
import dev.occlude.occlusion.Occluder;
import dev.occlude.picture.FrameCaption;
import dev.occlude.picture.ImageMapper;
import dev.occlude.picture.MapListener;
import dev.occlude.picture.PictureMapper;
import dev.occlude.result.Failed;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.util.Text;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs images and videos through one loaded model, as a pipeline: a {@link Feeder} thread takes
 * the inputs, claims their outputs, resumes or refuses them and decodes ahead; the calling thread
 * maps each in order ({@link PictureMapper}; a video's sampled frames each as an image, by
 * {@link VideoJob}) and gives every outcome to the run's sinks: the JSON line on {@code out}, an
 * error line on {@code err}, the summary, the report, the confusion matrix, the pointing game.
 * One image's failure, even running out of memory, never stops the run; a closed {@code out} does.
 */
public final class BatchRunner {
    /** Images decoded ahead of the one being scored. */
    private static final int LOOKAHEAD = 2;

    private final Occluder occluder;
    private final BatchOptions options;
    private final RunProgress progress;
    private final Problems problems;
    private final List<OutcomeSink> sinks;
    private final PictureMapper pictures;
    private final String settingsKey;
    private final VideoJob videos;
    private Lockstep lockstep = Lockstep.ALONE;

    /**
     * How a run ended.
     *
     * @param images inputs done (refused, resumed and failed ones included)
     * @param failed inputs that failed, and files of the run (summary, report) that could not be written
     * @param outputClosed whether the reader of {@code out} went away, which stopped the run
     */
    public record Totals(int images, int failed, boolean outputClosed) {}

    /**
     * @param occluder the loaded model with the scan settings
     * @param modelName the model's name, as results give it
     * @param modelFingerprint what identifies the model's network, preprocessing and classes
     * @param options what the run does with each image besides scanning it
     * @param out where result lines go (one JSON line per image)
     * @param err where people read about failures (one line per failed image)
     * @param progress told how the run advances
     */
    public BatchRunner(Occluder occluder, String modelName, String modelFingerprint, BatchOptions options,
                       PrintWriter out, PrintWriter err, RunProgress progress) {
        this.occluder = occluder;
        this.options = options;
        this.progress = progress;
        this.problems = new Problems(err);
        this.sinks = Sinks.of(options, occluder.classes(), out, problems);
        ImageMapper mapper = new ImageMapper(occluder, modelName, modelFingerprint, options.picture());
        this.settingsKey = mapper.settingsKey();
        this.pictures = new PictureMapper(occluder, mapper, modelName, options.picture(), progress::variants);
        this.videos = new VideoJob(occluder, options, settingsKey, pictures, this::emit);
    }

    /** Tells {@code listener} of every picture mapped from now on (occlude compare's hook); returns this run. */
    public BatchRunner onMapped(MapListener listener) {
        pictures.listen(listener);
        return this;
    }

    /**
     * Keeps step with another run over the same inputs (occlude compare's hook): images decoded
     * once for both, inputs handled after the other run's; returns this run.
     */
    public BatchRunner inStep(Lockstep with) {
        lockstep = with;
        return this;
    }

    /**
     * Processes every input.
     *
     * @throws IllegalArgumentException when the run's own files cannot be written or would
     *     replace an input or a file this tool did not write ({@link RunFiles}), before any image
     */
    public Totals run(InputCollector.Inputs inputs) throws ModelException {
        RunFiles.problem(options, inputs.listed(), occluder.classes()).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        BlockingQueue<FeedItem> ready = new ArrayBlockingQueue<>(LOOKAHEAD);
        Thread thread = new Thread(new Feeder(inputs, ready, options, occluder, settingsKey, videos, lockstep), "occlude-feeder");
        thread.setDaemon(true);
        thread.start();
        int failed = 0;
        int done = 0;
        boolean closed = false;
        try {
            for (FeedItem item = take(ready); !(item instanceof FeedItem.End); item = take(ready)) {
                if (!(item instanceof FeedItem.Video v && v.earlier() == null)) {
                    lockstep.awaitTurn(done + 1); // a video mapped frame by frame keeps step frame by frame
                }
                failed += handle(item, done + 1) ? 0 : 1;
                progress.image(++done);
                lockstep.handled(done);
            }
        } catch (OutputClosed e) {
            closed = true;
        } finally {
            thread.interrupt();
            lockstep.ended();
        }
        for (OutcomeSink sink : sinks) {
            failed += sink.finish(problems);
        }
        return new Totals(done, failed, closed);
    }

    private static FeedItem take(BlockingQueue<FeedItem> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FeedItem.End();
        }
    }

    /** Maps, resumes or refuses one input; false when it failed. A fault of the tool fails the input, not the run. */
    private boolean handle(FeedItem item, int position) throws ModelException {
        try {
            return handleItem(item, position);
        } catch (OutputClosed | ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            Path path = item instanceof FeedItem.Decoded d ? d.input().path()
                    : item instanceof FeedItem.Video v ? v.input().path() : Path.of("input");
            if (e instanceof GridTooLargeException) {
                return emit(new Failed(path.toString(), path + ": " + e.getMessage())); // this image's size: said plainly
            }
            return emit(new Failed(path.toString(), path + ": unexpected failure (" + Text.oneLine(e) + ")"));
        }
    }

    private boolean handleItem(FeedItem item, int position) throws ModelException {
        if (item instanceof FeedItem.Duplicate d) {
            problems.report(d.input().path() + ": the same file as " + d.first() + "; mapped once");
            return true;
        }
        if (item instanceof FeedItem.Refused r) {
            Path p = r.input().path();
            return emit(new Failed(InputFiles.nameable(p) ? p.toString() : InputFiles.shown(p), r.problem()));
        }
        if (item instanceof FeedItem.Resumed r) {
            return emit(pictures.resumed(r.earlier(), options.labels().isPresent(),
                    r.labels().at(r.earlier().frame() != null ? r.earlier().frame().time() : null)));
        }
        if (item instanceof FeedItem.Video v) {
            Path path = v.input().path();
            try {
                return v.earlier() != null ? videos.reuse(v.input(), v.earlier(), v.labels())
                        : videos.run(v.input(), v.files(), v.labels(), opener -> lockstep.frames(position, opener));
            } catch (OutOfMemoryError e) {
                return emit(new Failed(path.toString(), path + ": out of memory while mapping its frames (give "
                        + "the JVM more memory, or lower " + options.loaderLimit().name() + ")"));
            }
        }
        FeedItem.Decoded d = (FeedItem.Decoded) item;
        Path path = d.input().path();
        try {
            return emit(pictures.map(path.toString(), d.labels().image(), options.regions().of(path), d.files(), d.image(), d.prepared(), FrameCaption.IMAGE, d.seconds(),
                    r -> r instanceof Mapped m ? m.withSource(d.source()) : r));
        } catch (OutOfMemoryError e) {
            return emit(new Failed(path.toString(), path + ": out of memory while mapping its "
                    + d.image().getWidth() + "x" + d.image().getHeight() + " pixels (give the JVM more memory, "
                    + "or lower " + options.loaderLimit().name() + ")"));
        }
    }

    /** Gives the outcome to every sink; false when it is a failure. */
    private boolean emit(Outcome outcome) {
        for (OutcomeSink sink : sinks) {
            sink.accept(outcome);
        }
        return !outcome.failed();
    }
}
