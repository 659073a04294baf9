package dev.occlude.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.occlude.io.Labels;
import dev.occlude.occlusion.ScanResult;
import dev.occlude.result.Box;
import dev.occlude.result.Triage;
import java.awt.Rectangle;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each kind of mistake from a scan built by hand: the focus placed, the boxes labelled. */
class MistakeTriageTest {
    private static final List<String> CLASSES = List.of("none", "red", "green");
    /** Four patches in a row: 0..64, 64..128, 128..192, 192..256. */
    private static final List<Rectangle> PATCHES = List.of(new Rectangle(0, 0, 64, 64), new Rectangle(64, 0, 64, 64),
            new Rectangle(128, 0, 64, 64), new Rectangle(192, 0, 64, 64));
    private static final Rectangle LEFT = new Rectangle(10, 10, 20, 30);
    private static final Rectangle RIGHT = new Rectangle(200, 10, 20, 30);

    /** Predicted red at 0.9; hiding patch {@code focus} lowers it by {@code drop}, the others by a little. */
    private static ScanResult scan(int focus, double drop) {
        float[] clean = {0.05f, 0.9f, 0.05f};
        float[][] p = new float[PATCHES.size()][];
        for (int i = 0; i < p.length; i++) {
            float red = (float) (i == focus ? 0.9 - drop : 0.9 - drop / 10);
            p[i] = new float[] {(1 - red) / 2, red, (1 - red) / 2};
        }
        return new ScanResult(256, 64, clean, PATCHES, p, 0, 0, p.length);
    }

    private static Labels.Entry label(String truth, List<Rectangle> boxes, List<String> classes, boolean known) {
        return new Labels.Entry("f.png", truth, boxes, classes, known);
    }

    @Test
    void eachKindFromWhereTheFocusLies() {
        List<Rectangle> two = List.of(LEFT, RIGHT);
        // truth green, the focus on the red light's box (the article's two lights)
        Triage other = MistakeTriage.of(scan(3, 0.6), CLASSES, label("green", two, Arrays.asList("green", "red"), true),
                MistakeTriage.Rules.DEFAULT);
        assertEquals("other-light", other.kind());
        assertEquals(Box.of(RIGHT), other.box());
        assertEquals("red", other.boxClass());
        assertEquals(0.6, other.drop(), 1e-6);
        assertEquals(192, other.focus().x());

        // truth none: the focus off every box (the lit parking sign)
        assertEquals("false-light", MistakeTriage.of(scan(1, 0.6), CLASSES, label("none", List.of(), List.of(), true),
                MistakeTriage.Rules.DEFAULT).kind());
        // truth none, the focus on a labelled light
        assertEquals("other-light", MistakeTriage.of(scan(0, 0.6), CLASSES, label("none", two, Arrays.asList(null, null),
                true), MistakeTriage.Rules.DEFAULT).kind());
        // truth green, the focus between the lights: off the true light
        Triage missed = MistakeTriage.of(scan(1, 0.6), CLASSES, label("green", two, Arrays.asList("green", "red"), true),
                MistakeTriage.Rules.DEFAULT);
        assertEquals("missed-light", missed.kind());
        assertNull(missed.box());
        // the focus on the true light itself, and yet red: not explained by where it looks
        assertEquals("unexplained", MistakeTriage.of(scan(0, 0.6), CLASSES, label("green", two,
                Arrays.asList("green", "red"), true), MistakeTriage.Rules.DEFAULT).kind());
        // no patch moves red by 0.05: no focus, whatever the boxes
        Triage flat = MistakeTriage.of(scan(3, 0.04), CLASSES, label("green", two, Arrays.asList("green", "red"), true),
                MistakeTriage.Rules.DEFAULT);
        assertEquals("no-focus", flat.kind());
        assertEquals("missed-light", MistakeTriage.of(scan(1, 0.04), CLASSES, label("green", two,
                Arrays.asList("green", "red"), true), new MistakeTriage.Rules(0.01, "none")).kind(), "a lower threshold");
        // a labels file without boxes: only the kinds that need none
        assertEquals("unexplained", MistakeTriage.of(scan(1, 0.6), CLASSES, label("none", List.of(), List.of(), false),
                MistakeTriage.Rules.DEFAULT).kind());
        assertEquals("no-focus", MistakeTriage.of(scan(1, 0.01), CLASSES, label("none", List.of(), List.of(), false),
                MistakeTriage.Rules.DEFAULT).kind());
        assertThrows(IllegalArgumentException.class, () -> new MistakeTriage.Rules(0, "none"));
    }

    @Test
    void theFocusMeetsTheBoxItOverlapsMost() {
        Rectangle patch = new Rectangle(0, 0, 64, 64);
        assertEquals(1, MistakeTriage.met(patch, List.of(new Rectangle(60, 60, 10, 10), new Rectangle(30, 30, 20, 20))));
        assertEquals(-1, MistakeTriage.met(patch, List.of(new Rectangle(64, 0, 10, 10))));
    }
}
