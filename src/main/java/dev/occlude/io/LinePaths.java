package dev.occlude.io;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The files a results line names (its input, overlay, map, table): a path is read as given when a
 * regular file is there, else relative to the results file's folder, as a run written elsewhere
 * names them. A path the platform cannot name (a NUL in a crafted line) names nothing.
 */
public final class LinePaths {
    private LinePaths() {}

    /**
     * The regular file {@code path} names, as given or under {@code base} (the results file's
     * folder, or null); null when neither holds one or {@code path} is null or not a path.
     */
    public static Path find(String path, Path base) {
        if (path == null) {
            return null;
        }
        try {
            Path p = Path.of(path);
            if (Files.isRegularFile(p)) {
                return p;
            }
            return base != null && Files.isRegularFile(base.resolve(path)) ? base.resolve(path) : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
