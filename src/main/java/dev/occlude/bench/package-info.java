/** The benchmark program behind docs/BENCHMARKS.md: prints figures measured side by side. */
package dev.occlude.bench;
