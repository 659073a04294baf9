package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanSettings;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Nexar network exported to ONNX by scripts/export-onnx (models/nexar-squeezenet-onnx) runs on
 * DJL's ONNX Runtime engine through the same exact preprocessing: every probability equals the
 * TorchScript model's within 1e-5, and so does every map.
 */
@Tag("model")
class OnnxModelTest {
    @Test
    void onnxGivesTheTorchScriptProbabilitiesAndMaps() throws Exception {
        ModelDirectory onnxDir = ModelDirectory.open(TestData.project("models/nexar-squeezenet-onnx"));
        assertEquals(ModelDirectory.ONNX_RUNTIME, onnxDir.engine());
        try (Classifier torch = Classifier.load(ModelDirectory.open(TestData.nexarModel()));
             Classifier onnx = Classifier.load(onnxDir);
             Occluder t = new Occluder(torch, ScanSettings.exact(8));
             Occluder o = new Occluder(onnx, ScanSettings.exact(8))) {
            for (String frame : TestData.NEXAR_FRAMES) {
                BufferedImage image = new ImageLoader().load(TestData.nexarFrame(frame));
                PatchSize size = frame.startsWith("night-parking") ? new PatchSize(32, 32) : new PatchSize(96, 48);
                Analysis a = t.analyse(image, size);
                Analysis b = o.analyse(image, size);
                for (int c = 0; c < 3; c++) {
                    assertEquals(a.scan().cleanProbabilities()[c], b.scan().cleanProbabilities()[c], 1e-5, frame);
                }
                assertEquals(a.scan().passes(), b.scan().passes());
                for (int i = 0; i < a.scan().variants(); i++) {
                    for (int c = 0; c < 3; c++) {
                        assertEquals(a.scan().probabilities()[i][c], b.scan().probabilities()[i][c], 1e-5,
                                frame + " variant " + a.scan().patches().get(i));
                    }
                }
                assertEquals(a.minPatch(), b.minPatch(), frame);
                for (int i = 0; i < a.map().length; i += 3) {
                    assertEquals(a.map()[i], b.map()[i], 1e-5, frame + " pixel " + i);
                }
            }
        }
    }
}
