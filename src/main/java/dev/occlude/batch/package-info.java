/**
 * Many images through one model: inputs from files, folders and stdin, output names, the per-image
 * job (plan, render, write), the runner with its look-ahead decoding, resuming, labels and confusion,
 * the summary CSV and progress.
 */
package dev.occlude.batch;
