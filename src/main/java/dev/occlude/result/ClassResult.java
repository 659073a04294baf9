package dev.occlude.result;

/**
 * One class's map.
 *
 * @param className the class
 * @param min its minimum patch
 * @param outputs its files; null when they are not named
 */
public record ClassResult(String className, MinPatch min, Outputs outputs) {}
