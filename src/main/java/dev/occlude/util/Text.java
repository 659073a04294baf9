package dev.occlude.util;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Small text helpers shared by messages and file names. */
public final class Text {
    private Text() {}

    /**
     * The first non-blank line of a message, white space folded, at most 300 characters: what a
     * library says (DJL's messages can run to a stack of lines) stays one line on stderr.
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String first = message.lines().filter(l -> !l.isBlank()).findFirst().orElse("").replaceAll("\\s+", " ").trim();
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    /**
     * Text fit for a terminal: every control character (a line break, an escape that would clear
     * the screen or retitle the window, as a hostile file name or labels row may hold) written as
     * {@code \\uXXXX}, so a message stays one line and says what it says.
     */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A throwable's message as one line, or its class name when it has none. */
    public static String oneLine(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    /** Levenshtein distance: the edits that turn one word into the other (for "did you mean"). */
    public static int editDistance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** The candidate at most {@code edits} edits from the word, other than the word itself. */
    public static Optional<String> closest(String word, Collection<String> candidates, int edits) {
        return candidates.stream().filter(c -> !c.equals(word) && editDistance(word, c) <= edits)
                .min(Comparator.comparingInt(c -> editDistance(word, c)));
    }

    /** A name safe in a file name on every system: letters, digits, '_', '.', '-'; the rest becomes '_'. */
    public static String safeFileName(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
