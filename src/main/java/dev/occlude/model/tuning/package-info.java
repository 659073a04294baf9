/**
 * Batch size, workers and threads by measurement: raw forward throughput
 * ({@link dev.occlude.model.tuning.Throughput}) and the cached choice per model, input shape and
 * machine ({@link dev.occlude.model.tuning.Tuning}).
 */
package dev.occlude.model.tuning;
