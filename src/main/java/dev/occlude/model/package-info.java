/**
 * Model directories and engines: a DJL model directory read and checked
 * ({@link dev.occlude.model.ModelDirectory}), its network loaded through DJL
 * ({@link dev.occlude.model.Classifier}, the DJL implementation of
 * {@link dev.occlude.model.score.Scorer}), the engines' differences behind one seam, the shipped
 * default model and DJL's logging. Below it: {@code score} (what the occlusion scan needs of a
 * model), {@code preprocess} (DJL's preprocessing reproduced exactly), {@code incremental}
 * (staged inference) and {@code tuning} (measured batch and thread settings).
 */
package dev.occlude.model;
