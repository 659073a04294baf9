package dev.occlude.cli;

import dev.occlude.compare.Gate;
import dev.occlude.options.ScanOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * occlude compare's own options (the two models, the gate), checked, and the options of a plain
 * run that a compare refuses, each by name with its own reason.
 */
final class CompareOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR|NAME", required = true, completionCandidates = ModelNames.class)
    List<String> models;

    @Option(names = "--fail-on", paramLabel = "broke|focus-moved:PX", split = ",")
    List<String> failOn = List.of();

    /** The two models, A then B, as given; a usage error unless there are two. */
    List<String> models() {
        if (models.size() != 2) {
            throw usage("compare takes two models: --model A --model B, got " + models.size());
        }
        return models;
    }

    /** The gate --fail-on sets; a usage error naming what is wrong with it. */
    Gate gate() {
        try {
            return Gate.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** Refuses, in one usage error, the options of a plain run given that a compare does not take. */
    void refuseOthers(RunOptions run, ScanOptions scan) {
        Map<String, String> given = new LinkedHashMap<>();
        if (run.summary != null) {
            given.put("--summary", "a summary is a plain run's (each side's lines hold its columns)");
        }
        if (run.onlyMistakes) {
            given.put("--only-mistakes", "both models map every frame, so that each can be compared");
        }
        if (run.atlas != null) {
            given.put("--atlas", "an atlas is a plain run's (run occlude --atlas with each model)");
        }
        if (run.copy) {
            given.put("--copy", "the compare report links the pictures in place");
        }
        if (scan.refine()) {
            given.put("--refine", "both models must see the same variants, and refinement picks its own");
        }
        if (!given.isEmpty()) {
            List<String> said = new ArrayList<>();
            given.forEach((option, why) -> said.add(option + " (" + why + ")"));
            throw usage(String.join("; ", said) + ": not " + (given.size() == 1 ? "an option" : "options")
                    + " of occlude compare");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
