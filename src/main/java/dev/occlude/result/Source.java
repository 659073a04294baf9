package dev.occlude.result;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * Which input made an outcome: the file's real path, size and modification time when it was
 * read. Resuming redoes an image whose source is another file, or the same file changed since.
 *
 * @param path the input's real path (links resolved)
 * @param bytes its size
 * @param modified its modification time, ISO-8601 in UTC
 */
public record Source(String path, long bytes, String modified) {
    /** The source as the file is now. */
    public static Source of(Path file) throws IOException {
        Path real = file.toRealPath();
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        // to the millisecond, as every file system (and Hadoop's listing) can tell it
        return of(real.toString(), a.size(), a.lastModifiedTime().toMillis());
    }

    /** A source known from elsewhere (a distributed file system's listing). */
    public static Source of(String path, long bytes, long modifiedMillis) {
        return new Source(path, bytes, Instant.ofEpochMilli(modifiedMillis).toString());
    }

    /** Whether {@code file} is still this source: the same real path, size and modification time. */
    public boolean matches(Path file) {
        try {
            return equals(of(file));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
