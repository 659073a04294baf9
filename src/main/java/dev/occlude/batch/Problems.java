package dev.occlude.batch;

import dev.occlude.util.Text;
import java.io.PrintWriter;

/** Where a run says what went wrong and what it tallied: one {@code occlude:} line per problem on stderr. */
final class Problems {
    private final PrintWriter err;

    Problems(PrintWriter err) {
        this.err = err;
    }

    /**
     * One line, whatever the message holds (a file name with a line break, or a terminal escape,
     * stays one line of plain text); returns 1.
     */
    int report(String message) {
        err.println("occlude: " + Text.printable(message.replace("\r", "\\r").replace("\n", "\\n")));
        err.flush();
        return 1;
    }

    /** Text as it is (a table, a tally), flushed. */
    void print(String text) {
        err.print(text);
        err.flush();
    }
}
