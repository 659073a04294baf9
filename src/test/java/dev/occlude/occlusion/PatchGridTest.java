package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Rectangle;
import org.junit.jupiter.api.Test;

class PatchGridTest {

    @Test
    void countsFollowTheArticlesScheme() {
        PatchGrid grid = new PatchGrid(32, 16, 455, 256);
        assertEquals(31, grid.columns());
        assertEquals(18, grid.rows());
        assertEquals(558, grid.count());
        assertEquals(660, new PatchGrid(64, 16, 455, 256).count());
    }

    @Test
    void patchesAreClippedToTheImage() {
        PatchGrid grid = new PatchGrid(32, 16, 455, 256);
        assertEquals(new Rectangle(0, 0, 1, 1), grid.patch(0), "first corner at -(P-1)");
        assertEquals(new Rectangle(0, 0, 17, 1), grid.patch(1), "corner -15 clipped");
        Rectangle last = grid.patch(grid.count() - 1);
        // last corner: x = -31 + 30*16 = 449, y = -31 + 17*16 = 241
        assertEquals(new Rectangle(449, 241, 6, 15), last);
        for (Rectangle r : grid.patches()) {
            assertEquals(true, r.x >= 0 && r.y >= 0 && r.x + r.width <= 455 && r.y + r.height <= 256, r.toString());
            assertEquals(true, r.width >= 1 && r.height >= 1, r.toString());
        }
    }

    @Test
    void everyPixelIsCoveredSizeOverStrideSquaredTimes() {
        int w = 100;
        int h = 70;
        PatchGrid grid = new PatchGrid(20, 5, w, h);
        int[] cover = new int[w * h];
        for (Rectangle r : grid.patches()) {
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    cover[y * w + x]++;
                }
            }
        }
        for (int i = 0; i < cover.length; i++) {
            assertEquals(16, cover[i], "pixel " + (i % w) + "," + (i / w));
        }
    }

    @Test
    void strideAbovePatchLeavesGaps() {
        PatchGrid grid = new PatchGrid(4, 10, 30, 10);
        // corners -3, 7, 17, 27 → columns [0,1), [7,11), [17,21), [27,30)
        assertEquals(4, grid.columns());
        assertEquals(new Rectangle(7, 0, 4, 1), grid.patch(1));
    }

    @Test
    void refusesSizesBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new PatchGrid(0, 1, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new PatchGrid(1, 0, 10, 10));
    }
}
