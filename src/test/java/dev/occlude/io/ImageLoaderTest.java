package dev.occlude.io;

import static dev.occlude.io.JpegFixtures.BLUE;
import static dev.occlude.io.JpegFixtures.GREEN;
import static dev.occlude.io.JpegFixtures.RED;
import static dev.occlude.io.JpegFixtures.WHITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.TestData;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLoaderTest {
    @TempDir
    Path tmp;

    /** Upright quadrant colours (TL, TR, BL, BR) for each EXIF orientation of the stored quadrant picture. */
    private static final int[][] UPRIGHT = {
        null,
        {RED, GREEN, BLUE, WHITE},   // 1 as stored
        {GREEN, RED, WHITE, BLUE},   // 2 mirrored
        {WHITE, BLUE, GREEN, RED},   // 3 rotated 180
        {BLUE, WHITE, RED, GREEN},   // 4 mirrored vertically
        {RED, BLUE, GREEN, WHITE},   // 5 transposed
        {BLUE, RED, WHITE, GREEN},   // 6 needs 90 clockwise
        {WHITE, GREEN, BLUE, RED},   // 7 transversed
        {GREEN, WHITE, RED, BLUE},   // 8 needs 90 counter-clockwise
    };

    @Test
    void exifOrientationIsApplied() throws Exception {
        byte[] stored = JpegFixtures.jpeg(JpegFixtures.quadrants(64, 32));
        for (int o = 1; o <= 8; o++) {
            Path file = tmp.resolve("o" + o + ".jpg");
            Files.write(file, JpegFixtures.withOrientation(stored, o));
            BufferedImage image = new ImageLoader().load(file);
            boolean swapped = o >= 5;
            assertEquals(swapped ? 32 : 64, image.getWidth(), "orientation " + o + " width");
            assertEquals(swapped ? 64 : 32, image.getHeight(), "orientation " + o + " height");
            int w = image.getWidth();
            int h = image.getHeight();
            int[] got = {image.getRGB(w / 4, h / 4), image.getRGB(3 * w / 4, h / 4),
                image.getRGB(w / 4, 3 * h / 4), image.getRGB(3 * w / 4, 3 * h / 4)};
            for (int q = 0; q < 4; q++) {
                assertClose(UPRIGHT[o][q], got[q], "orientation " + o + " quadrant " + q);
            }
        }
    }

    private static void assertClose(int expected, int actual, String what) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expected >> shift) & 0xff;
            int a = (actual >> shift) & 0xff;
            assertTrue(Math.abs(e - a) < 40, what + String.format(": expected %06x, got %06x", expected, actual & 0xffffff));
        }
    }

    @Test
    void pixelLimitIsCheckedBeforeDecoding() {
        Path frame = TestData.nexarFrame("night-red.png");
        ImageLoadException e = assertThrows(ImageLoadException.class, () -> new ImageLoader(100_000, "--max-pixels").load(frame));
        assertTrue(e.getMessage().contains(frame.toString()) && e.getMessage().contains("455x256")
                && e.getMessage().contains("--max-pixels"), e.getMessage());
    }

    @Test
    void pngFramesDecodeToRgb() throws Exception {
        BufferedImage image = new ImageLoader().load(TestData.nexarFrame("night-red.png"));
        assertEquals(BufferedImage.TYPE_INT_RGB, image.getType());
        assertEquals(455, image.getWidth());
        assertEquals(256, image.getHeight());
    }
}
