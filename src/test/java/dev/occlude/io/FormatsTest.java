package dev.occlude.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of file a real folder holds decodes to the right upright picture. */
class FormatsTest {
    @TempDir
    Path tmp;

    @Test
    void everyFormatDecodesUpright() throws Exception {
        Map<String, Boolean> files = FormatFixtures.write(tmp);
        assertEquals(14, files.size(), "baseline, progressive, EXIF 6 and 8, gray, CMYK, YCCK JPEG; alpha, 16-bit, palette PNG; "
                + "BMP; TIFF; WebP x2");
        for (var e : files.entrySet()) {
            BufferedImage image = new ImageLoader().load(tmp.resolve(e.getKey()));
            boolean rotated = e.getValue();
            assertEquals(rotated ? FormatFixtures.H : FormatFixtures.W, image.getWidth(), e.getKey());
            assertEquals(rotated ? FormatFixtures.W : FormatFixtures.H, image.getHeight(), e.getKey());
            if (rotated) {
                continue; // orientation itself is checked in ImageLoaderTest
            }
            int w = image.getWidth();
            int h = image.getHeight();
            int topLeft = image.getRGB(w / 4, h / 4);
            int bottomRight = image.getRGB(3 * w / 4, 3 * h / 4);
            if (e.getKey().equals("gray.jpg")) {
                assertTrue(luma(topLeft) < luma(bottomRight) - 100, e.getKey() + ": red quadrant darker than white");
                continue;
            }
            assertTrue(((topLeft >> 16) & 0xff) > 180 && ((topLeft >> 8) & 0xff) < 90 && (topLeft & 0xff) < 90,
                    e.getKey() + String.format(": top-left is red, got %06x", topLeft & 0xffffff));
            assertTrue(luma(bottomRight) > 200, e.getKey() + String.format(": bottom-right is white, got %06x",
                    bottomRight & 0xffffff));
        }
    }

    private static int luma(int rgb) {
        return (((rgb >> 16) & 0xff) * 299 + ((rgb >> 8) & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
    }
}
