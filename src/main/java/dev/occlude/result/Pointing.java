package dev.occlude.result;

/**
 * The pointing game on one image.
 *
 * @param hit whether the minimum patch overlaps a labelled box
 * @param boxes how many boxes the label has
 */
public record Pointing(boolean hit, int boxes) {}
