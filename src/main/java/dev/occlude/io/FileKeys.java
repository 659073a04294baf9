package dev.occlude.io;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the rows of a labels or regions file name inputs: by a path that the input's path ends with,
 * component by component ({@code red-day.jpg} and {@code lab/red-day.jpg} both name
 * {@code /data/lab/red-day.jpg}), after normalising ({@code ./red-day.jpg} is {@code red-day.jpg}).
 * Two rows one of which ends the other could name one file, so a file holding both is refused:
 * then an input matches at most one row, the same on the command line and in the Spark job.
 */
final class FileKeys {
    private FileKeys() {}

    /** A row's file as a key: normalised, without {@code ./}. */
    static String key(Path csv, long line, String file) throws IOException {
        try {
            String k = Path.of(file).normalize().toString();
            if (k.isEmpty()) {
                throw new IOException(csv + ": line " + line + ": the row names no file ('" + file + "')");
            }
            return k;
        } catch (InvalidPathException e) {
            throw new IOException(csv + ": line " + line + ": '" + file + "' is not a file path (" + e.getReason() + ")");
        }
    }

    /** The keys an input's path can be named by, longest first: the path itself, then each of its endings. */
    static List<String> of(Path image) {
        Path p = image.normalize();
        List<String> keys = new ArrayList<>();
        keys.add(p.toString());
        for (int i = 1; i < p.getNameCount(); i++) {
            keys.add(p.subpath(i, p.getNameCount()).toString());
        }
        if (p.isAbsolute() && p.getNameCount() > 0) {
            keys.add(p.subpath(0, p.getNameCount()).toString());
        }
        return keys;
    }

    /**
     * Refuses two rows that could name one file (one row's path ends the other's).
     *
     * @param lines each key → the line of its first row
     */
    static void checkDistinct(Path csv, Map<String, Long> lines) throws IOException {
        for (Map.Entry<String, Long> row : lines.entrySet()) {
            List<String> endings = of(Path.of(row.getKey()));
            for (String ending : endings.subList(1, endings.size())) {
                Long other = lines.get(ending);
                if (other != null) {
                    long first = Math.min(other, row.getValue());
                    long second = Math.max(other, row.getValue());
                    throw new IOException(csv + ": lines " + first + " and " + second + " (" + ending + " and "
                            + row.getKey() + ") can name one file, as a row names every input whose path ends "
                            + "with it; keep one");
                }
            }
        }
    }
}
