package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An incremental scan batches variants whose changed windows have one shape, so no batch computes more than one of them needs. */
class ScanGroupingTest {
    @Test
    void variantsOfOneSizeAndAlignmentAreNeighbours() {
        // a 64-pixel patch every 16 pixels on a 200x100 input, clipped at the edges; the network's maps step by 32
        List<Rectangle> windows = new ArrayList<>();
        for (int y = -48; y < 100; y += 16) {
            for (int x = -48; x < 200; x += 16) {
                windows.add(new Rectangle(x, y, 64, 64).intersection(new Rectangle(0, 0, 200, 100)));
            }
        }
        Rectangle[] w = windows.toArray(Rectangle[]::new);
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < w.length; i++) {
            todo.add(i);
        }
        OcclusionScan.groupByWindowShape(todo, w, 32);
        assertEquals(w.length, new HashSet<>(todo).size(), "every variant once");
        // each shape forms one run: a shape seen before, then left, never comes back
        Set<List<Integer>> closed = new HashSet<>();
        List<Integer> current = null;
        for (int i : todo) {
            List<Integer> shape = List.of(w[i].width, w[i].height, Math.floorMod(w[i].x, 32), Math.floorMod(w[i].y, 32));
            if (!shape.equals(current)) {
                assertEquals(false, closed.contains(shape), "shape " + shape + " split");
                if (current != null) {
                    closed.add(current);
                }
                current = shape;
            }
        }
    }
}
