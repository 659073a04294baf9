package dev.occlude.batch;

import dev.occlude.eval.MistakeTriage;
import dev.occlude.io.Labels;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.render.OverlayStyle;
import dev.occlude.video.VideoOptions;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a batch run does with each image besides scanning it.
 *
 * @param out where outputs go (sub-paths of inputs found in folders are kept below it)
 * @param targetClass the class to map, {@link #TRUE_CLASS} for each image's label, or empty for
 *     each image's predicted class
 * @param loaderLimit the largest image in pixels, and how a user sets it (named in the refusal)
 * @param skipExisting re-emit images whose outputs are complete instead of redoing them
 * @param labels true classes, to mark mistakes and count a confusion matrix
 * @param onlyMistakes with labels: map only the images the model gets wrong
 * @param summary also write one CSV row per image here
 * @param report also write an HTML report into this folder
 * @param plan which maps each image gets
 * @param style how they are drawn
 * @param regions the region of interest of each image: one for all, or per image from a file
 * @param flipPicture also write NAME.flip.png, where hiding a patch changes the predicted class
 * @param table also write NAME.patches.csv, every variant's patch and probabilities
 * @param copyToReport copy the overlays into the report's folder rather than link them in place
 * @param video how video inputs are sampled and what they write
 * @param triage with labels, how mistakes are told apart (the focus threshold, the class meaning no object)
 * @param atlas also draw where the worst patches of all mapped images lie into this PNG (and its numbers beside it)
 */
public record BatchOptions(Path out, Optional<String> targetClass, PixelLimit loaderLimit, boolean skipExisting,
                           Optional<Labels> labels, boolean onlyMistakes, Optional<Path> summary, Optional<Path> report,
                           AnalysisPlan plan, OverlayStyle style, RegionSource regions, boolean flipPicture,
                           boolean table, boolean copyToReport, VideoOptions video, MistakeTriage.Rules triage,
                           Optional<Path> atlas) {
    /** A builder with {@code plan} and {@code style}; the rest as when nothing else is asked for. */
    public static Builder builder(AnalysisPlan plan, OverlayStyle style) {
        return new Builder(plan, style);
    }

    /** The target class that means each image's true class, from the labels file. */
    public static final String TRUE_CLASS = "true";

    /** Whether each image maps its true class (unless the model has a class named "true"). */
    public boolean mapsTrueClass(java.util.List<String> classes) {
        return meansTrueClass(targetClass.orElse(null), classes);
    }

    /** Whether a --class value asks for each image's true class, for a model with these classes. */
    public static boolean meansTrueClass(String target, java.util.List<String> classes) {
        return TRUE_CLASS.equals(target) && !classes.contains(TRUE_CLASS);
    }

    /** Where an image's region of interest comes from. */
    @FunctionalInterface
    public interface RegionSource {
        /** The region of the image at this path, or empty for the whole image. */
        Optional<java.awt.Rectangle> of(Path image);

        /** The whole image, always. */
        RegionSource NONE = image -> Optional.empty();

        /** One region for every image, from its x, y, width, height. */
        static RegionSource fixed(java.util.List<Integer> xywh) {
            java.awt.Rectangle r = new java.awt.Rectangle(xywh.get(0), xywh.get(1), xywh.get(2), xywh.get(3));
            return image -> Optional.of(r);
        }
    }

    /**
     * The largest image accepted, in pixels, checked before decoding.
     *
     * @param pixels the limit
     * @param name how the user sets it, said in the refusal (e.g. a command-line option)
     */
    public record PixelLimit(long pixels, String name) {}

    /** Builds {@link BatchOptions} (DJL style): outputs in the current folder, nothing written beside the maps. */
    public static final class Builder {
        private final AnalysisPlan plan;
        private final OverlayStyle style;
        private Path out = Path.of(".");
        private String targetClass;
        private PixelLimit pixelLimit = new PixelLimit(50_000_000L, "the pixel limit");
        private boolean skipExisting;
        private Labels labels;
        private boolean onlyMistakes;
        private Path summary;
        private Path report;
        private RegionSource regions = RegionSource.NONE;
        private boolean flipPicture;
        private boolean table;
        private boolean copyToReport;
        private VideoOptions video = VideoOptions.DEFAULT;
        private MistakeTriage.Rules triage = MistakeTriage.Rules.DEFAULT;
        private Path atlas;

        private Builder(AnalysisPlan plan, OverlayStyle style) {
            this.plan = plan;
            this.style = style;
        }

        /** @param v where outputs go; @return this builder */
        public Builder out(Path v) {
            out = v;
            return this;
        }

        /** @param v the class to map, {@link #TRUE_CLASS}, or null for the predicted one; @return this builder */
        public Builder targetClass(String v) {
            targetClass = v;
            return this;
        }

        /** @param v the largest image accepted; @return this builder */
        public Builder pixelLimit(PixelLimit v) {
            pixelLimit = v;
            return this;
        }

        /** @param v whether finished images are re-emitted rather than redone; @return this builder */
        public Builder skipExisting(boolean v) {
            skipExisting = v;
            return this;
        }

        /** @param v the true classes, or null; @return this builder */
        public Builder labels(Labels v) {
            labels = v;
            return this;
        }

        /** @param v with labels: map only the mistakes; @return this builder */
        public Builder onlyMistakes(boolean v) {
            onlyMistakes = v;
            return this;
        }

        /** @param v the summary CSV, or null; @return this builder */
        public Builder summary(Path v) {
            summary = v;
            return this;
        }

        /** @param v the report's folder, or null; @return this builder */
        public Builder report(Path v) {
            report = v;
            return this;
        }

        /** @param v where each image's region of interest comes from; @return this builder */
        public Builder regions(RegionSource v) {
            regions = v;
            return this;
        }

        /** @param v whether NAME.flip.png is written; @return this builder */
        public Builder flipPicture(boolean v) {
            flipPicture = v;
            return this;
        }

        /** @param v whether NAME.patches.csv is written; @return this builder */
        public Builder table(boolean v) {
            table = v;
            return this;
        }

        /** @param v whether the report copies the overlays; @return this builder */
        public Builder copyToReport(boolean v) {
            copyToReport = v;
            return this;
        }

        /** @param v how videos are sampled; @return this builder */
        public Builder video(VideoOptions v) {
            video = v;
            return this;
        }

        /** @param v how mistakes are told apart; @return this builder */
        public Builder triage(MistakeTriage.Rules v) {
            triage = v;
            return this;
        }

        /** @param v the atlas's PNG, or null for none; @return this builder */
        public Builder atlas(Path v) {
            atlas = v;
            return this;
        }

        /** @return the options */
        public BatchOptions build() {
            return new BatchOptions(out, Optional.ofNullable(targetClass), pixelLimit, skipExisting,
                    Optional.ofNullable(labels), onlyMistakes, Optional.ofNullable(summary), Optional.ofNullable(report),
                    plan, style, regions, flipPicture, table, copyToReport, video, triage,
                    Optional.ofNullable(atlas));
        }
    }
}
