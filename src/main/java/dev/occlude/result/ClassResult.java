package dev.occlude.result;

/**
 * One class's map.
 *
 * @param className the class
 * @param min its minimum patch
 * @param max when the class is not the prediction, the patch that raises it most; else null
 * @param outputs its files; null when they are not named
 */
public record ClassResult(String className, MinPatch min, MinPatch max, Outputs outputs) {}
