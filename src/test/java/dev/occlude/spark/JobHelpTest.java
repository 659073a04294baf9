package dev.occlude.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.parallel.ResourceLock;

/** occlude-spark --help: every option described (the shared ones with the CLI's texts), the job's own usage. */
@Tag("spark")
@ResourceLock("spark") // Spark's in-process session is one per JVM
class JobHelpTest {
    @Test
    void everyOptionIsDescribedAndTheUsageIsTheJobs() {
        CommandLine cli = JobOptions.commandLine(new JobOptions());
        String help = cli.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (CommandLine.Model.OptionSpec o : cli.getCommandSpec().options()) {
            assertTrue(o.description().length > 0 && !o.description()[0].isBlank(), o.longestName() + " described");
        }
        for (String line : help.lines().toList()) {
            assertTrue(line.length() <= 100, "fits in 100 columns: " + line);
        }
        assertTrue(help.startsWith("Usage: occlude-spark INPUT --out OUT"), help);
        assertTrue(help.contains("Side of the grey square in source pixels"), "--patch as the CLI says it");
        assertTrue(help.contains("--skip-existing") && help.contains("--overlays") && help.contains("spark-submit"));
        assertFalse(help.contains("Slides a grey square") || help.contains("occlude report"), "not the CLI's usage");
    }
}
