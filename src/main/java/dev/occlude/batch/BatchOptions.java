package dev.occlude.batch;

import dev.occlude.io.Labels;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.render.OverlayStyle;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a batch run does with each image besides scanning it.
 *
 * @param out where outputs go (sub-paths of inputs found in folders are kept below it)
 * @param targetClass the class to map, or empty for each image's predicted class
 * @param loaderLimit the largest image in pixels, and how a user sets it (named in the refusal)
 * @param skipExisting re-emit images whose outputs are complete instead of redoing them
 * @param labels true classes, to mark mistakes and count a confusion matrix
 * @param onlyMistakes with labels: map only the images the model gets wrong
 * @param summary also write one CSV row per image here
 * @param report also write an HTML report into this folder
 * @param plan which maps each image gets
 * @param style how they are drawn
 */
public record BatchOptions(Path out, Optional<String> targetClass, PixelLimit loaderLimit, boolean skipExisting,
                           Optional<Labels> labels, boolean onlyMistakes, Optional<Path> summary, Optional<Path> report,
                           AnalysisPlan plan, OverlayStyle style) {

    /**
     * The largest image accepted, in pixels, checked before decoding.
     *
     * @param pixels the limit
     * @param name how the user sets it, said in the refusal (e.g. a command-line option)
     */
    public record PixelLimit(long pixels, String name) {}
}
