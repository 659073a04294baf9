/**
 * Incremental inference on staged TorchScript networks: the declaration
 * ({@link dev.occlude.model.incremental.Stages}, stages.json), the windows each variant changes
 * ({@link dev.occlude.model.incremental.StageWindows}) and the network that recomputes only them
 * ({@link dev.occlude.model.incremental.IncrementalNetwork}).
 */
package dev.occlude.model.incremental;
