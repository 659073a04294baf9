package dev.occlude.occlusion;

import java.awt.Rectangle;
import java.util.List;

/**
 * Everything one scan measured: the clean image's probabilities and, for every variant, its
 * patch and every class's probability. Heat maps for any class come from here at no extra pass.
 * {@code skipped} variants could not change the model input; {@code estimated} ones (adaptive
 * refinement) were filled in from the coarse pass instead of being run; {@code passes} counts the
 * variants sent through the network in all (the coarse pass included).
 */
public record ScanResult(int width, int height, float[] cleanProbabilities, List<Rectangle> patches,
                         float[][] probabilities, int skipped, int estimated, int passes) {

    /** How many variants the scan covers (run and skipped). */
    public int variants() {
        return patches.size();
    }

    /** The per-pixel mean of class {@code c}'s probability over the patches covering each pixel. */
    public HeatMap heatMap(int c) {
        HeatMap map = new HeatMap(width, height);
        for (int i = 0; i < patches.size(); i++) {
            map.add(patches.get(i), probabilities[i][c]);
        }
        return map;
    }

    /** The variant whose class {@code c} probability is lowest (the first such one on ties). */
    public int argMin(int c) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i][c] < probabilities[best][c]) {
                best = i;
            }
        }
        return best;
    }

    /** Index of the variant with the highest probability of class c (the first on ties). */
    public int argMax(int c) {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i][c] > probabilities[best][c]) {
                best = i;
            }
        }
        return best;
    }
}
