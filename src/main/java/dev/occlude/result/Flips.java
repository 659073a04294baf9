package dev.occlude.result;

import java.util.Map;

/**
 * The class-change map's figures.
 *
 * @param count patches whose hiding changes the predicted class
 * @param to how many of them change it to each class
 */
public record Flips(int count, Map<String, Integer> to) {}
