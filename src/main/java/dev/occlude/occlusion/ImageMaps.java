package dev.occlude.occlusion;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * Every map and figure one image gets under an {@link AnalysisPlan}. Maps are row-major
 * [height * width] floats over the source image, in the plan's {@link MapKind}, NaN where no
 * patch covered a pixel.
 *
 * @param kind what the maps hold
 * @param size the main map's patch size
 * @param main the analysis at the plan's first size, for the target class
 * @param mainMap its map
 * @param sizes with several sizes, one entry per size (the first is the main analysis); else empty
 * @param combined with {@code combine}, the per-pixel mean of the sizes' maps (NaN ignored)
 * @param classes with {@code everyClass}, one entry per class in the model's order; else empty
 * @param passes with more than one pass, every pass made (the first is the main analysis); else empty
 * @param passesStop why the passes stopped before the number asked for; empty when all ran
 * @param worst with {@code worst}, the source with the main minimum patch painted grey
 * @param metrics with metric steps, the main map's deletion and insertion curves
 * @param passesStop why the passes stopped before the plan's count ({@link RepeatedOcclusion.Passes#stop()}); else null
 */
public record ImageMaps(MapKind kind, PatchSize size, Analysis main, float[] mainMap, List<SizeMap> sizes, Optional<float[]> combined,
                        List<ClassMap> classes, List<PassMap> passes, Optional<RepeatedOcclusion.Stop> passesStop,
                        Optional<BufferedImage> worst,
                        Optional<Faithfulness.Curves> metrics) {

    /** The map of one patch size. */
    public record SizeMap(PatchSize size, Analysis analysis, float[] map) {}

    /** The map of one class, from the main scan. */
    public record ClassMap(Analysis analysis, float[] map) {}

    /**
     * One repeated-occlusion pass: the pass, its map, and the picture it was scanned on (the
     * source with the earlier passes' patches grey; the source itself for pass 1).
     */
    public record PassMap(RepeatedOcclusion.Pass pass, float[] map, BufferedImage image) {}
}
