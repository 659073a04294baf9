package dev.occlude.result;

import com.google.gson.annotations.SerializedName;

/**
 * What kind of mistake a labelled image is, and the evidence: where the map's focus for the
 * predicted class lies and what it met ({@link dev.occlude.eval.MistakeTriage} gives the kinds' rules).
 *
 * @param kind {@code other-light}, {@code no-focus}, {@code false-light}, {@code missed-light} or {@code unexplained}
 * @param drop how much hiding the focus patch lowers the predicted class's probability
 * @param focus the focus patch: the one whose hiding lowers the predicted class most, with that class's
 *     probability with it hidden
 * @param box the labelled box the focus met, or null
 * @param boxClass that box's class, or null when it has none or no box was met
 */
public record Triage(String kind, double drop, MinPatch focus, Box box, @SerializedName("box_class") String boxClass) {}
