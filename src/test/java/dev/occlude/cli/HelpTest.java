package dev.occlude.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.CliRun;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** --help, --version, completion and suggestions, as a user reads them. */
@Tag("model")
class HelpTest {
    private static final Pattern LONG_OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");

    @Test
    void helpReadsWell() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.exit());
        String help = run.stdout();
        int usageEnd = help.indexOf("Slides a grey square");
        String usage = help.substring(0, usageEnd);
        String rest = help.substring(usageEnd);
        for (String line : help.lines().toList()) {
            assertTrue(line.length() <= 100, "fits in 100 columns: " + line);
        }
        for (String line : usage.lines().toList()) {
            assertEquals(line.chars().filter(c -> c == '[').count(), line.chars().filter(c -> c == ']').count(),
                    "no option split across lines: " + line);
        }
        Set<String> inUsage = options(usage);
        Set<String> inList = options(rest.substring(0, rest.indexOf("Commands:")));
        // --out of report is listed with report; serve's own options with occlude serve --help
        inUsage.removeAll(Set.of("--help", "--version", "--out", "--host", "--port", "--max-upload"));
        for (String command : List.of("report", "serve", "models", "completion")) {
            assertTrue(usage.contains("       occlude " + command + " ") || usage.contains("       occlude " + command
                    + "\n"), "every subcommand in the usage: " + command);
        }
        for (String option : inUsage) {
            assertTrue(inList.contains(option), option + " is in the usage line and the option list");
        }
        inList.removeAll(Set.of("--help", "--version"));
        java.util.Map<String, String> shortForms = java.util.Map.of("--recursive", "[-r]", "--null", "[-0]", "--quiet", "[-q]");
        for (String option : inList) {
            assertTrue(usage.contains(option) || usage.contains(shortForms.getOrDefault(option, option)),
                    option + " is in the option list and the usage line");
        }
        assertTrue(help.trim().endsWith("source <(occlude completion)"), "examples at the end");
        assertTrue(rest.contains("Examples:"));
    }

    private static Set<String> options(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = LONG_OPTION.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void versionNamesTheEngines() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exit());
        assertTrue(run.stdout().startsWith("occlude 0.1.0"), run.stdout());
        assertTrue(run.stdout().contains("DJL 0.36.0") && run.stdout().contains("PyTorch 2.7.1")
                && run.stdout().contains("ONNX Runtime 1.21.1"), run.stdout());
    }

    @Test
    void completionIsGeneratedFromTheOptions() {
        CliRun run = CliRun.of("completion");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.stdout().contains("complete -F") && run.stdout().contains("--skip-existing")
                && run.stdout().contains("report") && run.stdout().contains("models"), run.stdout().substring(0, 300));
        // values as the docs write them
        assertTrue(run.stdout().contains("(\"probability\" \"drop\")") && run.stdout().contains("(\"focus\" \"article\")")
                && run.stdout().contains("\"inferno\""), run.stdout());
        assertFalse(run.stdout().contains("PROBABILITY") || run.stdout().contains("ARTICLE"), "no upper-case values");
    }

    /** Each subcommand has its own help, and the main help lists each with its own line. */
    @Test
    void subcommandsHaveTheirOwnHelp() {
        for (String sub : List.of("report", "models", "serve", "completion")) {
            CliRun run = CliRun.of(sub, "--help");
            assertEquals(0, run.exit(), run.toString());
            assertTrue(run.stdout().startsWith("Usage: occlude " + sub), run.stdout());
            assertFalse(run.stdout().contains("Slides a grey square"), "not the main command's text: " + run.stdout());
        }
        String help = CliRun.of("--help").stdout();
        String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Examples:"));
        assertTrue(commands.contains("report      Writes DIR/index.html") && commands.contains("models      Lists the models")
                && commands.contains("serve       Serves a local web page") && commands.contains("completion  Prints the bash"),
                commands);
    }

    @Test
    void typosGetSuggestions() {
        CliRun option = CliRun.of("frame.jpg", "--pach", "32");
        assertEquals(2, option.exit());
        assertEquals(1, option.stderrLines().size(), option.toString());
        assertTrue(option.stderr().contains("did you mean --patch"), option.stderr());
        CliRun command = CliRun.of("reprot", "results.jsonl");
        assertEquals(2, command.exit());
        assertTrue(command.stderr().contains("did you mean report"), command.stderr());
    }
}
