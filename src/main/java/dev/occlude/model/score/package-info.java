/**
 * What the occlusion scan needs of a model: {@link dev.occlude.model.score.Scorer} (classes,
 * preprocessing, a batch of inputs scored), {@link dev.occlude.model.score.IncrementalScorer}
 * (scoring that recomputes only what a patch changes) and the one-line
 * {@link dev.occlude.model.score.ModelException}.
 */
package dev.occlude.model.score;
