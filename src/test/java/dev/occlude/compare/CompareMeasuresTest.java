package dev.occlude.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.result.Classification;
import dev.occlude.result.Classified;
import dev.occlude.result.Failed;
import dev.occlude.result.Label;
import dev.occlude.result.Prediction;
import java.awt.Rectangle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compare's measures on hand-made columns and outcomes: no model needed. */
class CompareMeasuresTest {
    private static final List<String> CLASSES = List.of("none", "red", "green");
    /** Four 10x10 patches in a row over a 40x10 picture. */
    private static final List<Rectangle> PATCHES = List.of(new Rectangle(0, 0, 10, 10), new Rectangle(10, 0, 10, 10),
            new Rectangle(20, 0, 10, 10), new Rectangle(30, 0, 10, 10));

    private static Classified said(String prediction, String label) {
        float[] p = new float[3];
        p[CLASSES.indexOf(prediction)] = 1;
        return new Classified("f.png", null, new Classification(40, 10, "m", Prediction.of(CLASSES, p)),
                label == null ? null : new Label(label, !label.equals(prediction)), false);
    }

    @Test
    void verdictsFollowWhoIsRight() {
        assertEquals("broke", Verdict.of(said("red", "red"), said("none", "red")).verdict());
        assertEquals("fixed", Verdict.of(said("none", "red"), said("red", "red")).verdict());
        assertEquals("both-right", Verdict.of(said("red", "red"), said("red", "red")).verdict());
        assertEquals("both-wrong", Verdict.of(said("none", "red"), said("green", "red")).verdict());
        assertNull(Verdict.of(said("red", null), said("none", null)).verdict(), "no label, no verdict");
        Verdict failed = Verdict.of(said("red", "red"), new Failed("f.png", "f.png: broken"));
        assertNull(failed.verdict(), "a side that failed: no verdict");
        assertNull(failed.changed());
        assertTrue(Verdict.of(said("red", null), said("none", null)).changed());
    }

    @Test
    void theGateTakesBrokeAndFocusMoved() {
        Gate g = Gate.parse(List.of("broke", "focus-moved:20"));
        Verdict broke = Verdict.of(said("red", "red"), said("none", "red"));
        Verdict same = Verdict.of(said("red", "red"), said("red", "red"));
        assertTrue(g.trips(broke, 0.0));
        assertTrue(g.trips(same, 20.5));
        assertFalse(g.trips(same, 20.0));
        assertFalse(g.trips(same, null));
        assertFalse(Gate.NONE.trips(broke, 1e9));
        assertThrows(IllegalArgumentException.class, () -> Gate.parse(List.of("fixed")));
        assertThrows(IllegalArgumentException.class, () -> Gate.parse(List.of("focus-moved:")));
    }

    @Test
    void focusMeasuresAgreeWithWhatTheColumnsSay() {
        Column a = new Column("red", 1f, new float[] {1f, 0.2f, 1f, 1f});
        Focus same = Focus.of(a, a, PATCHES, 40, 10);
        assertEquals(0, same.distance());
        assertEquals(1.0, same.overlap(), 1e-9);
        assertEquals(1.0, same.correlation(), 1e-9);

        Column b = new Column("red", 1f, new float[] {1f, 1f, 1f, 0.2f});
        Focus moved = Focus.of(a, b, PATCHES, 40, 10);
        assertEquals(20, moved.distance(), 1e-9, "centres 15 and 35");
        assertEquals(0.0, moved.overlap(), 1e-9, "the two important patches do not meet");
        assertEquals(-1.0 / 3, moved.correlation(), 1e-6);

        Column flat = new Column("red", 1f, new float[] {1f, 1f, 1f, 1f});
        Focus none = Focus.of(flat, flat, PATCHES, 40, 10);
        assertNull(none.overlap(), "no drop on either side");
        assertNull(none.correlation(), "constant columns");
    }
}
