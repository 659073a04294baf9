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
 * @param fullPasses when not incremental, why: "--no-incremental", no stages declared, an ONNX model
 * @param staged for a staged model, "fully" or "partly" (or "" when its stages.json does not say); null otherwise
 * @param incrementalShare for a staged model, the share of a full pass's multiply-adds its stages hold; null when
 *     not declared
 * @param incrementalBound for a staged model, the speed-up the multiply-adds allow at --patch's default; null when
 *     not declared
 */
public record ScanFacts(int patch, int stride, int variants, int skipped, int forwardPasses, boolean refine,
                        boolean incremental, String fullPasses, String staged, Double incrementalShare,
                        Double incrementalBound) {
    /** Facts of a scan on a model whose staging is not told. */
    public ScanFacts(int patch, int stride, int variants, int skipped, int forwardPasses, boolean refine,
                     boolean incremental, String fullPasses) {
        this(patch, stride, variants, skipped, forwardPasses, refine, incremental, fullPasses, null, null, null);
    }

    /** Facts of a scan whose reason for full passes is not told. */
    public ScanFacts(int patch, int stride, int variants, int skipped, int forwardPasses, boolean refine,
                     boolean incremental) {
        this(patch, stride, variants, skipped, forwardPasses, refine, incremental, null);
    }
}
