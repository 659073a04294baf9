/**
 * {@code occlude compare}: two models over the same frames. Each model runs the plain batch step
 * ({@link dev.occlude.batch.BatchRunner}) on the same inputs and the same variants, side by side
 * and kept in step ({@link Pairing}: each image decoded once, model B one input behind A; a
 * video's frames likewise, frame by frame, by {@link SharedVideo}); the two sides' problem lines
 * said by {@link ProblemLines};
 * {@link CompareRun} joins each input's two lines into one compare line ({@link Comparison}, which
 * the Spark job's compare rows use too), with what changed ({@link Verdict}), where each model
 * looks ({@link Focus}), a picture ({@link ComparePicture}), the end-of-run table
 * ({@link CompareTally}) and the gate ({@link Gate}).
 */
package dev.occlude.compare;
