/**
 * One picture (an image, or a video's sampled frame) to its outputs, the step every front end
 * shares: the command line's run ({@code batch}), a Spark task ({@code spark}) and occlude serve's
 * map job ({@code serve}). The clean score, the label checked against the model's classes, the
 * target class ({@link dev.occlude.picture.ClassChoice}), the maps, what a label adds
 * ({@link dev.occlude.picture.Labelling}), the files ({@link dev.occlude.picture.OutputFiles}, with
 * captions and the patch table) and the record with its resume digest
 * ({@link dev.occlude.picture.SettingsKey}). {@link dev.occlude.picture.PictureMapper} is the whole
 * step (label in, outcome out); {@link dev.occlude.picture.ImageMapper} the maps of one decoded image
 * under the plan, which {@link dev.occlude.picture.MapWriter} draws and writes with the record.
 * Below, {@code occlusion.MapPlanner} computes the maps (its package-info lists the whole line).
 */
package dev.occlude.picture;
