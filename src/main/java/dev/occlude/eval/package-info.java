/** The pointing game: does the minimum patch land on a labelled object? */
package dev.occlude.eval;
