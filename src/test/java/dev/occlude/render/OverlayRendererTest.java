package dev.occlude.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverlayRendererTest {

    @Test
    void afmhotRunsFromBlackThroughRedToWhite() {
        assertEquals(0x000000, Colormap.AFMHOT.color(0));
        assertEquals(0xffffff, Colormap.AFMHOT.color(1));
        // matplotlib afmhot at 0.5: r = 1, g = 0.5, b = 0
        int mid = Colormap.AFMHOT.color(0.5);
        assertEquals(0xff, mid >> 16 & 0xff, "red saturated at 0.5");
        assertTrue(Math.abs((mid >> 8 & 0xff) - 128) <= 2 && (mid & 0xff) <= 2, "green half, no blue");
    }

    @Test
    void uncoveredPixelsKeepTheSourceColourAndCoveredOnesAreBlended() {
        BufferedImage source = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                source.setRGB(x, y, 0x336699);
            }
        }
        float[] map = new float[40 * 20];
        for (int i = 0; i < map.length; i++) {
            int x = i % 40;
            map[i] = x < 10 ? Float.NaN : x / 40f;
        }
        BufferedImage out = new OverlayRenderer().render(source, map, List.of(), "GREEN P=0.9");
        assertTrue(out.getWidth() > 40 && out.getHeight() > 20, "room for the colour bar and the caption");
        assertEquals(0x336699, out.getRGB(5, 10) & 0xffffff, "NaN: source colour");
        assertNotEquals(0x336699, out.getRGB(30, 10) & 0xffffff, "covered: blended");
        // the lowest value is blended with black: darker than the highest, blended with white
        int low = out.getRGB(10, 10);
        int high = out.getRGB(39, 10);
        assertTrue(((low >> 8) & 0xff) < ((high >> 8) & 0xff), "low probability is dark");
    }

    @Test
    void tickLabelsShowEnoughDecimalsForTinyRanges() {
        List<String> labels = OverlayRenderer.tickLabels(0.9991, 1.0);
        assertEquals("1.0000", labels.get(0));
        assertEquals("0.9991", labels.get(4));
        assertEquals(5, labels.stream().distinct().count(), "five distinct labels: " + labels);
    }

    @Test
    void theBitmapFontDrawsWithoutSystemFonts() {
        BufferedImage image = new BufferedImage(60, 10, BufferedImage.TYPE_INT_RGB);
        PixelFont.draw(image, "P=0.5", 0, 0, 1, 0xffffff);
        int lit = 0;
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 60; x++) {
                lit += (image.getRGB(x, y) & 0xffffff) != 0 ? 1 : 0;
            }
        }
        assertTrue(lit > 20, "glyph pixels drawn: " + lit);
        assertEquals(29, PixelFont.width("P=0.5", 1));
    }
}
