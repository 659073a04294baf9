package dev.occlude.batch;

import dev.occlude.io.AtomicFiles;
import java.io.PrintWriter;

/**
 * SIGTERM or Ctrl-C during a run: the temporaries being written are removed (finished outputs
 * stay whole, as always) and one line says the run was stopped, so a resumed run starts clean.
 */
public final class Interruption implements AutoCloseable {
    private final Thread hook;
    private volatile boolean finished;

    private Interruption(PrintWriter err) {
        this.hook = new Thread(() -> {
            if (!finished) {
                int removed = AtomicFiles.removeLiveTemporaries();
                err.println("occlude: interrupted; finished outputs are whole"
                        + (removed > 0 ? ", " + removed + " partial file" + (removed > 1 ? "s" : "") + " removed" : "")
                        + " (--skip-existing resumes)");
                err.flush();
            }
        }, "occlude-interrupted");
    }

    /** Watches the process's own stops when this is the process's command line; else does nothing. */
    public static Interruption watch(boolean console, PrintWriter err) {
        Interruption i = new Interruption(err);
        if (console) {
            Runtime.getRuntime().addShutdownHook(i.hook);
        }
        return i;
    }

    /** The run ended by itself: a later exit is no interruption. */
    public void done() {
        finished = true;
    }

    @Override
    public void close() {
        finished = true;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never added
        }
    }
}
