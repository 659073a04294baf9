package dev.occlude.occlusion;

import dev.occlude.model.preprocess.Fill;
import dev.occlude.model.score.ModelException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Does a map tell the truth? The deletion and insertion curves of Petsiuk, Das and Saenko (RISE,
 * BMVC 2018): pixels are filled (deletion, starting from the image) or revealed (insertion,
 * starting from the fully filled image) in order of importance, in {@code steps} equal steps, and
 * the target's probability is read after each; the area under each curve (trapezoids over [0, 1])
 * sums it up. The same with a random order is the baseline: a faithful map deletes faster (lower
 * area) and inserts faster (higher area) than chance.
 */
public final class Faithfulness {
    /**
     * The four curves, each {@code steps + 1} probabilities (the first before any pixel moved), and their areas.
     */
    public record Curves(int steps, double[] deletion, double[] insertion, double[] randomDeletion,
                         double[] randomInsertion) {
        /** The area under the deletion curve (low: the map's most important pixels matter). */
        public double deletionArea() {
            return area(deletion);
        }

        /** The area under the insertion curve (high: the map's most important pixels suffice). */
        public double insertionArea() {
            return area(insertion);
        }

        /** The area under the deletion curve of a random order, the baseline. */
        public double randomDeletionArea() {
            return area(randomDeletion);
        }

        /** The area under the insertion curve of a random order, the baseline. */
        public double randomInsertionArea() {
            return area(randomInsertion);
        }
    }

    private final Occluder occluder;

    /** Curves scored with the occluder's model and settings. */
    public Faithfulness(Occluder occluder) {
        this.occluder = occluder;
    }

    /**
     * The curves of an image for class {@code target}, pixels ordered by {@code importance}
     * (row-major, source pixels; higher first, NaN last, ties by position), the random order from
     * {@code seed}.
     */
    public Curves measure(BufferedImage image, Fill fill, float[] importance, int target, int steps, long seed)
            throws ModelException {
        int[] order = byImportance(importance);
        int[] random = randomOrder(order.length, seed);
        return new Curves(steps, curve(image, fill, order, target, steps, false),
                curve(image, fill, order, target, steps, true), curve(image, fill, random, target, steps, false),
                curve(image, fill, random, target, steps, true));
    }

    /** Pixel indices, most important first: higher values first, NaN last, ties by index. */
    public static int[] byImportance(float[] importance) {
        return IntStream.range(0, importance.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> Float.isNaN(importance[i]) ? Double.NEGATIVE_INFINITY
                        : -importance[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** A permutation of 0..n-1 from the seed alone (Fisher-Yates). */
    public static int[] randomOrder(int n, long seed) {
        int[] p = IntStream.range(0, n).toArray();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The pixels moved after step k of {@code steps}: round(k n / steps). */
    public static int movedAfter(int k, int steps, int n) {
        return (int) Math.round((double) k * n / steps);
    }

    private double[] curve(BufferedImage image, Fill fill, int[] order, int target, int steps, boolean insertion)
            throws ModelException {
        int w = image.getWidth();
        int[] source = image.getRGB(0, 0, w, image.getHeight(), null, 0, w);
        int[] current = source.clone();
        if (insertion) {
            for (int i = 0; i < current.length; i++) {
                current[i] = fill.rgb(i % w, i / w);
            }
        }
        double[] p = new double[steps + 1];
        int moved = 0;
        for (int k = 0; k <= steps; k++) {
            for (int until = movedAfter(k, steps, order.length); moved < until; moved++) {
                int i = order[moved];
                current[i] = insertion ? source[i] : fill.rgb(i % w, i / w);
            }
            BufferedImage step = new BufferedImage(w, image.getHeight(), BufferedImage.TYPE_INT_RGB);
            step.setRGB(0, 0, w, image.getHeight(), current, 0, w);
            p[k] = occluder.clean(occluder.prepare(step, fill))[target];
        }
        return p;
    }

    /** Trapezoids over [0, 1] with equal steps. */
    public static double area(double[] curve) {
        double sum = 0;
        for (int k = 0; k + 1 < curve.length; k++) {
            sum += (curve[k] + curve[k + 1]) / 2;
        }
        return sum / (curve.length - 1);
    }

    /** The curve as a list (for results). */
    public static List<Double> list(double[] curve) {
        List<Double> l = new ArrayList<>(curve.length);
        Arrays.stream(curve).forEach(l::add);
        return l;
    }
}
