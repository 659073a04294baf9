package dev.occlude.result;

/**
 * The clean image as the model saw it.
 *
 * @param width source width in pixels
 * @param height source height in pixels
 * @param model the model directory's name
 * @param prediction the clean image's prediction
 */
public record Classification(int width, int height, String model, Prediction prediction) {}
