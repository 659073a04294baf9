package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.TestData;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.score.Staging;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The networks people bring, staged by scripts/export-incremental from their TorchScript graphs:
 * torchvision's ResNet-18 and ResNet-50 (residual adds, strided 1x1 shortcuts), MobileNetV2
 * (depthwise inverted residuals, ReLU6), VGG-11 (a plain chain of max pools), and MobileNetV3-Small
 * and EfficientNet-B0 (squeeze-and-excitation, Hardswish, SiLU: staged up to their first global
 * average), and Inception3 (branches joined by channel concatenation, 1x7 and 7x1 kernels, pooling
 * branches, at torchvision's full widths: it has no width multiplier). Reduced widths elsewhere, weights drawn with a fixed seed so that the probabilities move with the
 * image; some traced, some scripted. On a Nexar frame (the three shared out among the networks), at
 * two patch sizes, every variant's every class through the stages equals the full forward pass
 * within 1e-4. The exporter runs on all of them in one Python process (StagingInOneProcess).
 *
 * <p>Two of them (a traced ResNet-18, a scripted MobileNetV3-Small) are also saved again by
 * libtorch 2.7.1, the engine DJL runs, before staging: files written by torch 2.x (with its
 * {@code byteorder} record) are read by the exporter and staged as exactly. Only Debian's torch 1.13
 * exists here, so models traced or scripted by torch 2.x itself are not tried.
 */
@Tag("python")
@Tag("model")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitecturesTest {
    private static final List<String> MADE = List.of("resnet18:traced", "resnet50", "mobilenet_v2:traced",
            "mobilenet_v3_small", "vgg11:traced", "efficientnet_b0:traced",
            "inception_v3:traced");
    private static final List<String> PARTLY = List.of("mobilenet_v3_small", "efficientnet_b0");
    /** Saved again by libtorch 2.x before staging, under NAME-torch2. */
    private static final List<String> RESAVED = List.of("resnet18", "mobilenet_v3_small");

    @TempDir
    static Path tmp;
    private final Map<String, String> exported = new HashMap<>();

    @BeforeAll
    void makeAndStage() throws Exception {
        List<String> make = new java.util.ArrayList<>(List.of("/usr/bin/python3",
                TestData.project("scripts/make_architectures.py").toString(), tmp.resolve("plain").toString()));
        make.addAll(MADE);
        String made = run(make);
        assertTrue(made.startsWith("0\n"), "python3-torch and python3-torchvision (scripts/test installs them): " + made);
        List<String> names = new java.util.ArrayList<>(MADE.stream().map(e -> e.split(":")[0]).toList());
        for (String name : RESAVED) {
            Path copy = tmp.resolve("plain").resolve(name + "-torch2");
            LibtorchResave.copy(tmp.resolve("plain").resolve(name), copy, name + ".pt");
            names.add(name + "-torch2");
        }
        Map<Path, Path> directories = new java.util.LinkedHashMap<>();
        names.forEach(name -> directories.put(tmp.resolve("plain").resolve(name), tmp.resolve("staged").resolve(name)));
        Map<Path, String> said = StagingInOneProcess.stage(directories);
        for (String name : names) {
            String out = said.get(tmp.resolve("staged").resolve(name));
            assertTrue(out != null && out.startsWith("0\n"), name + ": " + out);
            exported.put(name, out);
        }
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return p.waitFor() + "\n" + out;
    }

    /** The networks tried, in order; the n-th maps the (n mod 3)-th Nexar frame. */
    private static final List<String> NAMES = List.of("resnet18", "resnet50", "mobilenet_v2", "mobilenet_v3_small",
            "vgg11", "efficientnet_b0", "inception_v3", "resnet18-torch2", "mobilenet_v3_small-torch2");

    static List<String> names() {
        return NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyVariantThroughTheStagesEqualsTheFullPass(String name) throws Exception {
        String said = exported.get(name);
        if (PARTLY.contains(name.replace("-torch2", ""))) {
            assertTrue(said.contains("staged partly") && said.contains("squeeze-and-excitation"), said);
        } else {
            assertTrue(said.contains("staged fully"), said);
        }
        try (Classifier model = Classifier.load(ModelDirectory.open(tmp.resolve("staged").resolve(name)))) {
            assertTrue(model.staged().isPresent(), name + " is staged");
            Staging staging = model.staging().orElseThrow();
            if (PARTLY.contains(name.replace("-torch2", ""))) {
                // never slower: its head is nearly the whole network, so the tool runs it by full passes
                assertEquals("partly", staging.extent(), name);
                assertTrue(staging.bound() < Staging.LEAST_BOUND, name + ": " + staging.describe());
                assertTrue(model.incremental().isEmpty(), name + " runs full passes");
                assertTrue(model.whyFullPasses().startsWith("partly staged, "), model.whyFullPasses());
                try (Occluder o = new Occluder(model, new ScanSettings(FillSpec.grey(0.5), 16, 1, false, true))) {
                    assertFalse(o.scan().incremental(), name);
                }
            } else {
                assertEquals("fully", staging.extent(), name);
                // the tool's choice follows the bound; Inception3's wide kernels on this small input
                // leave it below the bar, so only the exactness through its stages is checked here
                assertEquals(staging.faster(), model.incremental().isPresent(), name + ": " + staging.describe());
                assertTrue(staging.faster() || name.equals("inception_v3"), name + ": " + staging.describe());
            }
            double worst = 0;
            double spread = 0;
            // the frames are all 455x256, so patches meet each network's strides, paddings and the
            // image's borders at the same offsets on every one: each network maps one frame, the
            // three frames shared out among the networks (each frame's content under three of them)
            String frame = TestData.NEXAR_FRAMES.get(NAMES.indexOf(name) % TestData.NEXAR_FRAMES.size());
            BufferedImage image = new ImageLoader().load(TestData.nexarFrame(frame));
            for (PatchSize size : List.of(new PatchSize(64, 40), new PatchSize(32, 28))) {
                double[] a = IncrementalExactnessTest.agreement(model, image, size, name + " " + frame + " P"
                        + size.patch() + " S" + size.stride());
                worst = Math.max(worst, a[0]);
                spread = Math.max(spread, a[1]);
            }
            // the comparison means something only if hiding patches moves the probabilities
            assertTrue(spread > 0.01, name + ": full passes move a class by at most " + spread);
            System.out.printf(Locale.ROOT, "%s: incremental against full passes, largest difference %.3g; "
                    + "the probabilities move by up to %.3f%n", name, worst, spread);
        }
    }
}
