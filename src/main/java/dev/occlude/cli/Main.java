package dev.occlude.cli;

import dev.occlude.model.DjlSetup;
import dev.occlude.options.ExitCodes;
import dev.occlude.options.HelpTexts;
import dev.occlude.util.NativeStderr;
import dev.occlude.util.Text;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ResourceBundle;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** Entry point: logs to stderr (warnings only unless --verbose), results to stdout, exit 0/1/2. */
public final class Main {
    private Main() {}

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(NativeStderr.runFiltered(args, () -> run(args))); // libtorch's C++ warnings: with --verbose only
    }

    /** Runs the command line on the process's own streams and returns the exit code. */
    public static int run(String... args) {
        // stdout as the file descriptor itself: System.out (a PrintStream) swallows the broken
        // pipe of `| head -n 1`, so the run would never learn that nobody reads its lines
        return run(System.in, new FileOutputStream(FileDescriptor.out), System.err, true, args);
    }

    /**
     * Runs the command line on the given streams and returns the exit code (for tests and
     * embedding). {@code console}: the streams are the process's own, so a progress bar may show
     * when stderr is a terminal.
     */
    public static int run(InputStream in, OutputStream out, OutputStream err, boolean console, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        DjlSetup.configure(verbose);
        PrintWriter stderr = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        CommandLine cli = new CommandLine(new OccludeCommand(in, console));
        // compare reads stdin as occlude does; its texts: its own, then occlude's options', then the shared ones
        cli.addSubcommand("compare", new CommandLine(new CompareCommand(in, console)));
        cli.getSubcommands().get("compare").getCommandSpec().resourceBundle(new CompareHelp());
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(stderr);
        // the main command's texts only: on the subcommands they would replace their own usage
        cli.getCommandSpec().resourceBundle(new HelpTexts("dev.occlude.cli.help"));
        // the report command shares the look's options and their texts
        cli.getSubcommands().get("report").getCommandSpec().resourceBundle(
                ResourceBundle.getBundle("dev.occlude.options.help"));
        // serve shares --max-pixels and its text
        cli.getSubcommands().get("serve").getCommandSpec().resourceBundle(
                ResourceBundle.getBundle("dev.occlude.options.help"));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // an option's value may start with '-' (--scale -0.5,0.5 is not the option -0), as getopt allows
        cli.setAllowOptionsAsOptionParameters(true);
        handleFailures(cli, stderr, verbose);
        int code = cli.execute(args);
        cli.getOut().flush();
        stderr.flush();
        return code;
    }

    /**
     * Exit codes for what goes wrong: a usage error is one line and exit 2; anything unexpected (a
     * bug, not the user's doing) is one line and exit 1, with the stack trace only when verbose.
     */
    static void handleFailures(CommandLine cli, PrintWriter stderr, boolean verbose) {
        cli.setParameterExceptionHandler((e, a) -> {
            String hint = " (see occlude --help)";
            if (e instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                hint = " (did you mean " + String.join(" or ", u.getSuggestions()) + "? see occlude --help)";
            }
            // picocli's group refusals start "Error: "; the line already says whose it is
            stderr.println("occlude: " + e.getMessage().replaceAll("\\s+", " ").trim().replaceFirst("^Error: ", "") + hint);
            return ExitCodes.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            stderr.println("occlude: unexpected failure: " + Text.oneLine(e));
            if (verbose) {
                e.printStackTrace(stderr);
            }
            return ExitCodes.FAILED;
        });
    }
}
