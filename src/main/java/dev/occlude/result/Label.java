package dev.occlude.result;

/**
 * What a labels file says of an image.
 *
 * @param label the true class
 * @param mistake whether the prediction differs from it
 */
public record Label(String label, boolean mistake) {}
