package dev.occlude.result;

/**
 * A class of the model, by index and name.
 *
 * @param index its index in the model's output
 * @param name its name in the synset
 */
public record ClassRef(int index, String name) {}
