package dev.occlude.occlusion;

import java.util.List;

/**
 * Which maps one image gets besides the main one.
 *
 * @param sizes the patch sizes; the first gives the main map, each further one a map of its own
 * @param combine also the per-pixel mean of the maps of all sizes (needs two sizes or more)
 * @param everyClass a map for every class, from the main size's forward passes (no extra pass)
 * @param passes repeated occlusion: passes in all, at least 1 (1: no repetition); passes follow the
 *     main target and the first size
 * @param stopBelow stop repeating once the target's probability with the hidden patches is below
 *     this, in [0, 1]
 * @param worst also the image with the main minimum patch painted grey
 * @param kind what the maps hold
 * @param metricSteps with more than 0, the deletion and insertion curves of the main map in this
 *     many steps ({@link Faithfulness}); 0: none
 * @param seed the random order of the curves' baseline
 * @param topClasses with {@code everyClass}: 0 maps every class, K maps the K most probable of
 *     each image (by its clean probabilities, most probable first)
 */
public record AnalysisPlan(List<PatchSize> sizes, boolean combine, boolean everyClass, int passes, double stopBelow,
                           boolean worst, MapKind kind, int metricSteps, long seed, int topClasses) {
    /**
     * Checks the plan: at least one size, combining with several, passes at least 1, steps and probability in range.
     */
    public AnalysisPlan {
        sizes = List.copyOf(sizes);
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one patch size");
        }
        if (combine && sizes.size() < 2) {
            throw new IllegalArgumentException("combining maps needs several patch sizes");
        }
        if (passes < 1) {
            throw new IllegalArgumentException("the number of passes must be at least 1, got " + passes);
        }
        if (metricSteps < 0 || metricSteps > 1000) {
            throw new IllegalArgumentException("the metrics' steps must be from 0 to 1000, got " + metricSteps);
        }
        if (!(stopBelow >= 0 && stopBelow <= 1)) {
            throw new IllegalArgumentException("the stopping probability must be in [0, 1], got " + stopBelow);
        }
        if (topClasses < 0) {
            throw new IllegalArgumentException("the number of top classes must be 0 (all) or more, got " + topClasses);
        }
    }

    /** A plan mapping every class when it maps several. */
    public AnalysisPlan(List<PatchSize> sizes, boolean combine, boolean everyClass, int passes, double stopBelow,
                        boolean worst, MapKind kind, int metricSteps, long seed) {
        this(sizes, combine, everyClass, passes, stopBelow, worst, kind, metricSteps, seed, 0);
    }

    /** A plan without faithfulness metrics. */
    public AnalysisPlan(List<PatchSize> sizes, boolean combine, boolean everyClass, int passes, double stopBelow,
                        boolean worst, MapKind kind) {
        this(sizes, combine, everyClass, passes, stopBelow, worst, kind, 0, 0);
    }

    /** The size of the main map. */
    public PatchSize main() {
        return sizes.get(0);
    }

    /** A builder for a plan of these sizes (the first gives the main map): one pass, probability maps, nothing else. */
    public static Builder builder(List<PatchSize> sizes) {
        return new Builder(sizes);
    }

    /** Builds an {@link AnalysisPlan} (DJL style); {@link #build()} checks it. */
    public static final class Builder {
        private final List<PatchSize> sizes;
        private boolean combine;
        private boolean everyClass;
        private int passes = 1;
        private double stopBelow = 0;
        private boolean worst;
        private MapKind kind = MapKind.PROBABILITY;
        private int metricSteps;
        private long seed;
        private int topClasses;

        private Builder(List<PatchSize> sizes) {
            this.sizes = sizes;
        }

        /** @param v also the mean map of all sizes; @return this builder */
        public Builder combine(boolean v) {
            combine = v;
            return this;
        }

        /** @param v a map for every class; @return this builder */
        public Builder everyClass(boolean v) {
            everyClass = v;
            return this;
        }

        /** @param k a map for each of the K most probable classes of each image; @return this builder */
        public Builder topClasses(int k) {
            everyClass |= k > 0;
            topClasses = k;
            return this;
        }

        /** @param v passes in all (1: no repetition); @return this builder */
        public Builder passes(int v) {
            passes = v;
            return this;
        }

        /** @param v stop repeating once the probability is below this; @return this builder */
        public Builder stopBelow(double v) {
            stopBelow = v;
            return this;
        }

        /** @param v also the image with the main minimum patch painted; @return this builder */
        public Builder worst(boolean v) {
            worst = v;
            return this;
        }

        /** @param v what the maps hold; @return this builder */
        public Builder kind(MapKind v) {
            kind = v;
            return this;
        }

        /**
         * @param steps the faithfulness curves' steps (0: none)
         * @param randomSeed the seed of their random baseline
         * @return this builder
         */
        public Builder metrics(int steps, long randomSeed) {
            metricSteps = steps;
            seed = randomSeed;
            return this;
        }

        /** @return the plan, checked */
        public AnalysisPlan build() {
            return new AnalysisPlan(sizes, combine, everyClass, passes, stopBelow, worst, kind, metricSteps, seed,
                    topClasses);
        }
    }
}
