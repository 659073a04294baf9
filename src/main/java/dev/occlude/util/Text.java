package dev.occlude.util;

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

    /** A throwable's message as one line, or its class name when it has none. */
    public static String oneLine(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    /** A name safe in a file name on every system: letters, digits, '_', '.', '-'; the rest becomes '_'. */
    public static String safeFileName(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
