package dev.occlude.batch;

import dev.occlude.FakeScorer;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.OverlayStyle;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A batch run on {@link FakeScorer}: no model file, no native code, the real runner, sinks and
 * files. Scenes are 96x64 with a light at {@link #LIGHT}; a scene drawn {@code lit} has it bright
 * red (class "light"), else dark (class "none").
 */
final class FakeBatch {
    static final Rectangle LIGHT = new Rectangle(40, 24, 8, 8);
    static final List<String> CLASSES = List.of("none", "light");

    private FakeBatch() {}

    /** One run's stdout, stderr and totals. */
    record Run(BatchRunner.Totals totals, List<String> lines, String err) {}

    /** The plan of the tests: one 16-px patch at stride 8. */
    static AnalysisPlan plan() {
        return AnalysisPlan.builder(List.of(new PatchSize(16, 8))).build();
    }

    /** Options for a run into {@code out}. */
    static BatchOptions.Builder options(Path out) {
        return BatchOptions.builder(plan(), OverlayStyle.of(OverlayRenderer.Look.FOCUS, null, null, Optional.empty()))
                .out(out);
    }

    /** A scene as a PNG file. */
    static Path scene(Path file, boolean lit) throws IOException {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                boolean light = LIGHT.contains(x, y);
                image.setRGB(x, y, light ? (lit ? 0xf01010 : 0x202020) : ((x * 5 + y * 3) % 50) << 16 | 0x101010);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** Runs the inputs (paths or folders, as the command line takes them) with these options. */
    static Run run(BatchOptions options, String... inputs) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        return run(options, new PrintWriter(out, true), out, err, LIGHT, inputs);
    }



    /**
     * As {@link #run(BatchOptions, String...)}, with results written to {@code writer} (whose text is
     * {@code out}) and the fake model's light at {@code light}.
     */
    static Run run(BatchOptions options, PrintWriter writer, StringWriter out, StringWriter err, Rectangle light,
                   String... inputs) throws Exception {
        InputCollector.Inputs collected = new InputCollector(false, false, new ByteArrayInputStream(new byte[0]),
                "--recursive").collect(Arrays.asList(inputs));
        try (Occluder occluder = new Occluder(new FakeScorer(List.of(light)), ScanSettings.exact(8))) {
            BatchRunner.Totals totals = new BatchRunner(occluder, "fake", "fake-fingerprint", options, writer,
                    new PrintWriter(err, true), RunProgress.NONE).run(collected);
            writer.flush();
            String text = out.toString();
            return new Run(totals, text.isEmpty() ? List.of() : List.of(text.split("\n")), err.toString());
        }
    }
}
