package dev.occlude.report;

import dev.occlude.occlusion.FillSpec;
import dev.occlude.render.OverlayStyle;
import dev.occlude.result.Box;
import dev.occlude.result.Classified;
import dev.occlude.result.Mapped;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Outcome;
import dev.occlude.result.Prediction;
import dev.occlude.result.Triage;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What the report says of a line (its card's figures) and of the run (the header's settings). */
final class CardFacts {
    private CardFacts() {}

    /** What a card shows of a line: prediction, label, the mapped class and its worst patch, the analyses. */
    static ReportPage.Card card(Outcome line) {
        Prediction prediction = line.classification().prediction();
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < prediction.classes().size(); i++) {
            probabilities.put(prediction.classes().get(i), prediction.probabilities().get(i));
        }
        Mapped m = line instanceof Mapped x ? x : null;
        Box r = m == null ? null : m.region();
        return new ReportPage.Card(line.image(), prediction.className(), probabilities,
                m == null ? null : m.target().name(), m == null ? null : m.min().probability(),
                r == null ? null : r.x() + "," + r.y() + " " + r.width() + "x" + r.height(),
                m == null ? null : fillText(m.fill()),
                m == null || m.flips() == null ? null : new ReportPage.FlipCounts(m.flips().count(), m.flips().to()),
                m == null ? null : m.metrics(), m == null || m.pointing() == null ? null : m.pointing().hit(),
                line.label() == null ? null : line.label().label(), line.label() == null ? null : line.label().mistake(),
                line instanceof Classified ? Boolean.TRUE : null, null, null, null, null, null, null, null,
                m == null || m.scale() == null ? null : String.format(Locale.ROOT, "%.3f to %.3f", m.scale().low(),
                        m.scale().high()), m == null || m.triage() == null ? null : m.triage().kind(), evidence(m));
    }

    /** A mistake's evidence in words: the focus patch, how much it lowers the prediction, the box it meets. */
    private static String evidence(Mapped m) {
        if (m == null || m.triage() == null) {
            return null;
        }
        Triage t = m.triage();
        MinPatch f = t.focus();
        String met = t.box() == null ? "" : String.format(Locale.ROOT, ", on the box %d,%d %dx%d%s", t.box().x(),
                t.box().y(), t.box().width(), t.box().height(), t.boxClass() == null ? "" : " (" + t.boxClass() + ")");
        return String.format(Locale.ROOT, "focus %d,%d %dx%d lowers %s by %.3f%s", f.x(), f.y(), f.width(), f.height(),
                m.classification().prediction().className(), t.drop(), met);
    }

    /** How many times each value occurs, most first (ties in the order first met): a video's classes over its frames. */
    static Map<String, Integer> tally(List<String> values) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The fill as a card says it: the fill's one description ({@link FillSpec#label()}). */
    static String fillText(FillSpec fill) {
        return fill.label();
    }

    /**
     * The header's settings, from every line: each setting the lines share, or how they differ.
     * {@code style} is how the report draws its thumbnails (the run's look).
     */
    static ReportPage.Settings settings(List<Outcome> lines, OverlayStyle style, String date) {
        List<Mapped> mapped = lines.stream().filter(Mapped.class::isInstance).map(Mapped.class::cast).toList();
        String model = one(lines.stream().filter(l -> !l.failed()).map(l -> l.classification().model()).toList());
        String patch = one(mapped.stream().map(m -> m.sizes().isEmpty() ? String.valueOf(m.scan().patch())
                : m.sizes().stream().map(z -> String.valueOf(z.patch())).collect(Collectors.joining(","))).toList());
        String stride = one(mapped.stream().map(m -> String.valueOf(m.scan().stride())).toList());
        String map = one(mapped.stream().map(m -> m.map().name().toLowerCase(Locale.ROOT)).toList());
        String passes = one(mapped.stream().map(m -> String.valueOf(Math.max(1, m.passes().size()))).toList());
        String fill = one(mapped.stream().map(m -> fillText(m.fill())).toList());
        String target;
        if (mapped.isEmpty()) {
            target = "-";
        } else if (mapped.stream().allMatch(m -> m.target().name().equals(m.classification().prediction().className()))) {
            target = "the predicted class";
        } else if (mapped.stream().allMatch(m -> m.label() != null && m.target().name().equals(m.label().label()))) {
            target = "the true class";
        } else {
            target = one(mapped.stream().map(m -> m.target().name()).toList());
        }
        if (mapped.stream().anyMatch(m -> !m.classes().isEmpty())) {
            // --class all maps every class; top:K the K most probable of each image
            boolean every = mapped.stream().allMatch(m -> m.classes().isEmpty()
                    || m.classes().size() == m.classification().prediction().classes().size());
            target += every ? ", and every class" : ", and each image's "
                    + one(mapped.stream().map(m -> String.valueOf(m.classes().size())).toList()) + " most probable classes";
        }
        String look = style.look().name().toLowerCase(Locale.ROOT) + " look, " + style.colormap().name()
                .toLowerCase(Locale.ROOT) + String.format(Locale.ROOT, " at %.2f, ", style.alpha())
                + style.scale().map(s -> String.format(Locale.ROOT, "scale fixed %s..%s", s[0], s[1]))
                .orElse("one scale per image");
        return new ReportPage.Settings(model, patch, stride, date, map, target, passes, fill, look);
    }

    /** The one value, "-" for none, or the values joined with " / " when they differ ("mixed" past three). */
    private static String one(List<String> values) {
        Set<String> distinct = new LinkedHashSet<>(values);
        if (distinct.isEmpty()) {
            return "-";
        }
        return distinct.size() == 1 ? distinct.iterator().next()
                : distinct.size() <= 3 ? String.join(" / ", distinct) : "mixed";
    }
}
