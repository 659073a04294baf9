package dev.occlude.io;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file through a temporary sibling and a move, so a reader (or a run killed half-way)
 * sees either the old file, no file, or the complete new one. Temporaries are named
 * {@code .NAME.HOST-PID.RANDOM.tmp}, HOST naming the machine and PID namespace (a container)
 * the process runs in, NAME shortened with a digest when the whole would pass 255 bytes: a later
 * run removes those of processes of its own HOST that are gone (a killed run's), never those of a
 * process still writing nor those of another machine or container, whose PIDs it cannot check;
 * {@link #removeLiveTemporaries()} lets a stopping process remove its own. A folder is tidied at a
 * process's first write into it, not at every write: listing a folder of 10,000 outputs before
 * each of 10,000 writes made writing them quadratic (a report's thumbnails took minutes).
 */
public final class AtomicFiles {
    /** What writes the content. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the whole content to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    /** What writes the content to a file it is given (a library that takes a file name, such as FFmpeg). */
    @FunctionalInterface
    public interface FileWriter {
        /** Writes the whole content into {@code file} (a temporary beside the target). */
        void write(Path file) throws IOException;
    }

    private static final long PID = ProcessHandle.current().pid();
    /** The machine and PID namespace: PIDs mean something only within one. */
    private static final String HOST = hostKey();
    /** Room a temporary's name leaves for the target's name within 255 bytes. */
    private static final int NAME_ROOM = 255 - 48;
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();
    /** Folders this process has tidied of gone processes' temporaries (at its first write into each). */
    private static final Set<Path> TIDIED = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {}

    /** Temp files are created owner-only; outputs are ordinary files (rw-r--r--) like any other. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep what it gave
        }
    }

    private static String hostKey() {
        String host = "";
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            // no name: the namespace alone
        }
        String namespace = "";
        try {
            namespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
        } catch (IOException | RuntimeException e) {
            // not Linux: the host alone
        }
        return digest(host + "|" + namespace).substring(0, 8);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The target's name as its temporaries carry it: shortened (start kept, digest added) when too long. */
    static String tempName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= NAME_ROOM) {
            return name;
        }
        int keep = NAME_ROOM - 18;
        String start = new String(bytes, 0, keep, StandardCharsets.UTF_8);
        while (start.getBytes(StandardCharsets.UTF_8).length > keep || start.endsWith("\uFFFD")) {
            start = start.substring(0, start.length() - 1); // never half a character
        }
        return start + "~" + digest(name).substring(0, 16);
    }

    /**
     * How the temporaries of the file {@code name} written by process {@code pid} of this machine
     * and PID namespace begin: {@code .NAME.HOST-PID.} (a random part and {@code .tmp} follow).
     */
    public static String temporaryPrefix(String name, long pid) {
        return "." + tempName(name) + "." + HOST + "-" + pid + ".";
    }

    /**
     * Temporaries in {@code dir} left by processes of this HOST that no longer run: never a finished
     * file, so they go. Once per folder and process.
     */
    private static void removeStaleTemporaries(Path dir) {
        if (!TIDIED.add(dir)) {
            return;
        }
        Pattern own = Pattern.compile("\\..+\\." + Pattern.quote(HOST + "-") + "(\\d+)\\.[^.]+\\.tmp");
        // another machine's or container's temporaries (another HOST) are never touched: their PIDs are not ours
        try (var candidates = Files.newDirectoryStream(dir, p -> p.getFileName().toString().endsWith(".tmp"))) {
            for (Path p : candidates) {
                Matcher m = own.matcher(p.getFileName().toString());
                if (m.matches() && !running(Long.parseLong(m.group(1)))) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to tidy, or not allowed to: the new file is written all the same
        }
    }

    private static boolean running(long pid) {
        return pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Writes {@code target} atomically; its folder is created when missing. */
    public static void write(Path target, Writer writer) throws IOException {
        writeFile(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
        });
    }

    /**
     * Writes {@code target} atomically through a temporary file beside it that {@code writer}
     * fills (it may replace it); its folder is created when missing.
     */
    public static void writeFile(Path target, FileWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        removeStaleTemporaries(dir);
        Path tmp = Files.createTempFile(dir, temporaryPrefix(target.getFileName().toString(), PID), ".tmp");
        LIVE.add(tmp);
        try {
            writer.write(tmp);
            readableByAll(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
            LIVE.remove(tmp);
        }
    }

    /** Deletes the temporaries this process is writing now (for a shutdown hook); returns how many. */
    public static int removeLiveTemporaries() {
        int n = 0;
        for (Path p : LIVE) {
            try {
                n += Files.deleteIfExists(p) ? 1 : 0;
            } catch (IOException e) {
                // best effort while stopping
            }
        }
        return n;
    }
}
