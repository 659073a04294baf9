package dev.occlude.serve;

import dev.occlude.model.preprocess.Fill;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Scorer;
import dev.occlude.model.tuning.Tuning;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.OcclusionScan;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.RepeatedOcclusion;
import dev.occlude.occlusion.ScanSettings;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every class's probability with one patch hidden, on top of patches kept hidden: the variant the
 * command line's scan computes for that patch, by the same scan (incremental when the model
 * declares its stages). The frame with its kept patches, prepared and scored clean, is cached, so
 * that following the mouse costs one variant per probe.
 */
public final class Prober implements AutoCloseable {
    /**
     * A probe's answer.
     *
     * @param clean every class's probability with only the kept patches hidden
     * @param occluded every class's probability with the patch hidden as well
     */
    public record Probe(float[] clean, float[] occluded) {}

    /**
     * A frame with its kept patches hidden, prepared, its probabilities, and its clean activations
     * held for incremental probes (used and freed under the entry's lock).
     */
    private record Prepared(OcclusionScan.Held scan, float[] clean, long pixels) {}

    /** Frames held prepared at most. */
    private static final int HELD = 4;

    private final Scorer scorer;
    private final long pixelBudget;
    /** The frames held prepared, least recently probed first; guarded by itself. */
    private final Map<String, Prepared> prepared = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * Past {@link #HELD} frames or the pixel budget, the least recently probed go (their
     * activations freed), never {@code keep}.
     */
    private void dropOld(String keep) {
        long pixels = prepared.values().stream().mapToLong(Prepared::pixels).sum();
        for (var it = prepared.entrySet().iterator(); it.hasNext() && (prepared.size() > HELD || pixels > pixelBudget); ) {
            var e = it.next();
            if (e.getKey().equals(keep)) {
                continue;
            }
            synchronized (e.getValue()) {
                e.getValue().scan().close();
            }
            pixels -= e.getValue().pixels();
            it.remove();
        }
    }

    /** Frees the held activations of every cached frame. */
    @Override
    public void close() {
        synchronized (prepared) {
            for (Prepared p : prepared.values()) {
                synchronized (p) {
                    p.scan().close();
                }
            }
            prepared.clear();
        }
    }

    /** Probes with {@code scorer}, holding at most 4 frames of {@code pixelBudget} pixels in all prepared. */
    public Prober(Scorer scorer, long pixelBudget) {
        this.scorer = scorer;
        this.pixelBudget = pixelBudget;
    }

    /** The pixels this prober holds prepared at most; map jobs' passes are bounded by the same budget. */
    public long pixelBudget() {
        return pixelBudget;
    }

        /** The scan settings of a probe or a map with this fill: the command line's defaults. */
    public ScanSettings settings(FillSpec fill) {
        boolean staged = scorer.incremental().isPresent();
        return new ScanSettings(fill, Tuning.oneWorkerBatch(staged), 1, false, true);
    }

    /**
     * A fill from its text as --fill takes it (0.5, mean, blur, noise, #rrggbb).
     *
     * @throws IllegalArgumentException naming what is accepted
     */
    public static FillSpec fill(String text) {
        return FillSpec.parse(text == null || text.isBlank() ? "0.5" : text, FillSpec.DEFAULT_BLUR_SIGMA, 0);
    }

    /**
     * Hides {@code patch} (source pixels) on the frame {@code id} whose {@code kept} patches are
     * hidden already, all with {@code fill}.
     */
    public Probe probe(String id, BufferedImage frame, Rectangle patch, List<Rectangle> kept, String fill)
            throws ModelException {
        Rectangle inside = patch.intersection(new Rectangle(0, 0, frame.getWidth(), frame.getHeight()));
        while (true) {
            Prepared p = prepared(id, frame, kept, fill);
            if (inside.isEmpty()) {
                return new Probe(p.clean(), p.clean());
            }
            synchronized (p) {
                // else dropped from the cache meanwhile (its activations freed): prepared again
                if (!p.scan().closed()) {
                    return new Probe(p.clean(), p.scan().run(List.of(inside), p.clean(), (d, t) -> { })
                            .probabilities()[0]);
                }
            }
        }
    }

    private Prepared prepared(String id, BufferedImage frame, List<Rectangle> kept, String fillText)
            throws ModelException {
        String key = id + "|" + fillText + "|" + kept;
        synchronized (prepared) {
            Prepared known = prepared.get(key);
            if (known != null) {
                return known;
            }
        }
        FillSpec spec = fill(fillText);
        Occluder occluder = new Occluder(scorer, settings(spec));
        Fill fill = spec.forImage(frame);
        BufferedImage hidden = kept.isEmpty() ? frame : RepeatedOcclusion.paint(frame, kept, fill);
        PreparedImage image = occluder.prepare(hidden, fill);
        Prepared p = new Prepared(occluder.scan().hold(image), occluder.clean(image),
                (long) frame.getWidth() * frame.getHeight());
        synchronized (prepared) {
            Prepared other = prepared.putIfAbsent(key, p);
            if (other != null) {
                p.scan().close(); // another probe prepared it meanwhile
                return other;
            }
            dropOld(key);
        }
        return p;
    }
}
