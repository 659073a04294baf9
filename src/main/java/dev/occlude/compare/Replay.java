package dev.occlude.compare;

import dev.occlude.batch.Input;
import dev.occlude.batch.InputCollector;
import dev.occlude.batch.OutputClaims;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of a compare run, seen twice: model A's run reads them (stdin too, as it arrives) and
 * records them; model B's run, on another thread, takes the same inputs in the same order as A's
 * has read them, waiting for the next one while A's run may still read it.
 */
final class Replay implements InputCollector.Inputs {
    private final InputCollector.Inputs source;
    private final List<Input> seen = new ArrayList<>();
    private boolean over;

    Replay(InputCollector.Inputs source) {
        this.source = source;
    }

    @Override
    public int count() {
        return source.count();
    }

    @Override
    public List<Input> listed() {
        return source.listed();
    }

    @Override
    public boolean hasNext() {
        boolean more = source.hasNext(); // may wait for stdin: not while holding the lock
        if (!more) {
            end();
        }
        return more;
    }

    @Override
    public Input next() {
        Input i = source.next();
        synchronized (this) {
            seen.add(i);
            notifyAll();
        }
        return i;
    }

    /** Model A's run reads no more: B's replay ends after what A read. */
    synchronized void end() {
        over = true;
        notifyAll();
    }

    /** Whether {@code file} is one of the inputs read so far (by the key the run's output claims use). */
    synchronized boolean isInput(Path file) {
        String f = OutputClaims.caseKey(file);
        return seen.stream().anyMatch(i -> i.path() != null && OutputClaims.caseKey(i.path()).equals(f));
    }

    /** The inputs that model A's run reads, as it reads them, to go through again. */
    InputCollector.Inputs again() {
        return new InputCollector.Inputs() {
            private int next;

            @Override
            public int count() {
                return source.count();
            }

            @Override
            public List<Input> listed() {
                return source.listed();
            }

            @Override
            public boolean hasNext() {
                synchronized (Replay.this) {
                    try {
                        while (next >= seen.size() && !over) {
                            Replay.this.wait();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false; // the run stopped
                    }
                    return next < seen.size();
                }
            }

            @Override
            public Input next() {
                synchronized (Replay.this) {
                    return seen.get(next++);
                }
            }
        };
    }
}
