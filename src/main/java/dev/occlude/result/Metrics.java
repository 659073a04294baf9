package dev.occlude.result;

import com.google.gson.annotations.SerializedName;
import java.util.List;

/**
 * Faithfulness (Petsiuk et al., RISE): the target's probability as the map's most important
 * pixels are removed (deletion: filled, most important first) or revealed (insertion: from a
 * fully filled image), after each of {@code steps} equal steps; the areas under the curves; the
 * same for a random order, the baseline. Low deletion and high insertion areas: the map tells
 * the truth.
 *
 * @param steps how many steps each curve has
 * @param deletionAuc the area under the deletion curve
 * @param insertionAuc the area under the insertion curve
 * @param randomDeletionAuc the same for a random order
 * @param randomInsertionAuc the same for a random order
 * @param deletion the deletion curve
 * @param insertion the insertion curve
 * @param randomDeletion the deletion curve of a random order
 * @param randomInsertion the insertion curve of a random order
 */
public record Metrics(int steps, @SerializedName("deletion_auc") double deletionAuc,
                      @SerializedName("insertion_auc") double insertionAuc,
                      @SerializedName("random_deletion_auc") double randomDeletionAuc,
                      @SerializedName("random_insertion_auc") double randomInsertionAuc, List<Double> deletion,
                      List<Double> insertion, @SerializedName("random_deletion") List<Double> randomDeletion,
                      @SerializedName("random_insertion") List<Double> randomInsertion) {}
