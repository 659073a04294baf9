package dev.occlude.picture;

import dev.occlude.eval.MistakeTriage;
import dev.occlude.io.Labels;
import dev.occlude.occlusion.ScanResult;
import dev.occlude.result.Label;
import dev.occlude.result.Mapped;
import dev.occlude.result.Pointing;
import java.awt.Rectangle;
import java.util.List;

/**
 * What a label adds to a mapped image, the same on the command line and in the Spark job: the true
 * class and whether the prediction misses it, the pointing game on the label's boxes, and for a
 * mistake its kind ({@link MistakeTriage}).
 */
public final class Labelling {
    private Labelling() {}

    /**
     * The index of a label's class among the model's; -1 for no label ({@code entry} null).
     *
     * @param width the picture's width, which the label's boxes must lie within
     * @param height its height
     * @throws IllegalArgumentException saying the label is not a class of the model (and which they
     *     are), or naming the labels file's row whose box lies outside the picture
     */
    public static int truth(Labels.Entry entry, List<String> classes, int width, int height) {
        if (entry == null) {
            return -1;
        }
        int truth = classes.indexOf(entry.label());
        if (truth < 0) {
            throw new IllegalArgumentException("label '" + entry.label() + "' is not a class of the model ("
                    + String.join(", ", classes) + ")");
        }
        entry.boxesOutside(width, height).ifPresent(outside -> {
            throw new IllegalArgumentException(outside);
        });
        return truth;
    }

    /**
     * The outcome with what its label says.
     *
     * @param result the mapped image, without a label
     * @param entry its label (a class of the model)
     * @param classes the model's classes
     * @param scan the main map's scan: every variant's probabilities of every class
     * @param rules how mistakes are told apart
     */
    public static Mapped apply(Mapped result, Labels.Entry entry, List<String> classes, ScanResult scan,
                               MistakeTriage.Rules rules) {
        boolean mistake = !entry.label().equals(result.classification().prediction().className());
        Mapped labelled = result.withLabel(new Label(entry.label(), mistake));
        if (!entry.boxes().isEmpty()) {
            // the pointing game on the user's own boxes
            Rectangle min = labelled.min().rectangle();
            labelled = labelled.withPointing(new Pointing(entry.boxes().stream().anyMatch(min::intersects),
                    entry.boxes().size()));
        }
        if (mistake) {
            // what kind of mistake: where the predicted class's focus lies, and what it meets
            labelled = labelled.withTriage(MistakeTriage.of(scan, classes, entry, rules));
        }
        return labelled;
    }
}
