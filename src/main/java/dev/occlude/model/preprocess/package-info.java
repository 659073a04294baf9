/**
 * DJL's image preprocessing reproduced exactly (resize, centre crop, normalise, to tensor):
 * {@link dev.occlude.model.preprocess.Preprocessing} from a directory's settings,
 * {@link dev.occlude.model.preprocess.PreparedImage} one source image's input with occluded
 * variants written in place, {@link dev.occlude.model.preprocess.Fill} what hidden pixels become.
 */
package dev.occlude.model.preprocess;
