package dev.occlude.serve;

import dev.occlude.eval.MistakeTriage;
import dev.occlude.io.FileTrees;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.preprocess.Fill;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.Scorer;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.Limits;
import dev.occlude.occlusion.MapKind;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.PatchGrid;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.RepeatedOcclusion;
import dev.occlude.picture.ClassChoice;
import dev.occlude.picture.ImageMapper;
import dev.occlude.picture.OutputFiles;
import dev.occlude.picture.PictureSettings;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.OverlayStyle;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outputs;
import dev.occlude.util.Text;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Full maps computed for the page: one at a time on their own thread (a few more may wait), each
 * the command line's map of the frame (its record, its map, its pictures), written to a private
 * folder that {@link #close()} removes.
 */
public final class MapJobs implements AutoCloseable {
    /**
     * What a map job computes.
     *
     * @param className the class to map (name or index); null for the predicted class
     * @param everyClass a map of every class as well (the command line's --class all)
     * @param flips the class-change picture as well (--flips)
     * @param passes the command line's --passes: after each pass its worst patch stays hidden and the frame is
     *     scanned again, for the same class (1: one pass)
     */
    public record Request(String image, int patch, int stride, String className, String fill, MapKind kind,
                          List<Rectangle> kept, boolean everyClass, boolean flips, int passes) {
        /** Checks the number of passes, as the command line's --passes. */
        public Request {
            if (passes < 1 || passes > Limits.MAX_PASSES) {
                throw new IllegalArgumentException("passes must be 1 to " + Limits.MAX_PASSES + ", got " + passes);
            }
        }
    }

    /** Map jobs waiting at most besides the running one. */
    private static final int WAITING = 4;
    /** Finished jobs kept at most; the oldest go first. */
    private static final int KEPT = 32;

    private final Scorer scorer;
    private final ModelDirectory model;
    private final Prober prober;
    private final Path folder;
    private final ExecutorService runner;
    private final Map<String, MapJob> jobs = new ConcurrentHashMap<>();
    /** The runner's task of each job not ended, to take a queued one out of the queue when it is cancelled. */
    private final Map<String, Future<?>> tasks = new ConcurrentHashMap<>();
    private final AtomicInteger count;

    /**
     * @param folder a private folder of the server's (the jobs' pictures go to subfolders of it)
     * @param count numbers the jobs (shared by the models of one server, so that ids are unique)
     */
    public MapJobs(Scorer scorer, ModelDirectory model, Prober prober, Path folder, AtomicInteger count) {
        this.count = count;
        this.scorer = scorer;
        this.model = model;
        this.prober = prober;
        this.folder = folder;
        this.runner = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(WAITING), r -> {
            Thread t = new Thread(r, "occlude-serve-map");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Checks the request and queues it.
     *
     * @param name what the frame is called in its record
     * @throws IllegalArgumentException naming what is wrong with the request
     * @throws RejectedExecutionException when too many jobs wait already
     */
    public MapJob start(Request r, BufferedImage frame, String name) {
        PatchGrid grid = new PatchGrid(r.patch(), r.stride(), frame.getWidth(), frame.getHeight()); // refuses a grid past the limit
        checkTotal(grid.count(), r, frame);
        checkHeld(r.passes(), frame, prober.pixelBudget());
        AnalysisPlan plan = plan(r);
        FillSpec fill = Prober.fill(r.fill());
        String target = r.className() == null || r.className().isBlank() ? null
                : ClassChoice.resolve(r.className(), scorer.classes());
        ClassChoice.check(plan, scorer.classes());
        MapJob job;
        // the id is taken only once the job is queued: a refused job uses none up
        synchronized (count) {
            job = new MapJob("m" + (count.get() + 1));
            MapJob queued = job;
            tasks.put(job.id(), runner.submit(() -> run(queued, r, plan, fill, target, frame, name)));
            count.incrementAndGet();
            jobs.put(job.id(), job);
        }
        forgetOld();
        return job;
    }

    /**
     * Each pass scans the whole grid again, so the passes times the grid are counted against the one
     * variant limit of a map, before any work.
     */
    private static void checkTotal(long gridVariants, Request r, BufferedImage frame) {
        long total = gridVariants * r.passes();
        if (total > PatchGrid.MAX_VARIANTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "patch %d with stride %d gives %,d variants on %dx%d image, times %d passes %,d; at most %,d are "
                            + "allowed (fewer passes, a larger stride or a smaller patch)", r.patch(), r.stride(),
                    gridVariants, frame.getWidth(), frame.getHeight(), r.passes(), total, PatchGrid.MAX_VARIANTS));
        }
    }

    /**
     * A job holds every pass's frame and map until it ends (a pass's prepared frame and its map, 4
     * bytes a pixel each), so its passes times the frame's pixels are counted against the server's
     * pixel budget; one pass of any frame the server decodes fits.
     */
    private static void checkHeld(int passes, BufferedImage frame, long pixelBudget) {
        long pixels = (long) passes * frame.getWidth() * frame.getHeight();
        if (passes > 1 && pixels > pixelBudget) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%d passes of a %dx%d frame hold %,d pixels of frames and maps until the job ends; at most %,d "
                            + "fit the server's pixel budget (fewer passes, or a larger heap: -Xmx)", passes,
                    frame.getWidth(), frame.getHeight(), pixels, pixelBudget));
        }
    }

    private static AnalysisPlan plan(Request r) {
        List<PatchSize> sizes = PatchSize.of(List.of(r.patch()), List.of(r.stride()));
        // passes stop only when they would repeat, as --passes N does by default (--stop-below 0)
        return AnalysisPlan.builder(sizes).everyClass(r.everyClass()).kind(r.kind() == null ? MapKind.PROBABILITY
                : r.kind()).passes(r.passes()).stopBelow(0).build();
    }

    /** Past {@link #KEPT} jobs, the oldest ended one is forgotten and its pictures removed. */
    private void forgetOld() {
        if (jobs.size() > KEPT) {
            jobs.values().stream().filter(MapJob::ended)
                    .min(Comparator.comparingInt(j -> Integer.parseInt(j.id().substring(1))))
                    .ifPresent(j -> {
                        jobs.remove(j.id());
                        try {
                            if (j.folder() != null) {
                                FileTrees.delete(j.folder());
                            }
                        } catch (IOException | RuntimeException e) {
                            // removed with the server's folder at exit
                        }
                    });
        }
    }

    /**
     * Stops a job: a queued one never runs, a running one stops after the batch it is scoring (its
     * pictures are removed). An ended job is left as it is.
     *
     * @return whether the job was still queued or running
     */
    public boolean cancel(MapJob job) {
        if (job.ended()) {
            return false;
        }
        job.askStop();
        Future<?> task = tasks.remove(job.id());
        if (task != null && task.cancel(false)) {
            ((ThreadPoolExecutor) runner).purge(); // a queued job's place is free again
        }
        if (!job.started()) {
            job.cancelled(); // it never ran: nothing else will tell (a run starting now sees the stop too)
        }
        return true;
    }

    /** The job of that id, while it is kept. */
    public Optional<MapJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    private void run(MapJob job, Request r, AnalysisPlan plan, FillSpec spec, String target, BufferedImage frame,
                     String name) {
        long start = System.nanoTime();
        job.start();
        if (job.stopAsked()) {
            job.cancelled();
            return;
        }
        try {
            Occluder occluder = new Occluder(scorer, prober.settings(spec));
            Fill fill = spec.forImage(frame);
            BufferedImage image = r.kept().isEmpty() ? frame : RepeatedOcclusion.paint(frame, r.kept(), fill);
            PreparedImage prepared = occluder.prepare(image, fill);
            float[] clean = occluder.clean(prepared);
            PictureSettings options = new PictureSettings(plan, OverlayStyle.of(OverlayRenderer.Look.FOCUS, null, null,
                    Optional.empty()), Optional.ofNullable(target), r.flips(), false, false,
                    MistakeTriage.Rules.DEFAULT);
            ImageMapper mapper = new ImageMapper(occluder, model.name(), model.fingerprint(), options);
            int index = mapper.target(Occluder.argMax(clean), -1);
            Path dir = Files.createDirectories(folder.resolve(job.id()));
            OutputFiles files = OutputFiles.forStem(Path.of("map"), dir);
            ImageMapper.Result m = mapper.map(name, image, prepared, clean, index, Optional.empty(), files,
                    (System.nanoTime() - start) / 1e9, new PassProgress(r.passes(), job::progress, job::stopAsked));
            tasks.remove(job.id());
            job.finish(withUrls(m.outcome(), job.id(), dir), m.width(), m.height(), dir);
        } catch (CancellationException e) {
            removePictures(job);
            job.cancelled();
        } catch (OutOfMemoryError e) {
            failed(job, name + ": out of memory while mapping it");
        } catch (Exception e) {
            failed(job, name + ": cannot map (" + Text.oneLine(e) + ")");
        }
    }

    /** A failed job keeps no pictures. */
    private void failed(MapJob job, String message) {
        removePictures(job);
        job.fail(message);
    }

    private void removePictures(MapJob job) {
        tasks.remove(job.id());
        try {
            Path dir = folder.resolve(job.id());
            if (Files.exists(dir)) {
                FileTrees.delete(dir);
            }
        } catch (IOException | RuntimeException e) {
            // removed with the server's folder at exit
        }
    }

    /** The record with its pictures and maps named by the URLs the server gives them. */
    private static Mapped withUrls(Mapped m, String id, Path dir) {
        UnaryOperator<String> url = p -> p == null ? null
                : "/api/maps/" + id + "/files/" + dir.relativize(Path.of(p).toAbsolutePath()).toString()
                        .replace('\\', '/');
        UnaryOperator<Outputs> all = o -> new Outputs(url.apply(o.overlay()), url.apply(o.map()), url.apply(o.worst()),
                url.apply(o.flips()), url.apply(o.table()), null, null);
        return m.withOutputs(m.outputs() == null ? null : all.apply(m.outputs()), all);
    }

    /**
     * Stops every job (the running one after the batch it is scoring, not at the end of its scan:
     * its thread is interrupted and its scan checks between batches) and removes every job's pictures.
     */
    @Override
    public void close() {
        jobs.values().forEach(MapJob::askStop);
        runner.shutdownNow();
        try {
            runner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            FileTrees.delete(folder);
        } catch (IOException | RuntimeException e) {
            // a temporary folder: the system's cleaning takes what is left
        }
    }
}
