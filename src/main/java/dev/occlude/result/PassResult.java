package dev.occlude.result;

/**
 * One pass of repeated occlusion.
 *
 * @param pass its number, from 1
 * @param probability the target's probability with the earlier passes' patches hidden
 * @param min its minimum patch
 * @param outputs its files; null when they are not named
 */
public record PassResult(int pass, double probability, MinPatch min, Outputs outputs) {}
