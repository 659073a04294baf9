package dev.occlude.result;

/**
 * One patch size's map.
 *
 * @param patch the patch side
 * @param stride the stride
 * @param variants the patches of its grid
 * @param min its minimum patch
 * @param outputs its files; null when they are not named (a Spark row without overlays)
 */
public record SizeResult(int patch, int stride, int variants, MinPatch min, Outputs outputs) {}
