package dev.occlude.model.score;

import java.util.Locale;

/**
 * How much of a staged network incremental inference can save, from the multiply-adds its stages
 * declare: whether every convolution is staged, the share of a full pass's multiply-adds that is
 * staged (recomputed only where a patch reaches), and the bound, a full pass's multiply-adds over
 * those a variant still needs (the outputs a centred patch changes, stage by stage, and the head
 * whole). A partly staged network whose head is nearly the whole network has a bound near 1, and
 * the gathering of windows then makes it slower than full passes: it runs full passes
 * ({@link #faster()}).
 *
 * @param extent "fully" or "partly" staged, or "" when the declaration does not say
 * @param share the staged share of a full pass's multiply-adds, in [0, 1]; NaN when not declared
 * @param bound the speed-up the multiply-adds allow at {@code patch}; NaN when not declared
 * @param patch the patch side (--patch) the bound is measured for
 */
public record Staging(String extent, double share, double bound, int patch) {
    /**
     * Below this bound full passes are chosen: the incremental scan reaches 73-98% of its bound
     * (BENCHMARKS.md), so a bound of 1.1 (MobileNetV3-Small, staged partly) gives 0.95-1.04x, and
     * 1.5 leaves room for the slowest of those rates to stay above 1.
     */
    public static final double LEAST_BOUND = 1.5;

    /** Whether incremental inference is expected to beat full passes (true when the multiply-adds are not declared). */
    public boolean faster() {
        return !(bound < LEAST_BOUND);
    }

    /** "fully staged", "partly staged" or "staged". */
    public String staged() {
        return extent.isEmpty() ? "staged" : extent + " staged";
    }

    /** In words, e.g. "partly staged, 4% of its multiply-adds incremental, bound 1.04x at --patch 64". */
    public String describe() {
        if (Double.isNaN(bound)) {
            return staged() + " (its stages.json declares no multiply-adds: no bound)";
        }
        return String.format(Locale.ROOT, "%s, %.0f%% of its multiply-adds incremental, bound %.2fx at --patch %d",
                staged(), 100 * share, bound, patch);
    }
}
