package dev.occlude.result;

import com.google.gson.annotations.SerializedName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One image's outcome: the JSON line a run prints and keeps in {@code NAME.occlusion.json}.
 * Components are written in this order and left out when null, so the three shapes of the line
 * come from one record: a mapped image, an image that was classified but not mapped
 * ({@code mapped} false), and a failure ({@code image} and {@code error} only). Coordinates are
 * source-image pixels; probabilities are rounded to six decimals. Fields are added, never renamed
 * or removed: scripts depend on them.
 *
 * @param image the input's path as given
 * @param width source width in pixels
 * @param height source height in pixels
 * @param model the model directory's name
 * @param prediction the clean image's prediction
 * @param target the mapped class
 * @param patch main patch side
 * @param stride main stride
 * @param fill grey level in [0, 1]
 * @param variants patches of the main grid
 * @param skipped variants that change nothing the model sees (not run)
 * @param forwardPasses variants actually run (with refinement, the coarse pass included)
 * @param refine whether the scan was refined (adaptive) rather than exact
 * @param min the main map's minimum patch
 * @param outputs the files written
 * @param seconds decoding to written outputs, model loading excluded
 * @param map what the maps hold: probability or drop
 * @param sizes with several patch sizes, one entry each
 * @param combined with several sizes combined, the mean map's files
 * @param classes with every class mapped, one entry per class name
 * @param passes with repeated occlusion, one entry per pass
 * @param mapped false when the image was classified but not mapped
 * @param label the true class, from a labels file
 * @param mistake whether the prediction differs from the label
 * @param existing true when re-emitted from an earlier run's record
 * @param error why the image failed (then only {@code image} is set besides)
 * @param settings a digest of everything that made the outputs (model, patch sizes, class, fill,
 *     mode, map kind, look): resuming redoes an image whose digest differs
 */
public record ImageResult(String image, Integer width, Integer height, String model, Prediction prediction,
                          String target, Integer patch, Integer stride, Double fill, Integer variants, Integer skipped,
                          @SerializedName("forward_passes") Integer forwardPasses, Boolean refine, MinPatch min,
                          Outputs outputs, Double seconds, String map, List<SizeResult> sizes, Combined combined,
                          Map<String, ClassResult> classes, List<PassResult> passes, Boolean mapped, String label,
                          Boolean mistake, Boolean existing, String error, String settings) {

    /** A failed image. */
    public static ImageResult failure(String image, String error) {
        return new ImageResult(image, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, error, null);
    }

    /** An image classified but not mapped. */
    public static ImageResult unmapped(String image, int width, int height, String model, Prediction prediction) {
        return new ImageResult(image, width, height, model, prediction, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, false, null, null, null, null, null);
    }

    public boolean failed() {
        return error != null;
    }

    /** The same result with its true class and whether the prediction missed it. */
    public ImageResult withLabel(String newLabel, boolean newMistake) {
        return new ImageResult(image, width, height, model, prediction, target, patch, stride, fill, variants, skipped,
                forwardPasses, refine, min, outputs, seconds, map, sizes, combined, classes, passes, mapped, newLabel,
                newMistake, existing, error, settings);
    }

    /** The same result marked as re-emitted from an earlier run. */
    public ImageResult asExisting() {
        return new ImageResult(image, width, height, model, prediction, target, patch, stride, fill, variants, skipped,
                forwardPasses, refine, min, outputs, seconds, map, sizes, combined, classes, passes, mapped, label,
                mistake, true, error, settings);
    }

    /**
     * The clean image's prediction.
     *
     * @param className the predicted class
     * @param probabilities every class's probability, in the model's class order
     */
    public record Prediction(@SerializedName("class") String className, Map<String, Double> probabilities) {
        /** The prediction of the highest probability (the first on ties), every probability rounded. */
        public static Prediction of(List<String> classes, float[] probabilities) {
            Map<String, Double> p = new LinkedHashMap<>();
            int best = 0;
            for (int i = 0; i < classes.size(); i++) {
                p.put(classes.get(i), ResultCodec.round(probabilities[i]));
                best = probabilities[i] > probabilities[best] ? i : best;
            }
            return new Prediction(classes.get(best), p);
        }
    }

    /**
     * The patch (clipped to the image) whose variant had the lowest target probability.
     *
     * @param probability the target's probability with it hidden
     */
    public record MinPatch(double probability, int x, int y, int width, int height) {}

    /**
     * Files written for one map.
     *
     * @param overlay the PNG overlay
     * @param map the float32 .npy map
     * @param worst the worst variant's PNG, when asked for
     */
    public record Outputs(String overlay, String map, String worst) {}

    /** One patch size's map. */
    public record SizeResult(int patch, int stride, int variants, MinPatch min, Outputs outputs) {}

    /** The mean map of all sizes. */
    public record Combined(Outputs outputs) {}

    /** One class's map. */
    public record ClassResult(MinPatch min, Outputs outputs) {}

    /**
     * One pass of repeated occlusion.
     *
     * @param pass its number, from 1
     * @param probability the target's probability with the earlier passes' patches hidden
     */
    public record PassResult(int pass, double probability, MinPatch min, Outputs outputs) {}
}
