package dev.occlude.picture;

import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import dev.occlude.occlusion.ImageMaps;
import dev.occlude.occlusion.MapPlanner;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.OcclusionScan;
import dev.occlude.occlusion.ScanResult;
import dev.occlude.result.Mapped;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

/**
 * One decoded image through the plan of maps to its written pictures and result record: the step
 * that a batch run (and the Spark job, on each executor) repeats per image. Labels, resuming and
 * reporting stay with the caller.
 */
public final class ImageMapper {
    private final Occluder occluder;
    private final MapPlanner planner;
    private final String modelName;
    private final PictureSettings options;
    private final String settingsKey;
    private final MapWriter writer;

    /**
     * @param occluder the loaded model with the scan settings
     * @param modelName the model's name, as results give it
     * @param modelFingerprint what identifies the model's network, preprocessing and classes
     * @param options the plan of maps, the look, the target class, the extra pictures
     */
    public ImageMapper(Occluder occluder, String modelName, String modelFingerprint, PictureSettings options) {
        this.occluder = occluder;
        this.planner = new MapPlanner(occluder, options.plan());
        this.modelName = modelName;
        this.options = options;
        this.settingsKey = SettingsKey.of(modelFingerprint, options, occluder.settings().method());
        this.writer = new MapWriter(options.style(), occluder.settings(), settingsKey,
                occluder.scan().fullPassesReason().orElse(null), occluder.scan().staging().orElse(null));
    }

    /** The digest of everything that makes the outputs (the records' {@code settings}). */
    public String settingsKey() {
        return settingsKey;
    }

    /** The class mapped for an image whose clean prediction is {@code predicted} (and label {@code truth}, -1 if none). */
    public int target(int predicted, int truth) {
        if (options.mapsTrueClass(occluder.classes())) {
            return truth >= 0 ? truth : predicted; // an image without a label: its prediction, counted by the caller
        }
        return options.targetClass().map(occluder::classIndex).orElse(predicted);
    }

    /**
     * An image's maps and the outputs written for them.
     *
     * @param outcome the record, as a batch run prints it
     * @param map the main map, {@code height} rows of {@code width} source pixels
     * @param height the map's rows
     * @param width the map's columns
     * @param scan the main map's scan: every variant's probabilities of every class
     */
    public record Result(Mapped outcome, float[] map, int height, int width, ScanResult scan) {}

    /**
     * Maps the image for {@code target} and writes its files.
     *
     * @param name the image's name in the record (its path as given)
     * @param clean the clean image's probabilities
     * @param seconds the time spent on the image before this call
     * @param progress told how many variants were scored, as they are
     * @throws IllegalArgumentException when the region lies outside the image
     */
    public Result map(String name, BufferedImage image, PreparedImage prepared, float[] clean, int target,
                      Optional<Rectangle> region, OutputFiles files, double seconds, OcclusionScan.Progress progress)
            throws ModelException, IOException {
        return map(name, image, prepared, clean, target, region, files, FrameCaption.IMAGE, seconds, progress);
    }

    /** As {@link #map(String, BufferedImage, PreparedImage, float[], int, Optional, OutputFiles, double,
     * OcclusionScan.Progress)}, for a video's frame: {@code caption} ends the main overlay's legend (the frame's time)
     * and the frame's pictures use the scale every frame shares. */
    public Result map(String name, BufferedImage image, PreparedImage prepared, float[] clean, int target,
                      Optional<Rectangle> region, OutputFiles files, FrameCaption caption, double seconds,
                      OcclusionScan.Progress progress) throws ModelException, IOException {
        long start = System.nanoTime();
        ImageMaps maps = planner.run(image, prepared, clean, target, region, progress);
        Mapped result = writer.write(name, modelName, image, maps, files, region, options.flipPicture(),
                options.table(), caption, () -> seconds + (System.nanoTime() - start) / 1e9);
        return new Result(result, maps.mainMap(), image.getHeight(), image.getWidth(), maps.main().scan());
    }
}
