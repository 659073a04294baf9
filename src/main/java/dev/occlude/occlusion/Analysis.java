package dev.occlude.occlusion;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.Npy;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image's occlusion analysis for one target class: the scan, the heat map of the target's
 * probability, and the variant where that probability was lowest.
 *
 * @param classes the model's class names
 * @param scan every variant's patch and probabilities
 * @param target index of the mapped class in {@code classes}
 * @param map row-major [height * width] per-pixel mean of the target's probability over the
 *     patches covering each pixel (source pixels); NaN where no patch covered the pixel (stride
 *     larger than the patch)
 */
public record Analysis(List<String> classes, ScanResult scan, int target, float[] map) {

    /**
     * Writes the map as a float32 .npy of shape [height, width] (source pixels), atomically: the
     * shape comes from the scan, so a caller cannot give width and height the wrong way round.
     */
    public void writeMap(Path file) throws IOException {
        AtomicFiles.write(file, out -> Npy.write(out, map, scan.height(), scan.width()));
    }

    /** The analysis of class index {@code target} in an existing scan: no forward pass. */
    public static Analysis of(List<String> classes, ScanResult scan, int target) {
        return new Analysis(classes, scan, target, scan.heatMap(target).means());
    }

    /** The same analysis with the map NaN outside {@code region} (source pixels). */
    public Analysis masked(Rectangle region) {
        int w = scan.width();
        float[] m = map.clone();
        for (int y = 0; y < scan.height(); y++) {
            for (int x = 0; x < w; x++) {
                if (!region.contains(x, y)) {
                    m[y * w + x] = Float.NaN;
                }
            }
        }
        return new Analysis(classes, scan, target, m);
    }

    /**
     * The patches whose hiding changes the predicted class, and the class each changes it to
     * (MONAI's second output): variant index to class index.
     */
    public Map<Integer, Integer> flips() {
        Map<Integer, Integer> flips = new LinkedHashMap<>();
        int clean = predicted();
        for (int i = 0; i < scan.variants(); i++) {
            int c = Occluder.argMax(scan.probabilities()[i]);
            if (c != clean) {
                flips.put(i, c);
            }
        }
        return flips;
    }

    /** Index of the class predicted on the clean image. */
    public int predicted() {
        return Occluder.argMax(scan.cleanProbabilities());
    }

    /** Index of the variant with the lowest target probability (the first on ties). */
    public int minIndex() {
        return scan.argMin(target);
    }

    /** The clipped patch (source pixels) whose variant had the lowest target probability. */
    public Rectangle minPatch() {
        return scan.patches().get(minIndex());
    }

    /** The target's probability with the minimum patch hidden. */
    public float minProbability() {
        return scan.probabilities()[minIndex()][target];
    }

    /**
     * Whether the question is which patch raises the class most: the mapped class is not the
     * clean image's prediction.
     */
    public boolean asksRaise() {
        return target != predicted();
    }

    /** The clipped patch (source pixels) whose variant had the highest target probability (the first on ties). */
    public Rectangle maxPatch() {
        return scan.patches().get(scan.argMax(target));
    }

    /** The target's probability with the {@link #maxPatch} hidden. */
    public float maxProbability() {
        return scan.probabilities()[scan.argMax(target)][target];
    }

    /** The target's probability on the clean image. */
    public float cleanProbability() {
        return scan.cleanProbabilities()[target];
    }

    /** The mapped class's name. */
    public String targetName() {
        return classes.get(target);
    }
}
