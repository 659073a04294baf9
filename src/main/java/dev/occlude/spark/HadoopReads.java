package dev.occlude.spark;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Reads through Hadoop's file systems with a disk's read error as an {@link IOException}: Hadoop's
 * local file system throws it as {@link FSError}, an {@code Error} (a file linked to /proc/self/mem,
 * a failing disk), which no task catches: it failed the task four times and so the whole job.
 */
final class HadoopReads {
    private HadoopReads() {}

    /** The file's first {@code max} bytes (all of them with {@code Integer.MAX_VALUE}). */
    static byte[] read(FileSystem fs, Path p, int max) throws IOException {
        try (InputStream in = fs.open(p)) {
            return in.readNBytes(max);
        } catch (FSError e) {
            throw asIoException(e);
        }
    }

    /** The read error inside Hadoop's {@link FSError}. */
    static IOException asIoException(FSError e) {
        return e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
}
