package dev.occlude.result;

import java.util.ArrayList;
import java.util.List;

/**
 * The clean image's prediction.
 *
 * @param index the predicted class's index (the highest probability, the first on ties)
 * @param classes the model's classes, in output order
 * @param probabilities every class's probability, in the same order, rounded to six decimals
 */
public record Prediction(int index, List<String> classes, List<Double> probabilities) {
    /** Checks that the lists agree and the index is one of them. */
    public Prediction {
        classes = List.copyOf(classes);
        probabilities = List.copyOf(probabilities);
        if (classes.size() != probabilities.size() || index < 0 || index >= classes.size()) {
            throw new IllegalArgumentException("a prediction needs one probability per class and a class among them");
        }
    }

    /** The prediction of the highest probability (the first on ties), every probability rounded. */
    public static Prediction of(List<String> classes, float[] probabilities) {
        List<Double> p = new ArrayList<>();
        int best = 0;
        for (int i = 0; i < classes.size(); i++) {
            p.add(ResultCodec.round(probabilities[i]));
            best = probabilities[i] > probabilities[best] ? i : best;
        }
        return new Prediction(best, classes, p);
    }

    /** The predicted class's name. */
    public String className() {
        return classes.get(index);
    }

    /** A class's probability by name; NaN for a name that is not a class. */
    public double probability(String className) {
        int i = classes.indexOf(className);
        return i < 0 ? Double.NaN : probabilities.get(i);
    }
}
