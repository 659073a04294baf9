package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.StagesAlways;
import dev.occlude.model.ModelDirectory;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Incremental inference against full forward passes: on every shipped frame and sample, with
 * both shipped models, every variant's every class probability within 1e-4 and the maps equal to
 * that precision. Patches meet the image's edges, the centre crop's edges and each other at many
 * offsets (strides that are no multiple of the networks' own).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("model")
public class IncrementalExactnessTest {
    private static final double TOLERANCE = 1e-4;
    private Classifier nexar;
    private Classifier synthetic;

    @BeforeAll
    void load() throws Exception {
        nexar = Classifier.load(ModelDirectory.open(TestData.nexarModel()));
        synthetic = Classifier.load(ModelDirectory.open(TestData.syntheticModel()));
    }

    @AfterAll
    void close() {
        nexar.close();
        synthetic.close();
    }

    @Test
    void bothShippedModelsDeclareTheirStages() {
        assertTrue(nexar.incremental().isPresent(), "nexar-squeezenet ships staged");
        assertTrue(synthetic.incremental().isPresent(), "synthetic-traffic-lights ships staged");
    }

    @Test
    void everyShippedImageEveryVariantMatchesTheFullPass() throws Exception {
        List<Path> images = new ArrayList<>();
        for (String dir : List.of("samples/nexar", "samples/generated")) {
            try (Stream<Path> files = Files.list(TestData.project(dir))) {
                files.filter(p -> p.toString().matches(".*\\.(png|jpg)")).sorted().forEach(images::add);
            }
        }
        assertTrue(images.size() == 13, "the shipped frames and samples: " + images);
        double worst = 0;
        int variants = 0;
        for (Classifier model : List.of(nexar, synthetic)) {
            for (Path file : images) {
                BufferedImage image = new ImageLoader().load(file);
                worst = Math.max(worst, compare(model, image, new PatchSize(64, 40), file + " P64 S40"));
                if (model == nexar && file.endsWith("green-two-lights.png")) {
                    // small patches at a stride that is no multiple of the network's: many window offsets
                    // (one Nexar frame: the three are the same size, so the offsets are the same on each)
                    worst = Math.max(worst, compare(model, image, new PatchSize(24, 20), file + " P24 S20"));
                }
                variants++;
            }
        }
        System.out.printf(Locale.ROOT, "incremental against full passes: %d image/model pairs, largest difference %.3g%n",
                variants, worst);
    }

    /** The largest probability difference over every variant and class; asserts the maps agree. */
    private double compare(Classifier model, BufferedImage image, PatchSize size, String what) throws Exception {
        return agreement(model, image, size, what)[0];
    }

    /**
     * Full passes against incremental inference on one image: asserts every variant's every class
     * and the maps agree within 1e-4; returns the largest difference and how far the full passes'
     * probabilities move over the variants (largest range of a class), which says the comparison
     * was worth making.
     */
    public static double[] agreement(Classifier model, BufferedImage image, PatchSize size, String what) throws Exception {
        // both as the tool runs them on 2 cores: other tests may have left PyTorch at one intra-op thread
        model.setIntraOpThreads(1);
        ScanSettings full = new ScanSettings(FillSpec.grey(0.5), 4, 2, false, false);
        Analysis a;
        Analysis b;
        ScanSettings incremental = new ScanSettings(FillSpec.grey(0.5), 16, 2, false, true);
        try (Occluder f = new Occluder(model, full); Occluder i = new Occluder(new StagesAlways(model), incremental)) {
            assertFalse(f.scan().incremental(), what);
            assertTrue(i.scan().incremental(), what);
            a = f.analyse(image, size);
            b = i.analyse(image, size);
        }
        ScanResult x = a.scan();
        ScanResult y = b.scan();
        assertEquals(x.patches(), y.patches(), what);
        double worst = 0;
        double spread = 0;
        for (int c = 0; c < model.classes().size(); c++) {
            double lo = 1;
            double hi = 0;
            for (int v = 0; v < x.patches().size(); v++) {
                worst = Math.max(worst, Math.abs(x.probabilities()[v][c] - y.probabilities()[v][c]));
                lo = Math.min(lo, x.probabilities()[v][c]);
                hi = Math.max(hi, x.probabilities()[v][c]);
            }
            spread = Math.max(spread, hi - lo);
        }
        assertTrue(worst <= TOLERANCE, what + ": a variant's probability differs by " + worst);
        float[] ma = a.map();
        float[] mb = b.map();
        for (int p = 0; p < ma.length; p++) {
            assertTrue(Math.abs(ma[p] - mb[p]) <= TOLERANCE || Float.isNaN(ma[p]) && Float.isNaN(mb[p]), what + ": map pixel " + p + " " + ma[p] + " vs " + mb[p]);
        }
        return new double[] {worst, spread};
    }
}
