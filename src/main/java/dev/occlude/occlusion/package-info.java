/**
 * Variants → probabilities → heat maps: the patch grid ({@link dev.occlude.occlusion.PatchGrid}), the
 * batched scan, the per-pixel mean ({@link dev.occlude.occlusion.HeatMap}), refinement, repeated passes,
 * and the plan of every map an image gets ({@link dev.occlude.occlusion.MapPlanner}). Coordinates are
 * source-image pixels; maps are row-major [height * width] floats, NaN where no patch covered a pixel.
 */
package dev.occlude.occlusion;
