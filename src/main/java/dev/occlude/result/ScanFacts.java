package dev.occlude.result;

/**
 * How the main map was scanned.
 *
 * @param patch main patch side
 * @param stride main stride
 * @param variants patches of the main grid
 * @param skipped variants that change nothing the model sees (not run)
 * @param forwardPasses variants actually run (with refinement, the coarse pass included)
 * @param refine whether the scan was refined (adaptive) rather than exact
 * @param incremental whether variants were scored incrementally (the model declares its stages)
 *     rather than by full forward passes
 */
public record ScanFacts(int patch, int stride, int variants, int skipped, int forwardPasses, boolean refine,
                        boolean incremental) {}
