package dev.occlude.occlusion;

import dev.occlude.model.Classifier;
import dev.occlude.model.ModelException;
import dev.occlude.model.PreparedImage;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;

/**
 * The batched occlusion loop: every patch of the grid becomes a variant of the model input, the
 * variants are scored in batches, and every class's probability is kept. A patch that changes
 * nothing the model sees is not run: it gets the clean probabilities and counts as skipped.
 */
public final class OcclusionScan {
    /** Told after each batch how many variants are done, for progress displays. */
    @FunctionalInterface
    public interface Progress {
        void done(int variantsDone, int variantsTotal);
    }

    private final Classifier classifier;
    private final ScanSettings settings;

    public OcclusionScan(Classifier classifier, ScanSettings settings) {
        this.classifier = classifier;
        this.settings = settings;
    }

    /** Scores the clean image alone. */
    public float[] clean(PreparedImage image) throws ModelException {
        var g = image.geometry();
        return classifier.predict(image.cleanInput(), 1, g.inputHeight(), g.inputWidth())[0];
    }

    public ScanResult run(PreparedImage image) throws ModelException {
        return run(image, (d, t) -> { });
    }

    public ScanResult run(PreparedImage image, Progress progress) throws ModelException {
        var g = image.geometry();
        float[] clean = clean(image);
        PatchGrid grid = new PatchGrid(settings.patch(), settings.stride(), g.sourceWidth(), g.sourceHeight());
        return run(image, grid.patches(), clean, progress);
    }

    /** Scores the given patches (source pixels) against an already known clean prediction. */
    public ScanResult run(PreparedImage image, List<Rectangle> patches, float[] clean, Progress progress)
            throws ModelException {
        var g = image.geometry();
        int size = image.inputSize();
        int batch = settings.batch();
        int fill = settings.fillByte();
        float[] inputs = new float[batch * size];
        int[] slots = new int[batch];
        float[][] probabilities = new float[patches.size()][];
        int skipped = 0;
        int pending = 0;
        for (int i = 0; i < patches.size(); i++) {
            if (image.writeOccluded(patches.get(i), fill, inputs, pending * size)) {
                slots[pending++] = i;
            } else {
                probabilities[i] = clean;
                skipped++;
            }
            if (pending == batch || (i == patches.size() - 1 && pending > 0)) {
                float[][] scores = classifier.predict(inputs, pending, g.inputHeight(), g.inputWidth());
                for (int k = 0; k < pending; k++) {
                    probabilities[slots[k]] = scores[k];
                }
                pending = 0;
                progress.done(i + 1, patches.size());
            }
        }
        progress.done(patches.size(), patches.size());
        return new ScanResult(g.sourceWidth(), g.sourceHeight(), clean, new ArrayList<>(patches), probabilities, skipped);
    }
}
