package dev.occlude.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What makes a named input unusable before its content is looked at, in the words a user reads. */
public final class InputFiles {
    private InputFiles() {}

    /**
     * Why {@code file} cannot be read as {@code kind} ("an image", "a video"), as one line naming
     * it; null when it is a readable, non-empty regular file.
     */
    public static String problem(Path file, String kind) {
        if (!Files.exists(file)) {
            return file + ": no such file";
        }
        if (Files.isDirectory(file)) {
            return file + ": is a directory, not " + kind;
        }
        if (!Files.isRegularFile(file)) {
            // a FIFO, device or socket: opening one can block for ever
            return file + ": a special file (FIFO, device or socket), not " + kind;
        }
        if (!Files.isReadable(file)) {
            return file + ": permission denied";
        }
        try {
            return Files.size(file) == 0 ? file + ": empty file" : null;
        } catch (IOException e) {
            return file + ": cannot read (" + e.getMessage() + ")";
        }
    }
}
