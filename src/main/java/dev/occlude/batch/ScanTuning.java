package dev.occlude.batch;

import dev.occlude.io.ImageLoader;
import dev.occlude.model.preprocess.Preprocessing;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Scorer;
import dev.occlude.model.tuning.Tuning;
import dev.occlude.video.VideoReader;
import java.awt.Dimension;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Batch size, workers and threads for a run: as given, the rest measured on the first image's input shape. */
public final class ScanTuning {
    private ScanTuning() {}

    /**
     * The setting to run with (PyTorch's intra-op threads are set to it); {@code null} for what
     * was not given. Incremental scans (the model declares stages and {@code incremental}) take
     * {@link Tuning#incremental}: full forward passes are what the measurement times.
     */
    public static Tuning.Choice choose(Scorer classifier, String model, List<Input> images, Integer batch,
                                       Integer workers, Integer threads, boolean incremental) throws ModelException {
        return choose(classifier, model, images, batch, workers, threads, incremental, s -> { });
    }

    /** As {@link #choose(Scorer, String, List, Integer, Integer, Integer, boolean)}, saying {@code notice} before measuring. */
    public static Tuning.Choice choose(Scorer classifier, String model, List<Input> images, Integer batch,
                                       Integer workers, Integer threads, boolean incremental,
                                       Consumer<String> notice) throws ModelException {
        if (incremental && classifier.incremental().isPresent()) {
            Tuning.Choice choice = Tuning.incremental(batch, workers, threads);
            classifier.setIntraOpThreads(choice.setting().threads());
            return choice;
        }
        Dimension size = images.stream().map(i -> ImageLoader.probeSize(i.path()).or(() -> VideoReader.probeSize(i.path())))
                .flatMap(Optional::stream)
                .findFirst().orElse(Preprocessing.TYPICAL_SOURCE);
        var g = classifier.preprocessing().geometry(size.width, size.height);
        Tuning.Choice choice = new Tuning().notifying(notice).choose(classifier, model, g.inputHeight(), g.inputWidth(),
                batch, workers, threads);
        classifier.setIntraOpThreads(choice.setting().threads());
        return choice;
    }
}
