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
        return Occluder.argMax(scan.cleanProbabilities());
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
