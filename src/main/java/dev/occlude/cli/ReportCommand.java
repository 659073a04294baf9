package dev.occlude.cli;

import com.google.gson.JsonParser;
import dev.occlude.compare.CompareReport;
import dev.occlude.io.InputFiles;
import dev.occlude.io.OwnFiles;
import dev.occlude.options.ExitCodes;
import dev.occlude.options.LookOptions;
import dev.occlude.report.HtmlReport;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
import dev.occlude.util.Text;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code occlude report RESULTS.jsonl --out DIR}: the HTML report of an earlier run, again. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes DIR/index.html, a browsable report, from the JSON lines of a run.",
                "Give the run's --look, --colormap, --alpha and --scale to draw the thumbnails as its overlays."})
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

    /** The thumbnails' look: give the run's (--look, --colormap, --alpha, --scale) to draw them as its overlays. */
    @CommandLine.Mixin
    LookOptions look;

    /** The file's first non-blank line; empty when there is none or it is not text (the plain path says why). */
    private static String firstLine(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).findFirst().orElse("");
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // an empty results file is a run that wrote no line (every input refused, or none given): a
        // page that says so, not a refusal
        boolean empty = Files.isRegularFile(results) && results.toFile().length() == 0;
        String problem = empty ? null : InputFiles.problem(results, "a results file");
        if (problem != null) {
            err.println("occlude: " + problem.replace(": is a directory, not a results file",
                    ": a folder; give the JSON lines a run printed (occlude ... > results.jsonl)"));
            return ExitCodes.USAGE;
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            err.println("occlude: --out " + out + " is a file, not a folder");
            return ExitCodes.USAGE;
        }
        if (!OwnFiles.absentOrOwn(out.resolve("index.html"))) {
            err.println("occlude: --out " + out + ": its index.html is not a report this tool wrote; name another folder");
            return ExitCodes.USAGE;
        }
        List<String> problems = new ArrayList<>();
        try {
            if (CompareReport.isCompareLine(firstLine(results))) { // an occlude compare run's lines
                Path index = CompareReport.write(out, Files.readAllLines(results).stream().filter(l -> !l.isBlank())
                        .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList(),
                        results.toAbsolutePath().getParent());
                spec.commandLine().getOut().println(index);
                return ExitCodes.OK;
            }
            List<Outcome> lines = ResultCodec.readLines(results, problems::add);
            if (lines.isEmpty() && problems.isEmpty()) {
                err.println("occlude: " + results + ": no result lines in it; the report says so");
            } else if (lines.isEmpty()) {
                problems.forEach(p -> err.println("occlude: " + Text.oneLine(p)));
                err.println("occlude: " + results + ": no result lines in it; no report written");
                return ExitCodes.USAGE;
            }
            HtmlReport report = new HtmlReport(out, copy, look.style());
            Path index = report.write(lines, results.toAbsolutePath().getParent());
            problems.addAll(report.problems());
            problems.forEach(p -> err.println("occlude: " + Text.oneLine(p)));
            spec.commandLine().getOut().println(index);
            return problems.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
        } catch (IOException e) {
            err.println("occlude: " + Text.oneLine(e.getMessage()));
            return ExitCodes.FAILED;
        }
    }
}
