/**
 * Pixels → model input → probabilities: DJL model directories ({@link dev.occlude.model.ModelDirectory}),
 * DJL's preprocessing reproduced exactly ({@link dev.occlude.model.Preprocessing},
 * {@link dev.occlude.model.PreparedImage}), the {@link dev.occlude.model.Scorer} interface and its DJL
 * implementation {@link dev.occlude.model.Classifier}, and measured batch and thread settings.
 */
package dev.occlude.model;
