package dev.occlude.batch;

import java.util.HashSet;
import java.util.Set;

/**
 * How a recursive listing enters directories, one rule for the command line's {@link InputCollector}
 * and the Spark job's listing: a directory is known by its real path (links resolved); one that is
 * its own ancestor is a cycle, said once and not entered; one already entered by another path is
 * passed over quietly, so its files are inputs once however many links lead to it (a ladder of
 * links that reaches one folder by 2^24 paths lists it once).
 *
 * @param <K> how a real path is held (a local {@code Path}, or a URI's text on another file system)
 */
public final class DirectoryVisits<K> {
    /** What to do with a directory. */
    public enum Visit {
        /** List it (then {@link #leave} it). */
        ENTER,
        /** A link back to a directory above: report it, do not enter. */
        CYCLE,
        /** Listed already by another path: pass over it quietly. */
        SEEN
    }

    private final Set<K> ancestors = new HashSet<>();
    private final Set<K> entered = new HashSet<>();

    /** Decides on the directory whose real path is {@code real}; after {@link Visit#ENTER}, call {@link #leave}. */
    public Visit enter(K real) {
        if (ancestors.contains(real)) {
            return Visit.CYCLE;
        }
        if (!entered.add(real)) {
            return Visit.SEEN;
        }
        ancestors.add(real);
        return Visit.ENTER;
    }

    /** Done listing the directory entered as {@code real}. */
    public void leave(K real) {
        ancestors.remove(real);
    }

    /** The line for a directory link found to be a cycle. */
    public static String cycle(Object dir, Object real) {
        return dir + ": a link back to " + real + " (a directory cycle); not entered again";
    }
}
