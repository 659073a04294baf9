/**
 * The command line's run over many inputs: inputs from files, folders and stdin, output claims,
 * the runner with its look-ahead decoding, resuming, a video's frames, labels and confusion, the
 * summary CSV, the atlas and progress. Each picture goes through {@code dev.occlude.picture}.
 */
package dev.occlude.batch;
