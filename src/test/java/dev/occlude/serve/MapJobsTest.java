package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.FakeScorer;
import dev.occlude.TestData;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.preprocess.Preprocessing;
import dev.occlude.model.score.Scorer;
import dev.occlude.occlusion.MapKind;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The map job queue's ids and limits: a job refused (the queue full, a grid too large) uses no id
 * up, and a grid past the variant limit is refused before any work, in one line.
 */
class MapJobsTest {
    @TempDir
    Path tmp;

    /** A scorer that holds its first forward pass until released, so that jobs wait behind it. */
    private static final class HeldScorer implements Scorer {
        final FakeScorer fake = new FakeScorer(List.of(new Rectangle(0, 0, 4, 4)));
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<String> classes() {
            return fake.classes();
        }

        @Override
        public Preprocessing preprocessing() {
            return fake.preprocessing();
        }

        @Override
        public float[][] predict(float[] inputs, int count, int height, int width) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return fake.predict(inputs, count, height, width);
        }
    }

    /** A job queue over {@code scorer} and the synthetic model, its prober of {@code pixelBudget}. */
    private record Queue(Prober prober, MapJobs jobs) implements AutoCloseable {
        @Override
        public void close() {
            jobs.close();
            prober.close();
        }
    }

    private Queue queue(Scorer scorer, long pixelBudget, AtomicInteger count) throws Exception {
        Prober prober = new Prober(scorer, pixelBudget);
        return new Queue(prober, new MapJobs(scorer, ModelDirectory.open(TestData.syntheticModel()), prober,
                tmp.resolve("jobs"), count));
    }

    private static MapJobs.Request request(int patch, int stride) {
        return request(patch, stride, 1);
    }

    private static MapJobs.Request request(int patch, int stride, int passes) {
        return new MapJobs.Request("0/a.png", patch, stride, null, null, MapKind.PROBABILITY, List.of(), false, false,
                passes);
    }

    @Test
    void passesTimesTheGridAreCountedAgainstTheVariantLimitBeforeAnyWork() throws Exception {
        HeldScorer scorer = new HeldScorer();
        scorer.release.countDown();
        BufferedImage frame = new BufferedImage(455, 256, BufferedImage.TYPE_INT_RGB);
        try (Queue queue = queue(scorer, 1_000_000L, new AtomicInteger())) {
            MapJobs jobs = queue.jobs();
            IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                    () -> jobs.start(request(1, 1, 100), frame, "a.png"));
            assertEquals("patch 1 with stride 1 gives 116,480 variants on 455x256 image, times 100 passes 11,648,000; "
                    + "at most 1,000,000 are allowed (fewer passes, a larger stride or a smaller patch)", many.getMessage());
            assertTrue(jobs.job("m1").isEmpty(), "nothing was queued");
            assertEquals(1, scorer.entered.getCount(), "no forward pass ran");
            assertEquals("m1", jobs.start(request(64, 64, 2), frame, "a.png").id(), "no id was used up");
        }
    }

    @Test
    void refusedJobsUseNoIdAndTheQueueIsBounded() throws Exception {
        HeldScorer scorer = new HeldScorer();
        BufferedImage frame = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        AtomicInteger count = new AtomicInteger();
        try (Queue queue = queue(scorer, 1_000_000L, count)) {
            MapJobs jobs = queue.jobs();
            MapJob running = jobs.start(request(16, 16), frame, "a.png");
            scorer.entered.await(); // the first job holds the runner
            for (int k = 2; k <= 5; k++) {
                assertEquals("m" + k, jobs.start(request(16, 16), frame, "a.png").id(), "queued");
            }
            for (int k = 0; k < 3; k++) {
                assertThrows(RejectedExecutionException.class, () -> jobs.start(request(16, 16), frame, "a.png"));
            }
            IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                    () -> jobs.start(request(100_000, 1), frame, "a.png"));
            assertEquals("patch 100000 with stride 1 gives 10,006,200,961 variants on 32x32 image; at most 1,000,000 are "
                    + "allowed (a smaller patch or a larger stride)", huge.getMessage());
            CountDownLatch ended = new CountDownLatch(1);
            MapJob last = jobs.job("m5").orElseThrow();
            last.listen(j -> {
                if (j.ended()) {
                    ended.countDown();
                }
            });
            scorer.release.countDown();
            ended.await();
            assertEquals(MapJob.State.DONE, running.state(), running.error());
            assertEquals("m6", jobs.start(request(16, 16), frame, "a.png").id(), "no id was used up by a refusal");
            assertTrue(jobs.job("m6").isPresent());
        }
    }

    /** A latch counted down when {@code job} ends. */
    private static CountDownLatch endOf(MapJob job) {
        CountDownLatch ended = new CountDownLatch(1);
        job.listen(j -> {
            if (j.ended()) {
                ended.countDown();
            }
        });
        return ended;
    }

    @Test
    void aQueuedJobCancelledNeverRunsAndARunningOneStopsAfterItsBatch() throws Exception {
        HeldScorer scorer = new HeldScorer();
        BufferedImage frame = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        try (Queue queue = queue(scorer, 1_000_000L, new AtomicInteger())) {
            MapJobs jobs = queue.jobs();
            MapJob running = jobs.start(request(16, 16, 3), frame, "a.png"); // 9 variants a pass, in batches of 4
            scorer.entered.await();
            MapJob queued = jobs.start(request(16, 16), frame, "a.png");
            assertTrue(jobs.cancel(queued));
            assertEquals(MapJob.State.CANCELLED, queued.state(), "a queued job ends at once");
            CountDownLatch runningEnded = endOf(running);
            assertTrue(jobs.cancel(running));
            scorer.release.countDown(); // the batch it is scoring ends; no other begins
            runningEnded.await();
            assertEquals(MapJob.State.CANCELLED, running.state(), running.error());
            assertEquals(0, running.done(), "no batch was counted after the stop");
            assertTrue(java.nio.file.Files.notExists(tmp.resolve("jobs").resolve(running.id())), "no pictures kept");
            assertTrue(!jobs.cancel(running), "an ended job is left as it is");
            MapJob next = jobs.start(request(16, 16), frame, "a.png");
            endOf(next).await();
            assertEquals(MapJob.State.DONE, next.state(), next.error());
        }
    }

    @Test
    void closingStopsTheRunningScanAfterItsBatchNotAtItsEnd() throws Exception {
        HeldScorer scorer = new HeldScorer(); // never released: only the interruption frees its batch
        BufferedImage frame = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        MapJob running;
        try (Queue queue = queue(scorer, 1_000_000L, new AtomicInteger())) {
            MapJobs jobs = queue.jobs();
            running = jobs.start(request(16, 16, 3), frame, "a.png");
            scorer.entered.await();
        }
        assertEquals(MapJob.State.CANCELLED, running.state(), "the scan stopped at its next batch, not done");
    }

    @Test
    void progressCountsEveryPassEvenOneOfASingleBatch() {
        List<String> told = new java.util.ArrayList<>();
        PassProgress one = new PassProgress(3, (d, t) -> told.add(d + "/" + t), () -> false);
        for (int pass = 0; pass < 3; pass++) {
            one.done(4, 4); // each pass one batch
        }
        assertEquals(List.of("4/12", "8/12", "12/12"), told);
        told.clear();
        PassProgress two = new PassProgress(2, (d, t) -> told.add(d + "/" + t), () -> false);
        for (int pass = 0; pass < 2; pass++) {
            two.done(4, 9);
            two.done(8, 9);
            two.done(9, 9);
        }
        assertEquals(List.of("4/18", "8/18", "9/18", "13/18", "17/18", "18/18"), told);
    }

    @Test
    void passesTimesTheFramesPixelsAreCountedAgainstThePixelBudget() throws Exception {
        HeldScorer scorer = new HeldScorer();
        scorer.release.countDown();
        BufferedImage frame = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        try (Queue queue = queue(scorer, 3_000L, new AtomicInteger())) {
            MapJobs jobs = queue.jobs();
            assertEquals("3 passes of a 32x32 frame hold 3,072 pixels of frames and maps until the job ends; at most "
                    + "3,000 fit the server's pixel budget (fewer passes, or a larger heap: -Xmx)",
                    assertThrows(IllegalArgumentException.class, () -> jobs.start(request(16, 16, 3), frame, "a.png"))
                            .getMessage());
            MapJob two = jobs.start(request(16, 16, 2), frame, "a.png");
            assertEquals("m1", two.id(), "2,048 pixels fit; no id was used up by the refusal");
            endOf(two).await();
            assertEquals(MapJob.State.DONE, two.state(), two.error());
        }
    }
}
