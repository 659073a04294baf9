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

    /** Counts past an int (92619 with stride 1 once gave 18,532 variants) are refused whole, in 64 bits. */
    @Test
    void gridsPastTheLimitAreRefusedCountedIn64Bits() {
        GridTooLargeException overflow = assertThrows(GridTooLargeException.class, () -> new PatchSize(92619, 1));
        assertEquals(92619L * 92619L, overflow.variants());
        assertEquals(65473L * 65473L, assertThrows(GridTooLargeException.class, () -> new PatchSize(65473, 1)).variants());
        assertThrows(GridTooLargeException.class, () -> new PatchSize(Integer.MAX_VALUE, 1));
        PatchGrid huge = new PatchSize(Integer.MAX_VALUE, Integer.MAX_VALUE).grid(5, 5);
        assertEquals(4, huge.count(), "corners at -(P-1) and 1: no int overflow");
        assertEquals(new Rectangle(1, 1, 4, 4), huge.patch(3));
        // the size alone is fine, the image makes it too many: a 2000x2000 image with stride 1
        new PatchSize(32, 1).grid(900, 900);
        GridTooLargeException big = assertThrows(GridTooLargeException.class, () -> new PatchSize(32, 1).grid(2000, 2000));
        assertEquals(2031L * 2031L, big.variants());
        assertEquals(true, big.getMessage().contains("2000x2000 image"), big.getMessage());
    }
}
