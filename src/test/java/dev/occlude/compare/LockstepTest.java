package dev.occlude.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.FakeScorer;
import dev.occlude.batch.BatchOptions;
import dev.occlude.batch.BatchRunner;
import dev.occlude.batch.InputCollector;
import dev.occlude.batch.Lockstep;
import dev.occlude.batch.RunProgress;
import dev.occlude.io.ImageLoadException;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.OverlayStyle;
import dev.occlude.video.VideoException;
import dev.occlude.video.VideoFrames;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real batch runs on a fake model kept in step as occlude compare keeps them: each image
 * decoded once for both, model B's run handling an input only after model A's has, and each run's
 * lines those of a run alone. No model file, no native code.
 */
class LockstepTest {
    private static final Rectangle LIGHT = new Rectangle(40, 24, 8, 8);

    @TempDir
    Path tmp;

    /** What the two runs did, in the order it happened. */
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> decodes = new ConcurrentHashMap<>();

    @Test
    void eachImageIsDecodedOnceAndBHandlesAnInputAfterA() throws Exception {
        Path in = tmp.resolve("in");
        for (int i = 0; i < 7; i++) {
            scene(in.resolve("scene-" + i + ".png"), i % 2 == 0);
        }
        Files.writeString(in.resolve("scene-9.png"), "not a picture");
        Pairing pairing = new Pairing();
        Replay replay = new Replay(collect(in));
        StringWriter outA = new StringWriter();
        StringWriter outB = new StringWriter();
        Thread a = new Thread(() -> {
            try {
                run(replay, outA, watched("A", pairing.first()), "out-a");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                replay.end();
            }
        });
        a.start();
        try {
            run(replay.again(), outB, watched("B", pairing.second()), "out-b");
        } finally {
            a.join();
        }

        for (int i = 0; i < 7; i++) {
            assertEquals(1, decodes.get("scene-" + i + ".png").get(), "scene " + i + " decoded once: " + decodes);
        }
        // the broken file: A's decoder fails, so B has nothing to take and tries it too
        assertEquals(2, decodes.get("scene-9.png").get(), decodes.toString());
        for (int n = 1; n <= 8; n++) {
            int handledA = events.indexOf("A handled " + n);
            int turnB = events.indexOf("B handles " + n);
            assertTrue(handledA >= 0 && turnB > handledA, "B's input " + n + " after A's: " + events);
        }
        // each side's lines are those of the same run alone
        StringWriter alone = new StringWriter();
        run(collect(in), alone, Lockstep.ALONE, "alone");
        assertEquals(withoutSeconds(alone.toString()), withoutSeconds(outA.toString()));
        assertEquals(withoutSeconds(alone.toString()), withoutSeconds(outB.toString()));
    }

    private static String withoutSeconds(String lines) {
        return lines.replaceAll("\"seconds\":[0-9.eE-]+", "").replaceAll("\"[^\"]*/(out-[ab]|alone)/", "\"OUT/");
    }

    /** One batch run of the fake model over {@code inputs}, its outputs in {@code folder}. */
    private void run(InputCollector.Inputs inputs, StringWriter out, Lockstep lockstep, String folder) throws Exception {
        Path dir = tmp.resolve(folder);
        BatchOptions options = BatchOptions.builder(AnalysisPlan.builder(List.of(new PatchSize(16, 8))).build(),
                OverlayStyle.of(OverlayRenderer.Look.FOCUS, null, null, Optional.empty())).out(dir).build();
        try (Occluder occluder = new Occluder(new FakeScorer(List.of(LIGHT)), ScanSettings.exact(8))) {
            new BatchRunner(occluder, "fake", "fake-fingerprint", options, new PrintWriter(out, true),
                    new PrintWriter(new StringWriter(), true), RunProgress.NONE).inStep(lockstep).run(inputs);
        }
    }

    /** The side's lockstep, its decodes counted and its turns written down. */
    private Lockstep watched(String name, Lockstep inner) {
        Lockstep w = new Lockstep() {
            @Override
            public BufferedImage image(int position, Path path, Decoder decoder)
                    throws ImageLoadException, InterruptedException {
                return inner.image(position, path, p -> {
                    decodes.computeIfAbsent(p.getFileName().toString(), k -> new AtomicInteger()).incrementAndGet();
                    return decoder.decode(p);
                });
            }

            @Override
            public VideoFrames frames(int position, Opener opener) throws VideoException {
                events.add(name + " opens " + position);
                return inner.frames(position, opener);
            }

            @Override
            public void fed(int position) {
                inner.fed(position);
            }

            @Override
            public void awaitTurn(int position) {
                inner.awaitTurn(position);
                events.add(name + " handles " + position);
            }

            @Override
            public void handled(int position) {
                events.add(name + " handled " + position);
                inner.handled(position);
            }

            @Override
            public void ended() {
                inner.ended();
            }
        };
        return w;
    }

    private static InputCollector.Inputs collect(Path in) {
        return new InputCollector(false, false, new ByteArrayInputStream(new byte[0]), "--recursive")
                .collect(List.of(in.toString()));
    }

    /** A 96x64 scene with a light at {@link #LIGHT}, bright red when {@code lit}. */
    private static void scene(Path file, boolean lit) throws Exception {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, LIGHT.contains(x, y) ? (lit ? 0xf01010 : 0x202020)
                        : ((x * 5 + y * 3) % 50) << 16 | 0x101010);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }
}
