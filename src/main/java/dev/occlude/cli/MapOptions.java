package dev.occlude.cli;

import dev.occlude.render.Colormap;

/**
 * What is mapped and how it looks: patch sizes (with their strides), repeated passes, every
 * class, the worst variant, and the colour scale.
 *
 * @param sizes {patch, stride} pairs; the first one is the main map
 * @param combine also write the mean of the maps of all sizes
 * @param allClasses a map for every class from the same forward passes
 * @param passes repeated occlusion: passes in all (1: no repetition)
 * @param stopBelow stop repeating once the target probability with the patches hidden is below this
 * @param saveWorst write the variant with the lowest probability as an image
 * @param drop map clean probability minus occluded probability instead of the probability
 * @param scale fixed colour scale {lo, hi}, or null for the map's own min..max
 */
record MapOptions(int[][] sizes, boolean combine, boolean allClasses, int passes, double stopBelow, boolean saveWorst,
                  boolean drop, double[] scale, Colormap colormap, double alpha) {
}
