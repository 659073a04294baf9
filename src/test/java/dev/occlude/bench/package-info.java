/**
 * The benchmark programs behind docs/BENCHMARKS.md: print figures measured side by side. They live
 * beside the tests, outside the tool's jar; scripts/bench and scripts/bench-video run them.
 */
package dev.occlude.bench;
