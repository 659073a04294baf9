package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeatMapTest {

    @Test
    void eachPixelIsTheMeanOfTheRectanglesCoveringIt() {
        int w = 37;
        int h = 23;
        Random random = new Random(7);
        List<Rectangle> rects = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        HeatMap map = new HeatMap(w, h);
        for (int i = 0; i < 60; i++) {
            Rectangle r = new Rectangle(random.nextInt(w), random.nextInt(h), 1 + random.nextInt(12), 1 + random.nextInt(9));
            double v = random.nextDouble();
            rects.add(r);
            values.add(v);
            map.add(r, v);
        }
        float[] means = map.means();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sum = 0;
                int n = 0;
                for (int i = 0; i < rects.size(); i++) {
                    Rectangle r = rects.get(i);
                    if (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height) {
                        sum += values.get(i);
                        n++;
                    }
                }
                float got = means[y * w + x];
                if (n == 0) {
                    assertTrue(Float.isNaN(got), "uncovered pixel " + x + "," + y + " must be NaN, was " + got);
                } else {
                    assertEquals(sum / n, got, 1e-6, "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void rectanglesReachingOutsideAreClipped() {
        HeatMap map = new HeatMap(4, 3);
        map.add(new Rectangle(-2, -2, 4, 4), 1.0);
        map.add(new Rectangle(1, 1, 10, 10), 0.0);
        float[] m = map.means();
        assertEquals(1.0, m[0], 1e-7);
        assertEquals(0.5, m[1 * 4 + 1], 1e-7);
        assertEquals(0.0, m[2 * 4 + 3], 1e-7);
        assertTrue(Float.isNaN(m[3]), "(3,0) is covered by neither");
    }
}
