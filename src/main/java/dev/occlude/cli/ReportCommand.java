package dev.occlude.cli;

import dev.occlude.options.ExitCodes;
import dev.occlude.report.HtmlReport;
import dev.occlude.result.ResultCodec;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code occlude report RESULTS.jsonl --out DIR}: the HTML report of an earlier run, again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes DIR/index.html, a browsable report, from the JSON lines of a run.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULTS.jsonl", description = "The JSON lines a run printed on stdout.")
    Path results;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "The report's folder.")
    Path out;

    @Option(names = "--copy", description = "Copy the overlays into the report's folder, so that it can be moved "
            + "(default: link them where they are).")
    boolean copy;

    @Override
    public Integer call() {
        try {
            Path base = results.toAbsolutePath().getParent();
            Path index = new HtmlReport(out, copy).write(ResultCodec.readLines(results), base);
            spec.commandLine().getOut().println(index);
            return ExitCodes.OK;
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("occlude: " + results + ": no such file");
            return ExitCodes.USAGE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("occlude: " + e.getMessage());
            return ExitCodes.FAILED;
        }
    }
}
