/**
 * {@code occlude compare}: two models over the same frames. Each model runs the plain batch step
 * ({@link dev.occlude.batch.BatchRunner}) one after the other on the same inputs and the same
 * variants; {@link CompareRun} joins each input's two lines into one compare line, with what
 * changed ({@link Verdicts}), where each model looks ({@link Focus}), a picture
 * ({@link ComparePicture}), the end-of-run table ({@link CompareTally}) and the gate ({@link Gate}).
 */
package dev.occlude.compare;
