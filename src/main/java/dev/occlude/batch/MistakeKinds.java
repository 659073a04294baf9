package dev.occlude.batch;

import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mistakes of a labelled run counted by kind ({@link dev.occlude.eval.MistakeTriage}) and by
 * confusion cell (true class to predicted), printed on stderr after the confusion matrix.
 */
final class MistakeKinds implements OutcomeSink {
    /** The kinds in the order the table lists them; "not triaged" for a mistake without a kind. */
    static final List<String> KINDS = List.of("other-light", "no-focus", "false-light", "missed-light", "unexplained",
            "not triaged");
    /** Counts by cell ("none -> red"), then by kind. */
    private final Map<String, Map<String, Integer>> counts = new TreeMap<>();

    @Override
    public void accept(Outcome outcome) {
        if (outcome.label() == null || !outcome.label().mistake() || outcome.classification() == null) {
            return;
        }
        String cell = outcome.label().label() + " -> " + outcome.classification().prediction().className();
        String kind = outcome instanceof Mapped m && m.triage() != null ? m.triage().kind() : "not triaged";
        counts.computeIfAbsent(cell, c -> new TreeMap<>()).merge(kind, 1, Integer::sum);
    }

    @Override
    public int finish(Problems problems) {
        if (!counts.isEmpty()) {
            problems.print(render());
        }
        return 0;
    }

    String render() {
        List<String> cells = new ArrayList<>(counts.keySet());
        int first = KINDS.stream().mapToInt(String::length).max().orElse(0) + 2;
        StringBuilder sb = new StringBuilder("mistakes by kind (columns: true -> predicted)")
                .append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "%-" + first + "s", "kind"));
        for (String c : cells) {
            sb.append(String.format(Locale.ROOT, "%" + (c.length() + 2) + "s", c));
        }
        sb.append(String.format(Locale.ROOT, "%7s", "all")).append(System.lineSeparator());
        for (String kind : KINDS) {
            int all = counts.values().stream().mapToInt(m -> m.getOrDefault(kind, 0)).sum();
            if (all == 0 && kind.equals("not triaged")) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-" + first + "s", kind));
            for (String c : cells) {
                sb.append(String.format(Locale.ROOT, "%" + (c.length() + 2) + "d", counts.get(c).getOrDefault(kind, 0)));
            }
            sb.append(String.format(Locale.ROOT, "%7d", all)).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
