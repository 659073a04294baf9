package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.model.incremental.StageWindows;
import dev.occlude.model.incremental.Window;
import java.awt.Rectangle;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window arithmetic of incremental inference, against hand-worked cases and torch's output sizes. */
class StageWindowsTest {
    private static Window stage(int k, int s, int p, boolean ceil) {
        return new Window(k, k, s, s, p, p, ceil, 0f);
    }

    @Test
    void outputSizesAreTorchs() {
        // SqueezeNet's pools (3x3, stride 2, ceil mode): 111 -> 55 -> 27 -> 13, as torch gives
        Window pool = stage(3, 2, 0, true);
        assertEquals(55, pool.outHeight(111));
        assertEquals(27, pool.outHeight(55));
        assertEquals(13, pool.outHeight(27));
        // ceil mode whose last window would start in the right padding: torch drops it (5, k2 s2 p1 -> 3)
        assertEquals(3, stage(2, 2, 1, true).outHeight(5));
        assertEquals(4, stage(2, 2, 1, true).outHeight(6));
        // floor mode, padded: 144 -> 72 (3x3, stride 2, padding 1)
        assertEquals(72, stage(3, 2, 1, false).outHeight(144));
        assertEquals(146, stage(3, 2, 1, false).paddedHeight(144), "the padding on both sides");
        assertEquals(57, pool.paddedHeight(56), "ceil mode needs one more row than the input has");
    }

    @Test
    void windowsShareOneSizeCoverTheirChangesAndStayInside() {
        Window conv = stage(3, 2, 1, false); // 20x20 -> 10x10
        Rectangle[] changed = {new Rectangle(0, 0, 4, 4), new Rectangle(17, 15, 3, 5), new Rectangle(9, 9, 1, 1)};
        Rectangle[] tiles = {new Rectangle(0, 0, 5, 5), new Rectangle(15, 15, 5, 5), new Rectangle(7, 7, 5, 5)};
        StageWindows w = StageWindows.plan(List.of(conv), List.of(new StageWindows.Source(20, 20, changed, tiles)), 3);
        StageWindows.Gather g = w.inputs().get(0);
        // outputs o see input rows 2o-1 .. 2o+1: rows 0..3 reach outputs 0..2; rows 15..19 reach 7..9
        assertEquals(new Rectangle(0, 0, 3, 3), w.changed()[0]);
        assertEquals(new Rectangle(8, 7, 2, 3), w.changed()[1]);
        assertEquals(new Rectangle(4, 4, 2, 2), w.changed()[2]);
        for (int b = 0; b < 3; b++) {
            Rectangle win = w.windows()[b];
            assertEquals(new java.awt.Dimension(3, 3), win.getSize(), "one size: the largest change");
            assertTrue(win.contains(w.changed()[b]), win + " covers " + w.changed()[b]);
            assertTrue(new Rectangle(0, 0, 10, 10).contains(win), win + " inside the map");
        }
        assertEquals(7, g.inHeight());
        assertEquals(7, g.inWidth());
        // variant 0's window starts in the top-left padding: padded (0,0) is the pad row after the clean map
        long cleanBase = 3 * 25;
        assertEquals(cleanBase + 400, g.index()[0]);
        assertEquals(cleanBase, g.tileRows());
        // padded (1,1) is input (0,0), inside variant 0's tile: its first tile value
        assertEquals(0, g.index()[7 + 1]);
        // variant 1's window: outputs 7..9 x 7..9, input rows from 13; input (15,15) is its tile's first value
        int at = 49 + (15 - 13) * 7 + (15 - 13);
        assertEquals(25, g.index()[at]);
        // and input (13,13) lies outside its tile: the clean map at (13,13) of a 20-wide map
        assertEquals(cleanBase + 13 * 20 + 13, g.index()[49]);
    }

    @Test
    void aStageReadingTwoMapsCoversWhatEitherChanges() {
        // a residual block's second stage: the branch read 3x3 (padding 1), the block input 1x1 with stride 2
        Window branch = stage(3, 1, 1, false); // 10x10 -> 10x10
        Window shortcut = stage(1, 2, 0, false); // 20x20 -> 10x10
        StageWindows.Source a = new StageWindows.Source(10, 10, new Rectangle[] {new Rectangle(2, 2, 2, 2)},
                new Rectangle[] {new Rectangle(1, 1, 4, 4)});
        StageWindows.Source b = new StageWindows.Source(20, 20, new Rectangle[] {new Rectangle(12, 12, 3, 3)},
                new Rectangle[] {new Rectangle(12, 12, 3, 3)});
        StageWindows w = StageWindows.plan(List.of(branch, shortcut), List.of(a, b), 1);
        // the branch changes outputs 1..4; the shortcut's rows 12..14 reach outputs 6..7
        assertEquals(new Rectangle(1, 1, 7, 7), w.changed()[0]);
        assertEquals(9, w.inputs().get(0).inHeight(), "7 outputs of a 3x3 window");
        assertEquals(13, w.inputs().get(1).inHeight(), "7 outputs of a 1x1 window at stride 2");
        // the shortcut's window starts at input (2,2): clean there, its tile at (12,12)
        StageWindows.Gather g = w.inputs().get(1);
        assertEquals(9 + 2 * 20 + 2, g.index()[0]);
        assertEquals(0, g.index()[10 * 13 + 10]);
        // the head reads a whole map with the tile pasted in
        StageWindows.Gather whole = StageWindows.whole(a, 1);
        assertEquals(16 + 0, whole.index()[0]);
        assertEquals(0, whole.index()[10 + 1]);
        assertEquals(100, whole.index().length);
    }

    @Test
    void aSliceOfTheWholeMapsIsThoseVariantsAloneStillCountingEveryTile() {
        // the head of a large frame runs a few variants at a time
        StageWindows.Source a = new StageWindows.Source(6, 6,
                new Rectangle[] {new Rectangle(0, 0, 2, 2), new Rectangle(3, 3, 2, 2), new Rectangle(4, 0, 2, 2)},
                new Rectangle[] {new Rectangle(0, 0, 2, 2), new Rectangle(3, 3, 2, 2), new Rectangle(4, 0, 2, 2)});
        StageWindows.Gather whole = StageWindows.whole(a, 3);
        StageWindows.Gather last = whole.slice(1, 2);
        assertEquals(2 * 36, last.index().length);
        assertEquals(whole.tileRows(), last.tileRows());
        assertEquals(12, whole.tileRows(), "three 2x2 tiles come first");
        // variant 1's tile at (3,3) is rows 4..7; variant 2's at (4,0) rows 8..11
        assertEquals(4, last.index()[3 * 6 + 3]);
        assertEquals(8, last.index()[36 + 4]);
        assertEquals(12 + 0, last.index()[36], "the clean map where variant 2 did not change");
    }
}
