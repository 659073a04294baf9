package dev.occlude.compare;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A {@link PrintWriter} that hands each complete line to a consumer instead of a stream: how a
 * side's batch run gives its JSON lines and its stderr lines to the compare run. It reports an
 * error when {@code closed} says the real output has gone, so the side's run stops as a plain run would.
 */
final class LineTap extends PrintWriter {
    private final BooleanSupplier closed;

    LineTap(Consumer<String> lines, BooleanSupplier closed) {
        super(new Splitter(lines), true);
        this.closed = closed;
    }

    @Override
    public boolean checkError() {
        return super.checkError() || closed.getAsBoolean();
    }

    /** Buffers characters until a line break, then gives the line (without it) away. */
    private static final class Splitter extends Writer {
        private final Consumer<String> lines;
        private final StringBuilder line = new StringBuilder();

        Splitter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = cbuf[i];
                if (c == '\n') {
                    String l = line.toString();
                    line.setLength(0);
                    lines.accept(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
                } else {
                    line.append(c);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public synchronized void close() {
            if (line.length() > 0) {
                lines.accept(line.toString());
                line.setLength(0);
            }
        }
    }
}
