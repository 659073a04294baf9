package dev.occlude.picture;

import dev.occlude.io.Labels;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.OcclusionScan;
import dev.occlude.result.Classification;
import dev.occlude.result.Classified;
import dev.occlude.result.Failed;
import dev.occlude.result.Label;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.Prediction;
import dev.occlude.result.ResultCodec;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One decoded picture (an image, or a video's frame) with its label to its outcome: classified,
 * told apart from the frames it need not map ({@code --only-mistakes}), mapped for its class,
 * scored in the pointing game on the label's boxes, its record written last. Emitting is the
 * caller's.
 */
public final class PictureMapper {
    private final Occluder occluder;
    private final ImageMapper mapper;
    private final String modelName;
    private final PictureSettings options;
    private final OcclusionScan.Progress progress;
    private MapListener listener = (outcome, image, scan) -> { };

    /**
     * @param occluder the loaded model with the scan settings
     * @param mapper the image's maps and files
     * @param modelName the model's name, as results give it
     * @param options what each picture gets
     * @param progress told how many variants are scored
     */
    public PictureMapper(Occluder occluder, ImageMapper mapper, String modelName, PictureSettings options,
                         OcclusionScan.Progress progress) {
        this.occluder = occluder;
        this.mapper = mapper;
        this.modelName = modelName;
        this.options = options;
        this.progress = progress;
    }

    /**
     * Maps one picture and writes its files; {@code asInput} finishes the outcome before its record is
     * written (a frame's time and outputs); {@code caption} says whether it is a frame and ends the main overlay's legend.
     *
     * @param path the input, as its record names it (a path, or in the Spark job a URI)
     * @param entry its label, resolved for it (null for none)
     */
    public Outcome map(String path, Labels.Entry entry, Optional<Rectangle> region, OutputFiles files,
                       BufferedImage image, PreparedImage prepared, FrameCaption caption, double seconds,
                       UnaryOperator<Outcome> asInput) throws ModelException {
        long start = System.nanoTime();
        float[] clean = occluder.clean(prepared);
        int predicted = Occluder.argMax(clean);
        int truth;
        try {
            truth = Labelling.truth(entry, occluder.classes(), image.getWidth(), image.getHeight());
        } catch (IllegalArgumentException e) {
            return new Failed(path, path + ": " + e.getMessage());
        }
        Label label = entry == null ? null : new Label(entry.label(), truth != predicted);
        if (options.onlyMistakes() && truth == predicted) {
            return asInput.apply(new Classified(path, null, new Classification(image.getWidth(),
                    image.getHeight(), modelName, Prediction.of(occluder.classes(), clean)), label, false));
        }
        try {
            ImageMapper.Result mapped = mapper.map(path, image, prepared, clean,
                    mapper.target(predicted, truth), region, files, caption,
                    seconds + (System.nanoTime() - start) / 1e9, progress);
            Mapped result = entry == null ? mapped.outcome()
                    : Labelling.apply(mapped.outcome(), entry, occluder.classes(), mapped.scan(), options.triage());
            Outcome finished = asInput.apply(result);
            files.writeRecord(ResultCodec.toLine(finished));
            listener.mapped(finished, image, mapped);
            return finished;
        } catch (IllegalArgumentException e) {
            return new Failed(path, path + ": " + e.getMessage()); // a region outside this image
        } catch (IOException e) {
            return new Failed(path, path + ": cannot write outputs (" + e.getMessage() + ")");
        }
    }

    /** Tells {@code l} of every picture mapped from now on. */
    public void listen(MapListener l) {
        this.listener = l;
    }

    /**
     * An earlier run's outcome, marked as such and, when today's run has labels ({@code labelled}),
     * labelled by today's label {@code entry} (when it names a class of the model; otherwise, or
     * when null, without a label).
     */
    public Outcome resumed(Outcome earlier, boolean labelled, Labels.Entry entry) {
        Outcome r = earlier.asExisting();
        if (!labelled || r.classification() == null) {
            return r;
        }
        int truth = entry == null ? -1 : occluder.classes().indexOf(entry.label());
        Label label = truth < 0 ? null
                : new Label(entry.label(), !entry.label().equals(r.classification().prediction().className()));
        if (r instanceof Mapped m) {
            // the earlier triage holds for the earlier label only
            return label != null && label.equals(m.label()) ? m.withLabel(label) : m.withLabel(label).withTriage(null);
        }
        return ((Classified) r).withLabel(label);
    }
}
