package dev.occlude.util;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Daemon thread pools (they never keep the JVM alive) and waiting on their results. */
public final class Threads {
    private Threads() {}

    /** A fixed pool of {@code count} daemon threads named {@code name}. */
    public static ExecutorService daemonPool(int count, String name) {
        return Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** A task's failure, unwrapped: the exception the task threw, or an interruption. */
    @FunctionalInterface
    public interface Failure<E extends Exception> {
        /** The exception to throw for a failed task. */
        E wrap(String message, Throwable cause);
    }

    /**
     * Waits for a task; an exception of type {@code type} thrown by the task is rethrown as it is,
     * anything else (and an interruption) is wrapped by {@code failure}.
     */
    public static <T, E extends Exception> T await(Future<T> future, Class<E> type, Failure<E> failure) throws E {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.wrap("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (type.isInstance(cause)) {
                throw type.cast(cause);
            }
            throw failure.wrap(Text.oneLine(cause), cause);
        }
    }
}
