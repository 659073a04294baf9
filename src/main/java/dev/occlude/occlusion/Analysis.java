package dev.occlude.occlusion;

import java.awt.Rectangle;
import java.util.List;

/**
 * One image's occlusion analysis for one target class: the scan, the heat map of the target's
 * probability, and the variant where that probability was lowest.
 */
public record Analysis(List<String> classes, ScanResult scan, int target, float[] map) {

    /** Index of the class predicted on the clean image. */
    public int predicted() {
        float[] p = scan.cleanProbabilities();
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    public int minIndex() {
        return scan.argMin(target);
    }

    /** The clipped patch (source pixels) whose variant had the lowest target probability. */
    public Rectangle minPatch() {
        return scan.patches().get(minIndex());
    }

    public float minProbability() {
        return scan.probabilities()[minIndex()][target];
    }

    public float cleanProbability() {
        return scan.cleanProbabilities()[target];
    }

    public String targetName() {
        return classes.get(target);
    }
}
