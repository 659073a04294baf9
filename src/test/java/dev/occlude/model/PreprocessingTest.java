package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.model.preprocess.Geometry;
import dev.occlude.model.preprocess.Preprocessing;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static Map<String, String> props(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void nexarGeometryIsResizeThenCentreCrop() {
        Preprocessing p = Preprocessing.fromProperties(props("width", "227", "height", "227",
                "resize", "256,256", "centerCrop", "true"));
        assertEquals(new Geometry(455, 256, 256, 256, 14, 14, 227, 227), p.geometry(455, 256));
    }

    @Test
    void centreCropFollowsDjlWhenTheExcessIsOnePixel() {
        // DJL: dw = (228 - 227) / 2 = 0, so that axis is left whole
        Preprocessing p = Preprocessing.fromProperties(props("width", "227", "height", "227", "centerCrop", "true"));
        assertEquals(new Geometry(228, 300, 228, 300, 0, 36, 228, 227), p.geometry(228, 300));
    }

    @Test
    void resizeTrueUsesWidthAndHeight() {
        Preprocessing p = Preprocessing.fromProperties(props("width", "256", "height", "144", "resize", "true"));
        assertEquals(new Geometry(455, 256, 256, 144, 0, 0, 256, 144), p.geometry(455, 256));
    }

    @Test
    void resizeShortKeepsAspectWithIntegerArithmetic() {
        Preprocessing p = Preprocessing.fromProperties(props("width", "224", "height", "224", "resizeShort", "256",
                "centerCrop", "true"));
        // long edge 455 * 256 / 256 = 455; portrait 256x455 likewise
        assertEquals(new Geometry(455, 256, 455, 256, 115, 16, 224, 224), p.geometry(455, 256));
        Preprocessing capped = Preprocessing.fromProperties(props("resizeShort", "200,300"));
        // 1000x500: short 200 → long 400 > 300, so long 300 and short 500*300/1000 = 150
        assertEquals(300, capped.geometry(1000, 500).resizedWidth());
        assertEquals(150, capped.geometry(1000, 500).resizedHeight());
    }

    @Test
    void normalisationAndRangeFollowDjlOrder() {
        Preprocessing imagenet = Preprocessing.fromProperties(props("normalize", "true"));
        assertEquals((128 / 255f - 0.485f) / 0.229f, imagenet.tensorValue(0, 128), 1e-7);
        Preprocessing custom = Preprocessing.fromProperties(props("normalize", "0.5,0.5,0.5,0.25,0.25,0.25"));
        assertEquals((1f - 0.5f) / 0.25f, custom.tensorValue(2, 255), 1e-6);
        Preprocessing plain = Preprocessing.fromProperties(props());
        assertEquals(51 / 255f, plain.tensorValue(1, 51), 1e-7);
        Preprocessing range = Preprocessing.fromProperties(props("range", "-1,1"));
        assertEquals(255 / 255f / 128f - 1f, range.tensorValue(0, 255), 1e-7);
    }

    @Test
    void unsupportedValuesAreRefusedByName() {
        String[][] cases = {
            {"pad", "true", "pad"},
            {"centerFit", "true", "centerFit"},
            {"resize", "256,256,NEAREST", "NEAREST"},
            {"toTensor", "false", "toTensor"},
            {"flag", "HSV", "flag"},
            {"normalize", "0.5,0.5", "normalize"},
            {"range", "0,255", "range"},
            {"batchifier", "none", "batchifier"},
            {"centerCrop", "maybe", "centerCrop"},
            {"width", "wide", "width"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Preprocessing.fromProperties(props(c[0], c[1])), c[0] + "=" + c[1]);
            assertTrue(e.getMessage().contains(c[2]), "message names " + c[2] + ": " + e.getMessage());
        }
        // grey scale is DJL's, but DJL's normalize would make three channels of the one
        IllegalArgumentException grey = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.fromProperties(props("flag", "GRAYSCALE", "normalize", "true")));
        assertTrue(grey.getMessage().contains("normalize with flag=GRAYSCALE"), grey.getMessage());
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.fromProperties(props("width", "224", "height", "224", "resize", "256,256")));
        assertTrue(mismatch.getMessage().contains("mismatched target size"), mismatch.getMessage());
    }
}
