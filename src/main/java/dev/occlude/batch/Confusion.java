package dev.occlude.batch;

import dev.occlude.result.Classification;
import dev.occlude.result.Outcome;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * True class x predicted class counts, printed on stderr at the end of a labelled run. A video's
 * sampled frames count one each, and the heading says they are frames (of how many videos), not images.
 */
final class Confusion implements OutcomeSink {
    private final List<String> classes;
    private final int[][] counts;
    private int images;
    private int frames;
    private final Set<String> videos = new HashSet<>();

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
            if (outcome.frame() != null) {
                frames++;
                videos.add(outcome.image());
            } else {
                images++;
            }
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

    /** What was counted: "3 images", "6 frames of 1 video", or "2 images and 6 frames of 1 video". */
    private String counted() {
        String stills = count(images, "image");
        String sampled = count(frames, "frame") + " of " + count(videos.size(), "video");
        return frames == 0 ? stills : images == 0 ? sampled : stills + " and " + sampled;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    String render() {
        int width = 9;
        for (String c : classes) {
            width = Math.max(width, c.length() + 2);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "confusion matrix (rows: true class, columns: predicted), %s, %s%n",
                counted(), count(mistakes(), "mistake")));
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
