package dev.occlude.serve;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs one task at a time per client and lets the latest waiting one win: requests that arrive
 * while a task runs wait, and when it ends only the newest of them runs; the others return empty
 * at once. A mouse moving fast over the frame therefore never queues up probes.
 */
final class LatestWins {
    /** A task that may fail with any exception. */
    @FunctionalInterface
    interface Task<T> {
        T run() throws Exception;
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        long latest;
    }

    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    /** The task's result, or empty when a later request from {@code client} came before it could start. */
    <T> Optional<T> run(String client, Task<T> task) throws Exception {
        return run(client, 0, task);
    }

    /**
     * As {@link #run(String, Task)}, "later" meaning a higher {@code seq} when the client numbers
     * its requests (seq above 0): requests may arrive out of order over several connections, and
     * one older than a request already seen is answered empty at once.
     */
    <T> Optional<T> run(String client, long seq, Task<T> task) throws Exception {
        Slot slot = slots.computeIfAbsent(client, c -> new Slot());
        long ticket;
        synchronized (slot) {
            if (seq > 0) {
                if (seq <= slot.latest) {
                    return Optional.empty();
                }
                slot.latest = seq;
                ticket = seq;
            } else {
                ticket = ++slot.latest;
            }
        }
        slot.lock.lockInterruptibly();
        try {
            synchronized (slot) {
                if (ticket != slot.latest) {
                    return Optional.empty();
                }
            }
            return Optional.of(task.run());
        } finally {
            slot.lock.unlock();
        }
    }

    /** How many requests of {@code client} wait for the running one (for tests). */
    int queued(String client) {
        Slot slot = slots.get(client);
        return slot == null ? 0 : slot.lock.getQueueLength();
    }
}
