package dev.occlude.batch;

import dev.occlude.util.NativeStderr;
import java.io.PrintStream;
import java.text.DecimalFormat;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar on stderr: images done / total with rate and ETA, and within an image the
 * variants done. Shown only when stderr is a terminal, so logs of unattended runs stay clean.
 */
public final class TerminalProgress implements RunProgress {
    private final ProgressBar bar;

    private TerminalProgress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar on the process's stderr when it is a terminal and not silenced, otherwise nothing. */
    public static RunProgress forStderr(int images, boolean wanted) {
        if (!wanted || !stderrIsTerminal()) {
            return RunProgress.NONE;
        }
        PrintStream stderr = System.err;
        return new TerminalProgress(new ProgressBarBuilder().setTaskName("occlude").setInitialMax(images)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().setUnit(" img", 1)
                .showSpeed(new DecimalFormat("0.00")).setConsumer(new ConsoleProgressBarConsumer(stderr)).build());
    }

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

    /** Whether stderr is a terminal (a bar would be read there). */
    public static boolean stderrIsTerminal() {
        return NativeStderr.isTerminal();
    }
}
