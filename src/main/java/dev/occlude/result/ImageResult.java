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
 * @param image the input's path as given (for a video's frame, the video's)
 * @param frame for a video's frame, its index in the video, from 0
 * @param time for a video's frame, its time in seconds (millisecond precision)
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
 * @param fillKind what hidden pixels became: grey, colour, mean, blur or noise
 * @param fillColour with a colour fill, its #rrggbb
 * @param blurSigma with a blur fill, the Gaussian's sigma in source pixels
 * @param seed with a noise fill (and the metrics' random order), the seed
 * @param region with a region of interest, the region: only patches meeting it were run
 * @param flips how many patches change the predicted class when hidden, and to what
 * @param metrics deletion and insertion curves of the map, with a random order's as baseline
 * @param pointing with labelled boxes, whether the minimum patch hits one
 * @param incremental whether variants were scored incrementally (the model declares its stages) rather than
 *     by full forward passes
 */
public record ImageResult(String image, Integer frame, Double time, Integer width, Integer height, String model, Prediction prediction,
                          String target, Integer patch, Integer stride, Double fill, Integer variants, Integer skipped,
                          @SerializedName("forward_passes") Integer forwardPasses, Boolean refine, MinPatch min,
                          Outputs outputs, Double seconds, String map, List<SizeResult> sizes, Combined combined,
                          Map<String, ClassResult> classes, List<PassResult> passes, Boolean mapped, String label,
                          Boolean mistake, Boolean existing, String error, String settings,
                          @SerializedName("fill_kind") String fillKind, @SerializedName("fill_colour") String fillColour,
                          @SerializedName("blur_sigma") Double blurSigma, Long seed, Box region, Flips flips,
                          Metrics metrics, Pointing pointing, Boolean incremental) {

    /** A failed image. */
    public static ImageResult failure(String image, String error) {
        return new ImageResult(image, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, error, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** An image classified but not mapped. */
    public static ImageResult unmapped(String image, int width, int height, String model, Prediction prediction) {
        return new ImageResult(image, null, null, width, height, model, prediction, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, false, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    public boolean failed() {
        return error != null;
    }

    /** The same result with its true class and whether the prediction missed it. */
    public ImageResult withLabel(String newLabel, boolean newMistake) {
        return new ImageResult(image, frame, time, width, height, model, prediction, target, patch, stride, fill, variants, skipped,
                forwardPasses, refine, min, outputs, seconds, map, sizes, combined, classes, passes, mapped, newLabel,
                newMistake, existing, error, settings, fillKind, fillColour, blurSigma, seed, region, flips, metrics,
                pointing, incremental);
    }

    /** The same result marked as re-emitted from an earlier run. */
    public ImageResult asExisting() {
        return new ImageResult(image, frame, time, width, height, model, prediction, target, patch, stride, fill, variants, skipped,
                forwardPasses, refine, min, outputs, seconds, map, sizes, combined, classes, passes, mapped, label,
                mistake, true, error, settings, fillKind, fillColour, blurSigma, seed, region, flips, metrics, pointing, incremental);
    }

    /** The same result as one frame of a video: {@code image} becomes the video's path. */
    public ImageResult asFrame(String video, int newFrame, double newTime) {
        return new ImageResult(video, newFrame, newTime, width, height, model, prediction, target, patch, stride, fill,
                variants, skipped, forwardPasses, refine, min, outputs, seconds, map, sizes, combined, classes, passes,
                mapped, label, mistake, existing, error, settings, fillKind, fillColour, blurSigma, seed, region, flips,
                metrics, pointing, incremental);
    }

    /**
     * The same result with other outputs and none for the extra maps: a video's frame whose own
     * files are not kept names only the video's.
     */
    public ImageResult withOnlyOutputs(Outputs newOutputs) {
        return new ImageResult(image, frame, time, width, height, model, prediction, target, patch, stride, fill,
                variants, skipped, forwardPasses, refine, min, newOutputs, seconds, map,
                sizes == null ? null : sizes.stream().map(z -> new SizeResult(z.patch(), z.stride(), z.variants(), z.min(),
                        null)).toList(),
                null,
                classes == null ? null : withoutOutputs(classes),
                passes == null ? null : passes.stream().map(p -> new PassResult(p.pass(), p.probability(), p.min(), null))
                        .toList(),
                mapped, label, mistake, existing, error, settings, fillKind, fillColour, blurSigma, seed, region, flips,
                metrics, pointing, incremental);
    }

    private static Map<String, ClassResult> withoutOutputs(Map<String, ClassResult> classes) {
        Map<String, ClassResult> m = new LinkedHashMap<>();
        classes.forEach((k, v) -> m.put(k, new ClassResult(v.min(), null)));
        return m;
    }

    /** The same result with these outputs (a video's frame: its own and the video's). */
    public ImageResult withOutputs(Outputs newOutputs) {
        return new ImageResult(image, frame, time, width, height, model, prediction, target, patch, stride, fill,
                variants, skipped, forwardPasses, refine, min, newOutputs, seconds, map, sizes, combined, classes, passes,
                mapped, label, mistake, existing, error, settings, fillKind, fillColour, blurSigma, seed, region, flips,
                metrics, pointing, incremental);
    }

    /** The same result with whether its minimum patch hits a labelled box. */
    public ImageResult withPointing(Pointing newPointing) {
        return new ImageResult(image, frame, time, width, height, model, prediction, target, patch, stride, fill, variants, skipped,
                forwardPasses, refine, min, outputs, seconds, map, sizes, combined, classes, passes, mapped, label,
                mistake, existing, error, settings, fillKind, fillColour, blurSigma, seed, region, flips, metrics,
                newPointing, incremental);
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
     * @param flips the class-change picture, when asked for
     * @param table the per-patch CSV, when asked for
     * @param video for a video's frame, the video's annotated video (NAME.occlusion.mp4), written
     *     when the video is done
     * @param timeline for a video's frame, the video's timeline (NAME.timeline.png), written when
     *     the video is done
     */
    public record Outputs(String overlay, String map, String worst, String flips, String table, String video,
                          String timeline) {
        /** An overlay and its map. */
        public Outputs(String overlay, String map) {
            this(overlay, map, null, null, null, null, null);
        }

        /** The same files and the video's own. */
        public Outputs withVideo(String newVideo, String newTimeline) {
            return new Outputs(overlay, map, worst, flips, table, newVideo, newTimeline);
        }
    }

    /** A rectangle in source pixels. */
    public record Box(int x, int y, int width, int height) {
        /** The box of a rectangle. */
        public static Box of(java.awt.Rectangle r) {
            return new Box(r.x, r.y, r.width, r.height);
        }
    }

    /**
     * The class-change map's figures.
     *
     * @param count patches whose hiding changes the predicted class
     * @param to how many of them change it to each class
     */
    public record Flips(int count, Map<String, Integer> to) {}

    /**
     * Faithfulness (Petsiuk et al., RISE): the target's probability as the map's most important
     * pixels are removed (deletion: filled, most important first) or revealed (insertion: from a
     * fully filled image), after each of {@code steps} equal steps; the areas under the curves; the
     * same for a random order, the baseline. Low deletion and high insertion areas: the map tells
     * the truth.
     */
    public record Metrics(int steps, @SerializedName("deletion_auc") double deletionAuc,
                          @SerializedName("insertion_auc") double insertionAuc,
                          @SerializedName("random_deletion_auc") double randomDeletionAuc,
                          @SerializedName("random_insertion_auc") double randomInsertionAuc, List<Double> deletion,
                          List<Double> insertion, @SerializedName("random_deletion") List<Double> randomDeletion,
                          @SerializedName("random_insertion") List<Double> randomInsertion) {}

    /**
     * The pointing game on one image.
     *
     * @param hit whether the minimum patch overlaps a labelled box
     * @param boxes how many boxes the label has
     */
    public record Pointing(boolean hit, int boxes) {}

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
