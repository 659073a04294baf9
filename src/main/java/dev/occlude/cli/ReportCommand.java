package dev.occlude.cli;

import dev.occlude.report.HtmlReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code occlude report RESULTS.jsonl --out DIR}: the HTML report of an earlier run, again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes DIR/index.html, a browsable report, from the JSON lines of a run.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RESULTS.jsonl", description = "The JSON lines a run printed on stdout.")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The report's folder.")
    Path out;

    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @Override
    public Integer call() {
        try {
            Path base = results.toAbsolutePath().getParent();
            Path index = new HtmlReport(out).write(HtmlReport.readLines(results), base);
            stdout.println(index);
            return ExitCodes.OK;
        } catch (java.nio.file.NoSuchFileException e) {
            stderr.println("occlude: " + results + ": no such file");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            stderr.println("occlude: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
