/**
 * Judging a map against labels: the article's mistake triage (where the focus of a mistaken image
 * lies). The pointing game is the command line's own ({@code --labels} with boxes, {@code --class
 * true}; scripts/pointing-game runs it on held-out scenes).
 */
package dev.occlude.eval;
