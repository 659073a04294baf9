package dev.occlude.compare;

import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import java.util.Locale;

/**
 * What changed from model A to model B on one frame, read from the two sides' records alone.
 *
 * @param predictionA model A's predicted class; null when model A failed on the frame
 * @param predictionB model B's
 * @param label the true class, from the labels file; null without one
 * @param verdict with a label and both predictions: {@code fixed}, {@code broke}, {@code both-right}
 *     or {@code both-wrong}; else null
 * @param kindA model A's triage kind of its mistake; null when it is right (or without a label)
 * @param kindB model B's
 */
record Verdict(String predictionA, String predictionB, String label, String verdict, String kindA, String kindB) {
    /** The verdicts, in the order the end-of-run table shows them. */
    static final String[] ALL = {"fixed", "broke", "both-right", "both-wrong"};

    /** The verdict of two outcomes of the same frame (either may be a failure or missing: null). */
    static Verdict of(Outcome a, Outcome b) {
        String pa = prediction(a);
        String pb = prediction(b);
        String label = a != null && a.label() != null ? a.label().label()
                : b != null && b.label() != null ? b.label().label() : null;
        String verdict = null;
        if (label != null && pa != null && pb != null) {
            boolean ra = pa.equals(label);
            boolean rb = pb.equals(label);
            verdict = ra && rb ? "both-right" : ra ? "broke" : rb ? "fixed" : "both-wrong";
        }
        return new Verdict(pa, pb, label, verdict, kind(a), kind(b));
    }

    /** Whether both models answered and their answers differ; null when one did not answer. */
    Boolean changed() {
        return predictionA == null || predictionB == null ? null : !predictionA.equals(predictionB);
    }

    /** One line for a picture's caption. */
    String caption() {
        String v = verdict == null ? "" : verdict.toUpperCase(Locale.ROOT) + ": ";
        return v + "A SAYS " + shown(predictionA) + ", B SAYS " + shown(predictionB)
                + (label == null ? "" : ", LABEL " + label.toUpperCase(Locale.ROOT));
    }

    private static String shown(String prediction) {
        return prediction == null ? "(FAILED)" : prediction.toUpperCase(Locale.ROOT);
    }

    private static String prediction(Outcome o) {
        return o == null || o.classification() == null ? null : o.classification().prediction().className();
    }

    private static String kind(Outcome o) {
        return o instanceof Mapped m && m.triage() != null ? m.triage().kind() : null;
    }
}
