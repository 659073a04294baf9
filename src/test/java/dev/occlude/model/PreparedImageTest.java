package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.DjlReference;
import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.preprocess.Preprocessing;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("model")
class PreparedImageTest {
    private DjlReference djl;
    private ModelDirectory nexar;

    @BeforeAll
    void load() throws Exception {
        nexar = ModelDirectory.open(TestData.nexarModel());
        djl = new DjlReference(TestData.nexarModel());
    }

    @AfterAll
    void close() {
        djl.close();
    }

    @Test
    void cleanInputIsDjlsTranslatorInput() throws Exception {
        for (String frame : TestData.NEXAR_FRAMES) {
            BufferedImage image = new ImageLoader().load(TestData.nexarFrame(frame));
            float[] ours = new PreparedImage(image, nexar.preprocessing()).cleanInput();
            float[] theirs = djl.inputTensor(image);
            assertEquals(theirs.length, ours.length);
            int differing = 0;
            double maxDiff = 0;
            for (int i = 0; i < ours.length; i++) {
                double d = Math.abs(ours[i] - theirs[i]);
                maxDiff = Math.max(maxDiff, d);
                if (d > 0) {
                    differing++;
                }
            }
            // torch accumulates with fused multiply-adds; so does PreparedImage: bit for bit
            assertEquals(0.0, maxDiff, frame + ": max difference " + maxDiff + " over " + differing + " values");
        }
    }

    @Test
    void bothResizePassesAndNormalisationMatchDjl() throws Exception {
        BufferedImage image = new ImageLoader().load(TestData.nexarFrame("night-parking-signs.png"));
        String[][] configurations = {
            {"width", "256", "height", "144", "resize", "256,144", "normalize", "true"},
            {"width", "300", "height", "200", "resize", "true"},
            {"width", "224", "height", "224", "resizeShort", "true", "centerCrop", "true",
                "normalize", "0.5,0.4,0.3,0.2,0.25,0.3"},
        };
        for (String[] kv : configurations) {
            java.util.Map<String, String> args = new java.util.HashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                args.put(kv[i], kv[i + 1]);
            }
            float[] ours = new PreparedImage(image, Preprocessing.fromProperties(args)).cleanInput();
            float[] theirs = DjlReference.inputTensor(args, image);
            assertArrayEquals(theirs, ours, args.toString());
        }
    }

    @Test
    void occludedInputEqualsPreprocessingTheOccludedSource() throws Exception {
        BufferedImage image = new ImageLoader().load(TestData.nexarFrame("night-red.png"));
        PreparedImage prepared = new PreparedImage(image, nexar.preprocessing());
        Rectangle[] patches = {new Rectangle(200, 60, 32, 32), new Rectangle(30, 20, 17, 1), new Rectangle(420, 225, 15, 16),
            new Rectangle(100, 100, 1, 1)};
        for (Rectangle patch : patches) {
            float[] fast = new float[prepared.inputSize()];
            assertTrue(prepared.writeOccluded(patch, 128, fast, 0));
            float[] whole = new PreparedImage(DjlReference.occlude(image, patch, 128), nexar.preprocessing()).cleanInput();
            assertArrayEquals(whole, fast, patch.toString());
        }
    }

    @Test
    void patchesOutsideTheCentreCropChangeNothing() throws Exception {
        BufferedImage image = new ImageLoader().load(TestData.nexarFrame("night-red.png"));
        PreparedImage prepared = new PreparedImage(image, nexar.preprocessing());
        // 455 → 256 wide, crop starts at resized column 14 ≈ source column 24.9; 0..20 is never seen
        Rectangle outside = new Rectangle(0, 100, 20, 32);
        assertNull(prepared.inputWindow(outside));
        assertFalse(prepared.writeOccluded(outside, 128, new float[prepared.inputSize()], 0));
        float[] whole = new PreparedImage(DjlReference.occlude(image, outside, 128), nexar.preprocessing()).cleanInput();
        assertArrayEquals(prepared.cleanInput(), whole, "occluding outside the crop leaves the input as it was");
    }
}
