package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Probes that arrive while one runs: only the latest runs next, the others are answered at once. */
class LatestWinsTest {
    @Test
    void whileOneRunsOnlyTheLatestWaitingRequestRuns() throws Exception {
        LatestWins probes = new LatestWins();
        // threads of its own: the common pool may have one thread on a 2-core machine
        ExecutorService threads = Executors.newCachedThreadPool();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> call(probes, "a", () -> {
            running.countDown();
            release.await();
            ran.add("first");
            return "first";
        }), threads);
        running.await();
        List<CompletableFuture<Optional<String>>> waiting = new java.util.ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            String name = "waiting " + k;
            waiting.add(CompletableFuture.supplyAsync(() -> call(probes, "a", () -> {
                ran.add(name);
                return name;
            }), threads));
            // each takes its place in line before the next comes, as mouse moves do
            while (probes.queued("a") < k) {
                Thread.onSpinWait();
            }
        }
        // another client's probe is not held up by client a's
        assertEquals(Optional.of("b"), call(probes, "b", () -> "b"));
        release.countDown();
        assertEquals(Optional.of("first"), first.get());
        assertEquals(Optional.empty(), waiting.get(0).get());
        assertEquals(Optional.empty(), waiting.get(1).get());
        assertEquals(Optional.of("waiting 3"), waiting.get(2).get());
        assertEquals(List.of("first", "waiting 3"), ran);
        assertTrue(call(probes, "a", () -> "later").isPresent(), "a request alone runs");
        threads.shutdown();
    }

    @Test
    void numberedRequestsArrivingOutOfOrderLetTheNewestWin() throws Exception {
        LatestWins probes = new LatestWins();
        assertEquals(Optional.of("5"), probes.run("a", 5, () -> "5"));
        assertEquals(Optional.empty(), probes.run("a", 3, () -> "3"), "older than one already seen");
        assertEquals(Optional.empty(), probes.run("a", 5, () -> "5 again"));
        assertEquals(Optional.of("6"), probes.run("a", 6, () -> "6"));
        assertEquals(Optional.of("b1"), probes.run("b", 1, () -> "b1"), "each client numbers its own");
    }

    private static Optional<String> call(LatestWins probes, String client, LatestWins.Task<String> task) {
        try {
            return probes.run(client, task);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
