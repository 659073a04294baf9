package dev.occlude.serve;

import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.RepeatedOcclusion;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Frames wholly filled as a probe fills its patches (GET /api/fill), kept per frame and fill as the
 * probes keep their prepared frames: a blur of a 22.8 MP frame took 29 s, and the page asks for it
 * on every frame and fill it shows. At most {@link #HELD} are kept, within the server's pixel budget;
 * one is made again when its frame was read again (a new image for the same id).
 */
final class FilledFrames {
    /** Filled frames held at most. */
    static final int HELD = 4;
    private static final String KIND = "fill";

    private final HeldImages held;
    /** The frame each filled one was made of, not kept alive by it. */
    private final Map<String, WeakReference<BufferedImage>> sources = new HashMap<>();
    private final BiFunction<BufferedImage, FillSpec, BufferedImage> paint;

    /** Filled frames of at most {@code pixelBudget} pixels in all. */
    FilledFrames(long pixelBudget) {
        this(pixelBudget, (frame, spec) -> RepeatedOcclusion.paint(frame, List.of(new Rectangle(0, 0, frame.getWidth(),
                frame.getHeight())), spec.forImage(frame)));
    }

    /** With {@code paint} making a filled frame (tests count its calls). */
    FilledFrames(long pixelBudget, BiFunction<BufferedImage, FillSpec, BufferedImage> paint) {
        this.held = new HeldImages(pixelBudget, Map.of(KIND, HELD), id -> KIND);
        this.paint = paint;
    }

    /**
     * The frame {@code id} filled with {@code fill} (its text as given, {@code spec} read from it),
     * made once while it is held.
     */
    BufferedImage filled(String id, BufferedImage frame, String fill, FillSpec spec) {
        // keyed by the fill read, not its text: "blur", "BLUR" and " blur" are one picture
        String key = id + "|" + spec.digestText();
        synchronized (this) {
            BufferedImage known = held.get(key);
            WeakReference<BufferedImage> source = sources.get(key);
            if (known != null && source != null && source.get() == frame) {
                return known;
            }
        }
        BufferedImage filled = paint.apply(frame, spec);
        synchronized (this) {
            held.put(key, filled);
            sources.put(key, new WeakReference<>(frame));
            sources.keySet().removeIf(k -> !held.contains(k));
        }
        return filled;
    }
}
