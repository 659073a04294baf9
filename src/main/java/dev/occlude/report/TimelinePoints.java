package dev.occlude.report;

import dev.occlude.render.TimelineRenderer;
import dev.occlude.result.Mapped;
import java.util.List;

/** A video's mapped frames as the points of its timeline (the full picture, and the report card's small one). */
public final class TimelinePoints {
    private TimelinePoints() {}

    /**
     * Each frame's time, every class's clean probability, the mapped class with the worst patch
     * hidden, the predicted and mapped classes, and for a labelled mistake its kind ("mistake"
     * when it has none).
     */
    public static List<TimelineRenderer.Point> of(List<Mapped> frames) {
        return frames.stream().map(r -> new TimelineRenderer.Point(r.frame().time(),
                r.classification().prediction().probabilities().stream().mapToDouble(Double::doubleValue).toArray(),
                r.min().probability(), r.classification().prediction().index(), r.target().index(),
                r.label() == null || !r.label().mistake() ? null : r.triage() != null ? r.triage().kind() : "mistake"))
                .toList();
    }
}
