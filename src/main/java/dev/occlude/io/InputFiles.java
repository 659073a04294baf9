package dev.occlude.io;

import java.io.IOException;
import java.nio.file.FileSystemException;
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
        if (!nameable(file)) {
            return shown(file) + ": its name is not valid in this system's file-name encoding ("
                    + System.getProperty("sun.jnu.encoding") + "), so no result line could name it; rename it "
                    + "(convmv -f latin1 -t utf-8, for instance)";
        }
        if (!Files.exists(file)) {
            return missing(file);
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

    /**
     * Whether the path's text names the same file as the path (a name listed from a folder in
     * another encoding, such as Latin-1 bytes under UTF-8, does not: it cannot be written in a
     * result line, nor opened by a library that takes a name).
     */
    public static boolean nameable(Path file) {
        try {
            return file.getFileSystem().getPath(file.toString()).equals(file);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Why reading {@code file} as {@code kind} failed with {@code e}, in one line naming it. */
    public static String unreadable(Path file, String kind, IOException e) {
        String problem = problem(file, kind);
        return problem != null ? problem : file + ": cannot read (" + (e instanceof FileSystemException f
                && f.getReason() != null ? f.getReason() : e.getClass().getSimpleName()) + ")";
    }

    /** A path whose name cannot be decoded, with the undecodable bytes as %XX (as a file: URI gives them). */
    public static String shown(Path file) {
        String raw = file.toAbsolutePath().toUri().getRawPath();
        String name = raw.substring(raw.lastIndexOf('/', raw.length() - 2) + 1);
        Path parent = file.getParent();
        return parent == null ? name : parent + "/" + name;
    }

    /** Why a path that does not lead to a file leads nowhere: missing, a broken link, a loop of links. */
    public static String missing(Path file) {
        if (!Files.isSymbolicLink(file)) {
            return file + ": no such file";
        }
        try {
            file.toRealPath();
            return file + ": cannot read";
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? "" : e.getReason();
            return reason.contains("levels of symbolic links") ? file + ": a loop of symbolic links"
                    : file + ": a symbolic link to a file that does not exist";
        } catch (IOException e) {
            return file + ": a symbolic link to a file that does not exist";
        }
    }
}
