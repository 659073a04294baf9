package dev.occlude.compare;

import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-of-run table on stderr: verdicts by true class, the pointing game and the triage kinds of
 * each model side by side, and the frames whose focus moved most.
 */
final class CompareTally {
    /** Frames listed as those whose focus moved most. */
    private static final int MOVED = 5;

    private final String nameA;
    private final String nameB;
    private final Map<String, int[]> verdicts = new TreeMap<>();
    private final int[] pointingHits = new int[2];
    private final int[] pointingFrames = new int[2];
    private final Map<String, int[]> kinds = new LinkedHashMap<>();
    private final List<Moved> moved = new ArrayList<>();
    private int frames;

    private record Moved(String frame, double distance) {}

    CompareTally(String nameA, String nameB) {
        this.nameA = nameA;
        this.nameB = nameB;
    }

    /** Counts one compared frame ({@code a} or {@code b} null when that side has no record). */
    void add(String frame, Outcome a, Outcome b, Verdict v, Double distance) {
        frames++;
        if (v.verdict() != null) {
            int[] row = verdicts.computeIfAbsent(v.label(), k -> new int[Verdict.ALL.length]);
            row[List.of(Verdict.ALL).indexOf(v.verdict())]++;
        }
        side(0, a, v.kindA());
        side(1, b, v.kindB());
        if (distance != null) {
            moved.add(new Moved(frame, distance));
        }
    }

    private void side(int s, Outcome o, String kind) {
        if (o instanceof Mapped m && m.pointing() != null) {
            pointingHits[s] += m.pointing().hit() ? 1 : 0;
            pointingFrames[s]++;
        }
        if (o != null && o.label() != null) {
            kinds.computeIfAbsent(o.label().mistake() ? kind == null ? "mistake" : kind : "right",
                    k -> new int[2])[s]++;
        }
    }

    /** The table, or an empty text when no frame was compared. */
    String table() {
        if (frames == 0) {
            return "";
        }
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "compare: A %s, B %s, %d frame%s%n", nameA, nameB, frames,
                frames == 1 ? "" : "s"));
        if (!verdicts.isEmpty()) {
            t.append(String.format(Locale.ROOT, "%-16s %6s %6s %11s %11s%n", "true class", "fixed", "broke",
                    "both-right", "both-wrong"));
            verdicts.forEach((label, row) -> t.append(String.format(Locale.ROOT, "%-16s %6d %6d %11d %11d%n",
                    label, row[0], row[1], row[2], row[3])));
        }
        if (!kinds.isEmpty() || pointingFrames[0] + pointingFrames[1] > 0) {
            t.append(String.format(Locale.ROOT, "%-16s %12s %12s%n", "", "A", "B"));
            if (pointingFrames[0] + pointingFrames[1] > 0) {
                t.append(String.format(Locale.ROOT, "%-16s %12s %12s%n", "pointing game",
                        pointingHits[0] + " of " + pointingFrames[0], pointingHits[1] + " of " + pointingFrames[1]));
            }
            kinds.forEach((kind, n) -> t.append(String.format(Locale.ROOT, "%-16s %12d %12d%n", kind, n[0], n[1])));
        }
        if (!moved.isEmpty()) {
            t.append("focus moved most (source pixels between the worst patches):").append(System.lineSeparator());
            moved.stream().sorted(Comparator.comparingDouble(Moved::distance).reversed()).limit(MOVED)
                    .forEach(m -> t.append(String.format(Locale.ROOT, "%8.1f  %s%n", m.distance(), m.frame())));
        }
        if (moved.size() < frames) {
            // a frame where either side has no focus (or no record) has no distance: say so, not leave it out quietly
            int without = frames - moved.size();
            t.append(String.format(Locale.ROOT, "focus moved: %d of %d frame%s without a distance (a side without "
                    + "focus, or an error)%n", without, frames, frames == 1 ? "" : "s"));
        }
        return t.toString();
    }
}
