package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.options.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Exit 2 only for what is really usage; a bug is exit 1 with its message, its trace only with --verbose. */
@Tag("model")
class ExitCodeTest {
    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        @Option(names = "--n")
        int n;

        @Override
        public Integer call() {
            throw new IllegalArgumentException("a bug, not a usage error (n=" + n + ")");
        }
    }

    private static int run(StringWriter err, boolean verbose, String... args) {
        CommandLine cli = new CommandLine(new Failing());
        PrintWriter w = new PrintWriter(err, true);
        cli.setErr(w);
        Main.handleFailures(cli, w, verbose);
        return cli.execute(args);
    }

    @Test
    void anUnexpectedExceptionIsExitOneWithItsMessage() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.FAILED, run(err, false, "--n", "3"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("a bug, not a usage error (n=3)"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void withVerboseTheStackTraceFollows() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.FAILED, run(err, true, "--n", "3"));
        assertTrue(err.toString().contains("\tat "), err.toString());
    }

    @Test
    void aBadOptionIsUsage() {
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.USAGE, run(err, false, "--n", "three"));
        assertTrue(err.toString().contains("--n"), err.toString());
    }
}
