package dev.occlude.compare;

import dev.occlude.occlusion.HeatMap;
import dev.occlude.occlusion.ScanResult;
import java.awt.Rectangle;
import java.util.List;

/**
 * One model's probabilities of one class on every variant of a scan, and on the clean image: what
 * a compare keeps of model A's scan until model B has scanned the same frame.
 *
 * @param className the class
 * @param clean its probability on the clean image
 * @param values its probability on each variant, in the scan's order
 */
record Column(String className, float clean, float[] values) {
    /** Class {@code index}'s column of {@code scan}, under the name {@code className}. */
    static Column of(ScanResult scan, int index, String className) {
        float[] v = new float[scan.variants()];
        for (int i = 0; i < v.length; i++) {
            v[i] = scan.probabilities()[i][index];
        }
        return new Column(className, scan.cleanProbabilities()[index], v);
    }

    /** The variant that lowers the class most (the first on ties). */
    int worst() {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] < values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The per-pixel map of the class over {@code patches} (this column's variants), as a plain run draws it. */
    float[] map(List<Rectangle> patches, int width, int height) {
        HeatMap m = new HeatMap(width, height);
        for (int i = 0; i < values.length; i++) {
            m.add(patches.get(i), values[i]);
        }
        return m.means();
    }
}
