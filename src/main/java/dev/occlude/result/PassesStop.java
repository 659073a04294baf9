package dev.occlude.result;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/**
 * Why the passes stopped before the number asked for ({@code --passes}): the JSON line's
 * {@code passes_stop}, absent when every pass asked for ran.
 *
 * @param after the last pass that ran
 * @param reason {@code stop-below}: with the patches of the passes so far hidden the class's
 *     probability fell below {@code --stop-below}; {@code worst-hidden}: the last pass's worst patch
 *     lies under patches already hidden, so every further pass would repeat it; {@code no-change}: hiding
 *     it gave the same map again
 * @param probability the class's probability with the patches of passes 1..after hidden
 * @param stopBelow the {@code --stop-below} in force
 */
public record PassesStop(int after, String reason, double probability,
                         @SerializedName("stop_below") double stopBelow) {
    /** The reason when the probability fell below {@code --stop-below}. */
    public static final String STOP_BELOW = "stop-below";
    /** The reason when the worst patch was hidden already. */
    public static final String WORST_HIDDEN = "worst-hidden";
    /** The reason when hiding the last worst patch gave the same map again. */
    public static final String NO_CHANGE = "no-change";

    /** In words, as the caption and stderr say it. */
    public String sentence() {
        return switch (reason) {
            case STOP_BELOW -> String.format(Locale.ROOT, "STOPPED AFTER PASS %d: P=%.4f < %s (--stop-below)",
                    after, probability, stopBelow);
            case NO_CHANGE -> String.format(Locale.ROOT, "STOPPED AFTER PASS %d: HIDING ITS WORST PATCH GAVE "
                    + "THE SAME MAP AGAIN (ANOTHER PASS WOULD REPEAT IT)", after);
            default -> String.format(Locale.ROOT, "STOPPED AFTER PASS %d: ITS WORST PATCH IS HIDDEN ALREADY "
                    + "(ANOTHER PASS WOULD REPEAT IT)", after);
        };
    }
}
