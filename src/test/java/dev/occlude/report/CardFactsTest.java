package dev.occlude.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.MapKind;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.OverlayStyle;
import dev.occlude.result.ClassRef;
import dev.occlude.result.ClassResult;
import dev.occlude.result.Classification;
import dev.occlude.result.Label;
import dev.occlude.result.Mapped;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Outcome;
import dev.occlude.result.Prediction;
import dev.occlude.result.ScanFacts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report's header says which class was mapped and how the pictures were drawn, from the lines themselves. */
class CardFactsTest {
    private static final List<String> CLASSES = List.of("none", "red", "green");
    private static final MinPatch MIN = new MinPatch(0.2, 0, 0, 8, 8);

    private static Mapped line(int predicted, int target, Label label, int classMaps) {
        float[] p = {0.1f, 0.1f, 0.1f};
        p[predicted] = 0.8f;
        List<ClassResult> classes = CLASSES.subList(0, classMaps).stream().map(c -> new ClassResult(c, MIN, null, null))
                .toList();
        return Mapped.builder().image("a.png").classification(new Classification(64, 64, "m", Prediction.of(CLASSES, p)))
                .target(new ClassRef(target, CLASSES.get(target))).scan(new ScanFacts(16, 8, 49, 0, 49, false, true))
                .fill(FillSpec.grey(0.5)).min(MIN).map(MapKind.DROP).label(label).classes(classes).build();
    }

    private static String mapped(List<Outcome> lines) {
        return CardFacts.settings(lines, OverlayStyle.of(OverlayRenderer.Look.ARTICLE, null, null, Optional.empty()), "d")
                .mapped();
    }

    @Test
    void theHeaderNamesTheMappedClassAndTheLook() {
        assertEquals("the predicted class", mapped(List.of(line(1, 1, null, 0), line(2, 2, null, 0))));
        assertEquals("the true class", mapped(List.of(line(1, 2, new Label("green", true), 0))));
        assertEquals("red", mapped(List.of(line(2, 1, null, 0), line(0, 1, null, 0))));
        assertEquals("the predicted class, and every class", mapped(List.of(line(1, 1, null, 3))));
        assertEquals("the predicted class, and each image's 2 most probable classes", mapped(List.of(line(1, 1, null, 2))));
        ReportPage.Settings s = CardFacts.settings(List.of(line(1, 1, null, 0)), OverlayStyle.of(
                OverlayRenderer.Look.ARTICLE, null, null, Optional.empty()), "d");
        assertEquals("drop", s.map());
        assertEquals("article look, afmhot at 0.60, one scale per image", s.look());
        assertEquals("grey 0.5", s.fill());
        assertEquals("16", s.patch());
    }
}
