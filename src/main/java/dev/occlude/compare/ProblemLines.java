package dev.occlude.compare;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The two sides' problem lines on the compare's stderr, each named by the model that met it; a
 * problem both models meet (a file neither can read) said once, as a plain run says it, without
 * a model's name, since it is the input's. Model A's lines wait until model B has handled the
 * same input (B is behind A), then go out named A when B did not say them too. A plain run's
 * end-of-run tallies are dropped: the compare's own table replaces them.
 */
final class ProblemLines {
    private static final String PREFIX = "occlude: ";

    private final PrintWriter err;
    private final String nameA;
    private final String nameB;
    /** Model A's problems not yet said, each with the number of A's result lines before it. */
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> saidByA = new HashSet<>();
    private int linesA;

    private record Pending(int beforeLine, String message) {}

    ProblemLines(PrintWriter err, String nameA, String nameB) {
        this.err = err;
        this.nameA = nameA;
        this.nameB = nameB;
    }

    /** Model A's stderr. */
    PrintWriter a() {
        return new LineTap(line -> problem(line, true), () -> false);
    }

    /** Model B's stderr. */
    PrintWriter b() {
        return new LineTap(line -> problem(line, false), () -> false);
    }

    /** Model A printed a result line; returns its number (from 0): its problems were said before it. */
    synchronized int lineOfA() {
        return linesA++;
    }

    /** Model B has handled the input of A's result line {@code number}: A's problems up to it go out. */
    synchronized void passed(int number) {
        for (Iterator<Pending> i = pending.iterator(); i.hasNext(); ) {
            Pending p = i.next();
            if (p.beforeLine() <= number) {
                say(nameA, p.message());
                i.remove();
            }
        }
    }

    /** Says every problem of model A still waiting (B's run is over, or has not begun). */
    synchronized void flush() {
        passed(Integer.MAX_VALUE);
    }

    private synchronized void problem(String line, boolean first) {
        if (!line.startsWith(PREFIX)) {
            return; // a plain run's end-of-run tallies
        }
        String message = line.substring(PREFIX.length());
        if (first) {
            if (saidByA.add(message)) {
                pending.add(new Pending(linesA, message));
            }
            return;
        }
        if (pending.removeIf(p -> p.message().equals(message))) {
            say(null, message); // both models met it: the input's problem
        } else {
            say(nameB, message);
        }
    }

    private void say(String model, String message) {
        err.println(PREFIX + (model == null ? "" : model + ": ") + message);
        err.flush();
    }
}
