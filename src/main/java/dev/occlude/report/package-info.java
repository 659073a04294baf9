/** The self-contained HTML report of a run, built from its result lines. */
package dev.occlude.report;
