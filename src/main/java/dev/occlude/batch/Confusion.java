package dev.occlude.batch;

import dev.occlude.result.Classification;
import dev.occlude.result.Outcome;
import java.util.List;
import java.util.Locale;

/** True class x predicted class counts, printed on stderr at the end of a labelled run. */
final class Confusion implements OutcomeSink {
    private final List<String> classes;
    private final int[][] counts;

    Confusion(List<String> classes) {
        this.classes = classes;
        this.counts = new int[classes.size()][classes.size()];
    }

    @Override
    public void accept(Outcome outcome) {
        Classification c = outcome.classification();
        int truth = outcome.label() == null ? -1 : classes.indexOf(outcome.label().label());
        int predicted = c == null ? -1 : classes.indexOf(c.prediction().className());
        if (truth >= 0 && predicted >= 0) {
            counts[truth][predicted]++;
        }
    }

    @Override
    public int finish(Problems problems) {
        if (total() > 0) {
            problems.print(render());
        }
        return 0;
    }

    int total() {
        int n = 0;
        for (int[] row : counts) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    int mistakes() {
        int n = 0;
        for (int t = 0; t < counts.length; t++) {
            for (int p = 0; p < counts.length; p++) {
                n += t == p ? 0 : counts[t][p];
            }
        }
        return n;
    }

    String render() {
        int width = 9;
        for (String c : classes) {
            width = Math.max(width, c.length() + 2);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "confusion matrix (rows: true class, columns: predicted), %d images, %d mistakes%n",
                total(), mistakes()));
        sb.append(String.format(Locale.ROOT, "%-" + width + "s", "true\\pred"));
        for (String c : classes) {
            sb.append(String.format(Locale.ROOT, "%" + width + "s", c));
        }
        sb.append(System.lineSeparator());
        for (int t = 0; t < classes.size(); t++) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s", classes.get(t)));
            for (int p = 0; p < classes.size(); p++) {
                sb.append(String.format(Locale.ROOT, "%" + width + "d", counts[t][p]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
