package dev.occlude.batch;

import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.Faithfulness;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.ImageMaps;
import dev.occlude.occlusion.MapKind;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.render.FlipRenderer;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.Legend;
import dev.occlude.render.OverlayStyle;
import dev.occlude.result.Box;
import dev.occlude.result.ClassRef;
import dev.occlude.result.ClassResult;
import dev.occlude.result.Classification;
import dev.occlude.result.Flips;
import dev.occlude.result.Mapped;
import dev.occlude.result.Metrics;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Outputs;
import dev.occlude.result.PassResult;
import dev.occlude.result.Prediction;
import dev.occlude.result.ScanFacts;
import dev.occlude.result.SizeResult;
import dev.occlude.result.ResultCodec;
import dev.occlude.util.Text;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders and writes one image's maps (main, per size and combined, per class, per pass, worst)
 * and returns its result record. The maps themselves come from {@link dev.occlude.occlusion.MapPlanner}.
 */
final class ImageJob {
    private final OverlayStyle style;
    private final ScanSettings settings;
    private final String settingsKey;
    private final String fullPasses;

    /** {@code fullPasses}: why the scans run full forward passes, null when they score incrementally (the JSON says so). */
    ImageJob(OverlayStyle style, ScanSettings settings, String settingsKey, String fullPasses) {
        this.style = style;
        this.settings = settings;
        this.settingsKey = settingsKey;
        this.fullPasses = fullPasses;
    }

    /**
     * Writes every file of the image's maps; {@code caption} ends the main overlay's legend (a
     * frame's time, or empty); {@code seconds} is measured by the caller up to now.
     */
    Mapped write(String imageName, String modelName, BufferedImage image, ImageMaps maps, OutputFiles files,
                      Optional<Rectangle> region, boolean flipPicture, boolean table, String caption, Seconds seconds)
            throws IOException {
        Analysis main = maps.main();
        List<Rectangle> marks = new ArrayList<>(List.of(main.minPatch()));
        String mainExtra = caption;

        List<SizeResult> sizes = new ArrayList<>();
        for (ImageMaps.SizeMap s : maps.sizes()) {
            OutputFiles f = files.withSuffix(".p" + s.size().patch());
            write(f, image, s.map(), List.of(s.analysis().minPatch()), legend(s.analysis(), maps.kind(), modelName,
                    s.size(), ""));
            sizes.add(new SizeResult(s.size().patch(), s.size().stride(), s.analysis().scan().variants(),
                    min(s.analysis()), outputs(f)));
        }
        Outputs combined = null;
        if (maps.combined().isPresent()) {
            OutputFiles f = files.withSuffix(".combined");
            write(f, image, maps.combined().get(), List.of(), new Legend(maps.kind() == MapKind.DROP,
                    main.cleanProbability(), List.of(main.targetName().toUpperCase(Locale.ROOT) + ": MEAN OF THE MAPS OF "
                    + "PATCH SIZES " + maps.sizes().stream().map(z -> String.valueOf(z.size().patch()))
                    .collect(java.util.stream.Collectors.joining(", ")), bar(maps.kind(), main.targetName()),
                    "MODEL " + modelName)));
            combined = outputs(f);
        }

        List<ClassResult> classes = new ArrayList<>();
        if (!maps.classes().isEmpty()) {
            for (ImageMaps.ClassMap c : maps.classes()) {
                OutputFiles f = files.withSuffix("." + Text.safeFileName(c.analysis().targetName()));
                write(f, image, c.map(), List.of(c.analysis().minPatch()), legend(c.analysis(), maps.kind(), modelName,
                        maps.size(), ""));
                classes.add(new ClassResult(c.analysis().targetName(), min(c.analysis()), outputs(f)));
            }
        }

        List<PassResult> passes = new ArrayList<>();
        for (ImageMaps.PassMap p : maps.passes()) {
            int number = p.pass().number();
            OutputFiles f = number == 1 ? files : files.withSuffix(".pass" + number);
            if (number > 1) {
                List<Rectangle> numbered = new ArrayList<>(p.pass().hidden());
                numbered.add(p.pass().analysis().minPatch());
                write(f, p.image(), p.map(), numbered, legend(p.pass().analysis(), maps.kind(), modelName, maps.size(),
                        "  PASS " + number + " (EARLIER PATCHES HIDDEN)", hidden(number - 1)));
            }
            passes.add(new PassResult(number, ResultCodec.round(p.pass().hiddenProbability()),
                    min(p.pass().analysis()), outputs(f)));
        }
        if (passes.size() > 1) {
            // the main overlay numbers every pass's patch
            marks = maps.passes().stream().map(p -> p.pass().analysis().minPatch()).toList();
            mainExtra = caption + "  PASSES " + passes.size() + " (NUMBERED)";
        }
        write(files, image, maps.mainMap(), marks, legend(main, maps.kind(), modelName, maps.size(), mainExtra));

        Map<Integer, Integer> flipping = main.flips();
        Map<String, Integer> flipsTo = new LinkedHashMap<>();
        for (int c : flipping.values()) {
            flipsTo.merge(main.classes().get(c), 1, Integer::sum);
        }
        String flipFile = null;
        if (flipPicture) {
            Map<Rectangle, Integer> byPatch = new LinkedHashMap<>();
            flipping.forEach((i, c) -> byPatch.put(main.scan().patches().get(i), c));
            OutputFiles.writePng(files.flips(), FlipRenderer.render(image, byPatch, main.classes(), main.predicted()));
            flipFile = files.flips().toString();
        }
        String tableFile = null;
        if (table) {
            PatchTable.write(files.table(), main.scan(), main.classes());
            tableFile = files.table().toString();
        }
        Metrics metrics = maps.metrics().map(ImageJob::metrics).orElse(null);

        String worst = null;
        if (maps.worst().isPresent()) {
            OutputFiles.writePng(files.worst(), maps.worst().get());
            worst = files.worst().toString();
        }

        var scan = main.scan();
        return Mapped.builder().image(imageName)
                .classification(new Classification(scan.width(), scan.height(), modelName,
                        Prediction.of(main.classes(), scan.cleanProbabilities())))
                .target(new ClassRef(main.target(), main.targetName()))
                .scan(new ScanFacts(maps.size().patch(), maps.size().stride(), scan.variants(), scan.skipped(),
                        scan.passes(), settings.refine(), fullPasses == null, fullPasses))
                .fill(settings.fill()).min(min(main))
                .outputs(new Outputs(files.overlay().toString(), name(files.map()), worst, flipFile, tableFile, null, null))
                .seconds(Math.round(seconds.now() * 1000) / 1000.0).map(maps.kind()).sizes(sizes).combined(combined)
                .classes(classes).passes(passes).settings(settingsKey).region(region.map(Box::of).orElse(null))
                .flips(new Flips(flipping.size(), flipsTo)).metrics(metrics).build();
    }

