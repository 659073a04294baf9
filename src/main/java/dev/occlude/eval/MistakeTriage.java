package dev.occlude.eval;

import dev.occlude.io.Labels;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.ScanResult;
import dev.occlude.result.Box;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Triage;
import java.awt.Rectangle;
import java.util.List;

/**
 * The article's mistake analysis: what kind of mistake a labelled image is, told from where the
 * map's focus for the predicted class lies (the patch whose hiding lowers the predicted class
 * most) and which labelled box it meets. In order:
 * <ol>
 *   <li>{@code no-focus}: no patch lowers the predicted class by the focus threshold or more: the
 *       network did not look at any one place;</li>
 *   <li>{@code other-light}: the focus meets a labelled object of another class than the truth
 *       (with the truth {@code none}: any labelled object);</li>
 *   <li>{@code false-light}: the truth is {@code none} and the focus meets no labelled box;</li>
 *   <li>{@code missed-light}: the truth is an object's class and the focus meets no labelled box
 *       (it lies off the true object);</li>
 *   <li>{@code unexplained} otherwise, and for the kinds that need boxes when the labels have
 *       none for the image (no boxes column).</li>
 * </ol>
 * A box without a class is taken as the truth's when the truth is an object's class (so the focus
 * on it is not {@code other-light}) and as an object's when the truth is {@code none}.
 */
public final class MistakeTriage {
    /** The default focus threshold: a patch must lower the predicted class by this much. */
    public static final double DEFAULT_THRESHOLD = 0.05;

    /**
     * How mistakes are told apart.
     *
     * @param focusThreshold below this drop of the predicted class, there is no focus
     * @param noneClass the class that means "no object" (the article's {@code none})
     */
    public record Rules(double focusThreshold, String noneClass) {
        /** The article's rules: a focus lowers the prediction by 0.05 or more; the class none means no light. */
        public static final Rules DEFAULT = new Rules(DEFAULT_THRESHOLD, "none");

        /** Checks the threshold. */
        public Rules {
            if (!(focusThreshold > 0 && focusThreshold < 1)) {
                throw new IllegalArgumentException("the focus threshold is a drop of probability in (0, 1), got "
                        + focusThreshold);
            }
        }

        /** Whether a worst patch that lowers its class by {@code drop} is a focus: by the threshold or more. */
        public boolean focused(double drop) {
            return drop >= focusThreshold;
        }
    }

    private MistakeTriage() {}

    /**
     * The kind of a mistake (the label's class is not the predicted one), from the scan of its
     * variants (every class's probabilities) and its label.
     *
     * @param scan the image's main scan: every variant's probabilities of every class
     * @param classes the model's classes
     * @param entry the image's label, with its boxes
     */
    public static Triage of(ScanResult scan, List<String> classes, Labels.Entry entry, Rules rules) {
        float[] clean = scan.cleanProbabilities();
        int predicted = Occluder.argMax(clean);
        int i = scan.argMin(predicted);
        Rectangle patch = scan.patches().get(i);
        double lowest = scan.probabilities()[i][predicted];
        double drop = round(clean[predicted] - lowest);
        MinPatch focus = new MinPatch(round(lowest), patch.x, patch.y, patch.width, patch.height);
        if (!rules.focused(drop)) {
            return new Triage("no-focus", drop, focus, null, null);
        }
        int met = met(patch, entry.boxes());
        Box box = met < 0 ? null : Box.of(entry.boxes().get(met));
        String boxClass = met < 0 ? null : entry.boxClasses().get(met);
        if (!entry.boxesKnown()) {
            return new Triage("unexplained", drop, focus, null, null);
        }
        boolean truthIsNone = entry.label().equals(rules.noneClass());
        String kind;
        if (met >= 0 && (truthIsNone || boxClass != null && !boxClass.equals(entry.label()))) {
            kind = "other-light";
        } else if (met < 0) {
            kind = truthIsNone ? "false-light" : "missed-light";
        } else {
            kind = "unexplained"; // the focus is on the true object, and yet the prediction is another class
        }
        return new Triage(kind, drop, focus, box, boxClass);
    }

    /** The box the patch overlaps most, or -1 when it meets none. */
    static int met(Rectangle patch, List<Rectangle> boxes) {
        int best = -1;
        long most = 0;
        for (int b = 0; b < boxes.size(); b++) {
            Rectangle overlap = patch.intersection(boxes.get(b));
            long area = overlap.isEmpty() ? 0 : (long) overlap.width * overlap.height;
            if (area > most) {
                most = area;
                best = b;
            }
        }
        return best;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
