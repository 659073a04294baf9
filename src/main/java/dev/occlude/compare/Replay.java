package dev.occlude.compare;

import dev.occlude.batch.Input;
import dev.occlude.batch.InputCollector;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of a compare run, seen twice: model A's pass reads them (stdin too, as it arrives)
 * and records them; model B's pass replays the same list, so both see the same inputs in the same order.
 */
final class Replay implements InputCollector.Inputs {
    private final InputCollector.Inputs source;
    private final List<Input> seen = new ArrayList<>();

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
        return source.hasNext();
    }

    @Override
    public Input next() {
        Input i = source.next();
        seen.add(i);
        return i;
    }

    /** Whether {@code file} is one of the inputs read so far (by its normalised path, or its real one). */
    boolean isInput(java.nio.file.Path file) {
        java.nio.file.Path f = canonical(file);
        return seen.stream().anyMatch(i -> i.path() != null && canonical(i.path()).equals(f));
    }

    private static java.nio.file.Path canonical(java.nio.file.Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The inputs that the first pass read, to go through again. */
    InputCollector.Inputs again() {
        List<Input> all = List.copyOf(seen);
        var it = all.iterator();
        return new InputCollector.Inputs() {
            @Override
            public int count() {
                return all.size();
            }

            @Override
            public List<Input> listed() {
                return source.listed();
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Input next() {
                return it.next();
            }
        };
    }
}
