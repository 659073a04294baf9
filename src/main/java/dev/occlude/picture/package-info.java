/**
 * One picture (an image, or a video's sampled frame) to its outputs, the step every front end
 * shares: the command line's run ({@code batch}), a Spark task ({@code spark}) and occlude serve's
 * map job ({@code serve}). The clean score, the label checked against the model's classes, the
 * target class ({@link dev.occlude.picture.ClassChoice}), the maps, what a label adds
 * ({@link dev.occlude.picture.Labelling}), the files ({@link dev.occlude.picture.OutputFiles}, with
 * captions and the patch table) and the record with its resume digest
 * ({@link dev.occlude.picture.SettingsKey}). {@link dev.occlude.picture.PictureMapper} is the whole
 * step; {@link dev.occlude.picture.ImageMapper} its maps and files.
 */
package dev.occlude.picture;
