package dev.occlude.util;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Keeps libtorch's C++ warnings (NNPACK's "Unsupported hardware" on CPUs without AVX2, warnings a
 * TorchScript network raises) off the process's stderr. libtorch writes them to file descriptor 2
 * from native code, where neither Java's logging nor an environment variable reaches (DJL never
 * calls c10's log-level setup), so the command line points descriptor 2 at a pipe whose reader
 * drops those lines ({@link NativeWarnings}) and writes the rest to the real stderr, at once and in
 * order. For {@code main} methods only: a library leaves its host's stderr alone. Through JNA,
 * which DJL already brings.
 */
public final class NativeStderr {
    /** The C library's calls on file descriptors. */
    public interface C extends Library {
        /** C's isatty. */
        int isatty(int fd);

        /** C's dup. */
        int dup(int fd);

        /** C's dup2. */
        int dup2(int from, int to);

        /** C's pipe. */
        int pipe(int[] fds);

        /** C's close. */
        int close(int fd);

        /** C's read (LP64: size_t and ssize_t are 64-bit). */
        long read(int fd, byte[] buffer, long count);

        /** C's write. */
        long write(int fd, byte[] buffer, long count);
    }

    private static C c;
    private static Thread pump;
    private static int real = -1;
    private static boolean terminal;

    private NativeStderr() {}

    /**
     * From now on, libtorch's warning lines are dropped from stderr; a no-op when already done or
     * when the C library cannot be reached (the warnings then pass, nothing else changes).
     */
    public static synchronized void filterWarnings() {
        if (pump != null) {
            return;
        }
        try {
            c = Native.load("c", C.class);
            terminal = c.isatty(2) == 1;
            int[] fds = new int[2];
            if (c.pipe(fds) != 0) {
                return;
            }
            int original = c.dup(2);
            System.err.flush();
            if (original < 0 || c.dup2(fds[1], 2) < 0) {
                c.close(fds[0]);
                c.close(fds[1]);
                return;
            }
            c.close(fds[1]);
            real = original;
            int from = fds[0];
            pump = new Thread(() -> pump(from), "occlude-stderr");
            pump.setDaemon(true);
            pump.start();
            Runtime.getRuntime().addShutdownHook(new Thread(NativeStderr::finish, "occlude-stderr-flush"));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // no filter: libtorch's warnings pass, nothing else changes
        }
    }

    /**
     * Runs a command line's {@code main} body with libtorch's warnings filtered (unless the
     * arguments ask for {@code --verbose}) and every byte of stderr written before it returns.
     */
    public static int runFiltered(String[] args, IntSupplier body) {
        if (!Arrays.asList(args).contains("--verbose")) {
            filterWarnings();
        }
        int code = body.getAsInt();
        finish();
        return code;
    }

    /** Whether the real stderr is a terminal (descriptor 2 is a pipe while the filter runs). */
    public static synchronized boolean isTerminal() {
        return pump != null ? terminal : TerminalCheck.stderr();
    }

    /** Points descriptor 2 back at the real stderr and waits until every byte before it is written. */
    public static synchronized void finish() {
        if (pump == null || real < 0) {
            return;
        }
        System.err.flush();
        c.dup2(real, 2); // the pipe's last writer gone: the pump reads to its end and stops
        try {
            pump.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pump(int from) {
        NativeWarnings warnings = new NativeWarnings();
        byte[] buffer = new byte[8192];
        while (true) {
            long n = c.read(from, buffer, buffer.length);
            if (n <= 0) {
                break;
            }
            byte[] kept = warnings.filter(buffer, (int) n);
            int done = 0;
            while (done < kept.length) {
                byte[] rest = done == 0 ? kept : Arrays.copyOfRange(kept, done, kept.length);
                long w = c.write(real, rest, rest.length);
                if (w <= 0) {
                    break;
                }
                done += (int) w;
            }
        }
        c.close(from);
    }

    /** isatty(2) when no filter runs. */
    private static final class TerminalCheck {
        static boolean stderr() {
            try {
                return Native.load("c", C.class).isatty(2) == 1;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return false;
            }
        }
    }
}
