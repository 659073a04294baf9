package dev.occlude.batch;

import dev.occlude.eval.MistakeTriage;
import dev.occlude.io.Labels;
import dev.occlude.io.PixelLimit;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.picture.PictureSettings;
import dev.occlude.render.OverlayStyle;
import dev.occlude.video.VideoOptions;
import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the command line's run does besides mapping each picture: where inputs are read and
 * outputs go, labels, resuming, the run's own files; what each picture gets is {@link #picture()}.
 *
 * @param out where outputs go (sub-paths of inputs found in folders are kept below it)
 * @param picture what each picture gets: the plan, the look, the class, the extra pictures
 * @param loaderLimit the largest image in pixels, and how a user sets it (named in the refusal)
 * @param skipExisting re-emit images whose outputs are complete instead of redoing them
 * @param labels true classes, to mark mistakes and count a confusion matrix
 * @param summary also write one CSV row per image here
 * @param report also write an HTML report into this folder
 * @param regions the region of interest of each image: one for all, or per image from a file
 * @param copyToReport copy the overlays into the report's folder rather than link them in place
 * @param video how video inputs are sampled and what they write
 * @param atlas also draw where the worst patches of all mapped images lie into this PNG (and its numbers beside it)
 */
public record BatchOptions(Path out, PictureSettings picture, PixelLimit loaderLimit, boolean skipExisting,
                           Optional<Labels> labels, Optional<Path> summary, Optional<Path> report,
                           RegionSource regions, boolean copyToReport, VideoOptions video, Optional<Path> atlas) {
    /** A builder with {@code plan} and {@code style}; the rest as when nothing else is asked for. */
    public static Builder builder(AnalysisPlan plan, OverlayStyle style) {
        return new Builder(plan, style);
    }

    /** Where an image's region of interest comes from. */
    @FunctionalInterface
    public interface RegionSource {
        /** The region of the image at this path, or empty for the whole image. */
        Optional<Rectangle> of(Path image);

        /** The whole image, always. */
        RegionSource NONE = image -> Optional.empty();

        /** One region for every image, from its x, y, width, height. */
        static RegionSource fixed(List<Integer> xywh) {
            Rectangle r = new Rectangle(xywh.get(0), xywh.get(1), xywh.get(2), xywh.get(3));
            return image -> Optional.of(r);
        }
    }

    /** Builds {@link BatchOptions} (DJL style): outputs in the current folder, nothing written beside the maps. */
    public static final class Builder {
        private final AnalysisPlan plan;
        private final OverlayStyle style;
        private Path out = Path.of(".");
        private String targetClass;
        private PixelLimit pixelLimit = PixelLimit.DEFAULT;
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
            PictureSettings picture = new PictureSettings(plan, style, Optional.ofNullable(targetClass), flipPicture,
                    table, onlyMistakes, triage);
            return new BatchOptions(out, picture, pixelLimit, skipExisting, Optional.ofNullable(labels),
                    Optional.ofNullable(summary), Optional.ofNullable(report), regions, copyToReport, video,
                    Optional.ofNullable(atlas));
        }
    }
}