    private static Metrics metrics(Faithfulness.Curves c) {
        return new Metrics(c.steps(), ResultCodec.round(c.deletionArea()), ResultCodec.round(c.insertionArea()),
                ResultCodec.round(c.randomDeletionArea()), ResultCodec.round(c.randomInsertionArea()),
                rounded(c.deletion()), rounded(c.insertion()), rounded(c.randomDeletion()), rounded(c.randomInsertion()));
    }

    private static List<Double> rounded(double[] curve) {
        List<Double> l = new ArrayList<>();
        for (double v : curve) {
            l.add(ResultCodec.round(v));
        }
        return l;
    }

    /** Seconds spent on the image so far, read when the result is made. */
    @FunctionalInterface
    interface Seconds {
        double now();
    }

    private void write(OutputFiles f, BufferedImage image, float[] map, List<Rectangle> marks, Legend legend)
            throws IOException {
        List<OverlayRenderer.Mark> m = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            m.add(new OverlayRenderer.Mark(marks.get(i), marks.size() > 1 ? String.valueOf(i + 1) : null));
        }
        f.writeMap(map, image.getHeight(), image.getWidth());
        f.writeOverlay(style.renderer().render(image, map, m, legend));
    }

    private static MinPatch min(Analysis a) {
        Rectangle r = a.minPatch();
        return new MinPatch(ResultCodec.round(a.minProbability()), r.x, r.y, r.width, r.height);
    }

    private static Outputs outputs(OutputFiles f) {
        return new Outputs(f.overlay().toString(), name(f.map()));
    }

    private static String name(java.nio.file.Path file) {
        return file == null ? null : file.toString();
    }

    /**
     * What an overlay says: the class, its clean probability and the worst patch in words (its
     * probability, size and top-left corner), what the colour bar shows, the modelName, patch, stride
     * and fill.
     */
    Legend legend(Analysis a, MapKind kind, String model, PatchSize size, String extra) {
        return legend(a, kind, model, size, extra, "CLEAN");
    }

    /** What pass {@code k}'s probability without a patch is: with the patches of the passes before it hidden. */
    private static String hidden(int earlier) {
        return earlier == 1 ? "WITH PATCH 1 HIDDEN" : "WITH PATCHES 1-" + earlier + " HIDDEN";
    }

    /** As above; {@code baseline} names the probability the worst patch is measured from ("CLEAN", or what is hidden). */
    Legend legend(Analysis a, MapKind kind, String model, PatchSize size, String extra, String baseline) {
        Rectangle p = a.minPatch();
        FillSpec fill = settings.fill();
        String name = a.targetName().toUpperCase(Locale.ROOT);
        double worst = kind == MapKind.DROP ? a.cleanProbability() - a.minProbability() : a.minProbability();
        return new Legend(kind == MapKind.DROP, a.cleanProbability(), List.of(
                String.format(Locale.ROOT, "%s: %s P=%.4f; WORST PATCH P=%.4f: %dX%d AT X=%d Y=%d (TOP-LEFT)",
                        name, baseline, a.cleanProbability(), a.minProbability(), p.width, p.height, p.x, p.y),
                bar(kind, a.targetName()) + "; CYAN LINE: WORST PATCH",
                String.format(Locale.ROOT, "MODEL %s  PATCH %d  STRIDE %d%s%s", model, size.patch(), size.stride(),
                        fill instanceof FillSpec.Grey g && g.greyByte() == 128 ? ""
                                : "  FILL " + fill.label().toUpperCase(Locale.ROOT), extra)), worst);
    }

    /** What the colour bar shows. */
    private static String bar(MapKind kind, String target) {
        String name = target.toUpperCase(Locale.ROOT);
        return kind == MapKind.DROP
                ? "BAR: DROP OF P(" + name + ") PER PIXEL, MEAN OF ITS PATCHES; WHITE LINE: NO CHANGE"
                : "BAR: P(" + name + ") PER PIXEL, MEAN OF ITS PATCHES; WHITE LINE: CLEAN P";
    }
}
