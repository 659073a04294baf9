package dev.occlude.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The class-change picture read back: a key per colour, text legible at 455x256, colour where most covering patches flip. */
class FlipRendererTest {
    private static final int GREY = 0x606060;

    @Test
    void aKeyLegibleTextAndColourWhereMostCoveringPatchesFlip() {
        BufferedImage source = new BufferedImage(455, 256, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(source, 0, 0, 455, 256, GREY);
        List<Rectangle> patches = new ArrayList<>();
        for (int y = 0; y + 64 <= 256; y += 16) {
            for (int x = 0; x + 64 <= 455; x += 16) {
                patches.add(new Rectangle(x, y, 64, 64));
            }
        }
        // every patch that covers (200, 120) flips the class to 0; one more further right flips it to 2
        Map<Rectangle, Integer> flips = new LinkedHashMap<>();
        for (Rectangle p : patches) {
            if (p.contains(200, 120)) {
                flips.put(p, 0);
            }
        }
        flips.put(new Rectangle(384, 0, 64, 64), 2);
        BufferedImage out = FlipRenderer.render(source, patches, flips, List.of("none", "red", "green"), 1);

        int core = out.getRGB(200, 120) & 0xffffff;
        int edge = out.getRGB(140, 120) & 0xffffff; // reached by one flipping patch of the sixteen covering it
        assertEquals(GREY, out.getRGB(20, 240) & 0xffffff, "no flipping patch: the frame");
        assertTrue(distance(core, GREY) > 3 * distance(edge, GREY), "the core every covering patch flips is painted, "
                + "the edge barely: " + Integer.toHexString(core) + " " + Integer.toHexString(edge));

        // the key: a swatch in each flipped-to class's colour below the picture, none for red
        assertTrue(has(out, FlipRenderer.colour(0), 256), "a swatch for none");
        assertTrue(has(out, FlipRenderer.colour(2), 256), "a swatch for green");
        assertTrue(!has(out, FlipRenderer.colour(1), 256), "no swatch for a class nothing flips to");
        // the key for colour strength: the first class's colour on the frame's mean at a quarter to all
        // of the covering patches, the strongest as the core every covering patch flips is painted
        for (double share : FlipRenderer.STRENGTHS) {
            int swatch = Rgb.blend(GREY, FlipRenderer.colour(0), 0.7 * share);
            assertTrue(has(out, swatch, 256), "a strength swatch at " + share + ": " + Integer.toHexString(swatch));
        }
        assertEquals(core, Rgb.blend(GREY, FlipRenderer.colour(0), 0.7), "the key's strongest is the core's colour");

        // text at two pixels per font pixel: the first caption line is 14 rows of lit pixels high
        int top = -1;
        int bottom = -1;
        for (int y = 256; y < out.getHeight(); y++) {
            for (int x = 0; x < 455; x++) {
                if ((out.getRGB(x, y) & 0xffffff) == 0xf0f0f0) {
                    top = top < 0 ? y : top;
                    if (y - top < 2 * PixelFont.GLYPH_HEIGHT + 1) {
                        bottom = y;
                    }
                    break;
                }
            }
        }
        assertEquals(2 * PixelFont.GLYPH_HEIGHT, bottom - top + 1, "glyphs at 2 px per font pixel");
    }

    private static boolean has(BufferedImage out, int rgb, int fromRow) {
        for (int y = fromRow; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                if ((out.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    private static double distance(int a, int b) {
        int dr = (a >> 16 & 0xff) - (b >> 16 & 0xff);
        int dg = (a >> 8 & 0xff) - (b >> 8 & 0xff);
        int db = (a & 0xff) - (b & 0xff);
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }
}
