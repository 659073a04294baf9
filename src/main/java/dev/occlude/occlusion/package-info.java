/**
 * Variants → probabilities → heat maps: the patch grid ({@link dev.occlude.occlusion.PatchGrid}), the
 * batched scan, the per-pixel mean ({@link dev.occlude.occlusion.HeatMap}), refinement, repeated passes,
 * and the plan of every map an image gets ({@link dev.occlude.occlusion.MapPlanner}). Coordinates are
 * source-image pixels; maps are row-major [height * width] floats, NaN where no patch covered a pixel.
 *
 * <p>Who "maps" what, from the bottom up (the picture step, the runs and serve continue the line):
 * <ul>
 *   <li>{@link dev.occlude.occlusion.OcclusionScan}: one list of patches scored in batches (the loop;
 *       {@code VariantBatches} runs the batches on the calling thread or on workers);</li>
 *   <li>{@link dev.occlude.occlusion.Occluder}: one image, one patch size, one class to one
 *       {@link dev.occlude.occlusion.Analysis} (the library's front door);</li>
 *   <li>{@link dev.occlude.occlusion.MapPlanner}: every map a plan asks of one image (sizes, classes,
 *       passes, worst variant), computed, not drawn;</li>
 *   <li>{@code picture.ImageMapper}: those maps drawn and written, with the record
 *       ({@code picture.MapWriter} draws and writes);</li>
 *   <li>{@code picture.PictureMapper}: one labelled picture to its outcome (classified, mapped,
 *       scored against its label), the step the command line, Spark and serve share;</li>
 *   <li>{@code batch.VideoJob}: one video's sampled frames through that step, then its video and
 *       timeline; {@code serve.MapJob}: one map the page asked for, queued, run and kept.</li>
 * </ul>
 */
package dev.occlude.occlusion;
