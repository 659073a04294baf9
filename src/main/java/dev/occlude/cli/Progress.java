package dev.occlude.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress display on stderr: images done / total with rate and ETA, and within an image the
 * variants done. Shown only when stderr is a terminal, so logs of unattended runs stay clean.
 */
interface Progress extends AutoCloseable {
    void image(int done);

    void variants(int done, int total);

    @Override
    void close();

    Progress NONE = new Progress() {
        @Override
        public void image(int done) { }

        @Override
        public void variants(int done, int total) { }

        @Override
        public void close() { }
    };

    /** A bar when stderr is a terminal and not silenced, otherwise nothing. */
    static Progress forStderr(int images, boolean quiet, PrintStream stderr) {
        if (quiet || stderr != System.err || !Terminal.stderrIsTerminal()) {
            return NONE;
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName("occlude").setInitialMax(images)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().setUnit(" img", 1).showSpeed(new java.text.DecimalFormat("0.00"))
                .setConsumer(new ConsoleProgressBarConsumer(stderr)).build();
        return new Progress() {
            @Override
            public void image(int done) {
                bar.stepTo(done);
                bar.setExtraMessage("");
            }

            @Override
            public void variants(int done, int total) {
                bar.setExtraMessage(" variants " + done + "/" + total);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** isatty(2) through JNA (which DJL already brings): Java itself cannot ask about stderr alone. */
    final class Terminal {
        private Terminal() {}

        interface C extends Library {
            int isatty(int fd);
        }

        static boolean stderrIsTerminal() {
            try {
                return Native.load("c", C.class).isatty(2) == 1;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                return false;
            }
        }
    }
}
