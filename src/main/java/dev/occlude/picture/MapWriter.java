package dev.occlude.picture;

import dev.occlude.model.score.Staging;
import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.Faithfulness;
import dev.occlude.occlusion.ImageMaps;
import dev.occlude.occlusion.MapKind;
import dev.occlude.occlusion.RepeatedOcclusion;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.render.ColourScale;
import dev.occlude.render.FlipRenderer;
import dev.occlude.render.Legend;
import dev.occlude.render.OverlayRenderer;
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
import dev.occlude.result.PassesStop;
import dev.occlude.result.Prediction;
import dev.occlude.result.ResultCodec;
import dev.occlude.result.Scale;
import dev.occlude.result.ScanFacts;
import dev.occlude.result.SizeResult;
import dev.occlude.util.Text;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders and writes one image's maps (main, per size and combined, per class, per pass, worst)
 * and returns its result record. The maps themselves come from {@link dev.occlude.occlusion.MapPlanner}.
 */
final class MapWriter {
    private final OverlayStyle style;
    private final ScanSettings settings;
    private final String settingsKey;
    private final String fullPasses;
    private final Staging staging;
    private final Captions captions;

    /**
     * {@code fullPasses}: why the scans run full forward passes, null when they score incrementally;
     * {@code staging}: how much of the model is staged, null when it is not (the JSON says both).
     */
    MapWriter(OverlayStyle style, ScanSettings settings, String settingsKey, String fullPasses, Staging staging) {
        this.style = style;
        this.settings = settings;
        this.settingsKey = settingsKey;
        this.fullPasses = fullPasses;
        this.staging = staging;
        this.captions = new Captions(settings.fill());
    }

    /**
     * Writes every file of the image's maps; {@code caption} says whether the image is a video's
     * frame and ends the main overlay's legend; {@code seconds} is measured by the caller up to now.
     * Every overlay of the image shares one colour scale (a frame's, every frame's).
     */
    Mapped write(String imageName, String modelName, BufferedImage image, ImageMaps maps, OutputFiles files,
                      Optional<Rectangle> region, boolean flipPicture, boolean table, FrameCaption caption, Seconds seconds)
            throws IOException {
        Analysis main = maps.main();
        List<Picture> pictures = new ArrayList<>();
        List<SizeResult> sizes = new ArrayList<>();
        for (ImageMaps.SizeMap s : maps.sizes()) {
            OutputFiles f = files.withSuffix(".p" + s.size().patch());
            pictures.add(picture(f, image, s.map(), s.analysis(), worst(s.analysis()),
                    captions.legend(s.analysis(), maps.kind(), modelName, s.size(), "")));
            sizes.add(new SizeResult(s.size().patch(), s.size().stride(), s.analysis().scan().variants(),
                    min(s.analysis()), outputs(f)));
        }
        Outputs combined = null;
        if (maps.combined().isPresent()) {
            OutputFiles f = files.withSuffix(".combined");
            pictures.add(new Picture(f, image, maps.combined().get(), List.of(), Captions.combined(main, maps.kind(),
                    maps.sizes().stream().map(ImageMaps.SizeMap::size).toList(), modelName)));
            combined = outputs(f);
        }

        List<ClassResult> classes = new ArrayList<>();
        for (ImageMaps.ClassMap c : maps.classes()) {
            OutputFiles f = files.withSuffix("." + Text.safeFileName(c.analysis().targetName()));
            pictures.add(picture(f, image, c.map(), c.analysis(), worst(c.analysis()),
                    captions.legend(c.analysis(), maps.kind(), modelName, maps.size(), "")));
            classes.add(new ClassResult(c.analysis().targetName(), min(c.analysis()), max(c.analysis()), outputs(f)));
        }

        List<PassResult> passes = new ArrayList<>();
        for (ImageMaps.PassMap p : maps.passes()) {
            int number = p.pass().number();
            OutputFiles f = number == 1 ? files : files.withSuffix(".pass" + number);
            if (number > 1) {
                List<Rectangle> numbered = new ArrayList<>(p.pass().hidden());
                numbered.add(p.pass().analysis().minPatch());
                pictures.add(picture(f, p.image(), p.map(), p.pass().analysis(), numbered, captions.legend(
                        p.pass().analysis(), maps.kind(), modelName, maps.size(), "  PASS " + number,
                        Captions.hidden(number - 1))));
            }
            passes.add(new PassResult(number, ResultCodec.round(p.pass().hiddenProbability()),
                    min(p.pass().analysis()), outputs(f)));
        }
        List<Rectangle> marks = worst(main);
        String mainExtra = caption.text();
        if (passes.size() > 1) {
            // the main overlay numbers every pass's patch
            marks = maps.passes().stream().map(p -> p.pass().analysis().minPatch()).toList();
            mainExtra = caption.text() + "  PASSES " + passes.size() + " (NUMBERED)";
        }
        PassesStop stop = maps.passesStop().map(MapWriter::stop).orElse(null);
        Legend mainLegend = captions.legend(main, maps.kind(), modelName, maps.size(), mainExtra);
        if (stop != null) {
            List<String> lines = new ArrayList<>(mainLegend.lines());
            lines.add(stop.sentence());
            mainLegend = mainLegend.withLines(lines);
        }
        pictures.add(picture(files, image, maps.mainMap(), main, marks, mainLegend));
        ColourScale.Fit scale = draw(pictures, maps.kind() == MapKind.DROP, caption.frame());

        Map<Integer, Integer> flipping = main.flips();
        Map<String, Integer> flipsTo = new LinkedHashMap<>();
        for (int c : flipping.values()) {
            flipsTo.merge(main.classes().get(c), 1, Integer::sum);
        }
        String flipFile = null;
        if (flipPicture) {
            Map<Rectangle, Integer> byPatch = new LinkedHashMap<>();
            flipping.forEach((i, c) -> byPatch.put(main.scan().patches().get(i), c));
            OutputFiles.writePng(files.flips(), FlipRenderer.render(image, main.scan().patches(), byPatch,
                    main.classes(), main.predicted()));
            flipFile = files.flips().toString();
        }
        String tableFile = null;
        if (table) {
            PatchTable.write(files.table(), main.scan(), main.classes());
            tableFile = files.table().toString();
        }
        Metrics metrics = maps.metrics().map(MapWriter::metrics).orElse(null);

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
                        scan.passes(), settings.refine(), fullPasses == null, fullPasses,
                        staging == null ? null : staging.extent(), staging == null ? null : finite(staging.share()),
                        staging == null ? null : finite(staging.bound())))
                .fill(settings.fill()).min(min(main)).max(max(main))
                .outputs(new Outputs(files.overlay().toString(), name(files.map()), worst, flipFile, tableFile, null, null))
                .seconds(Math.round(seconds.now() * 1000) / 1000.0).map(maps.kind()).sizes(sizes).combined(combined)
                .classes(classes).passes(passes).passesStop(stop).settings(settingsKey).region(region.map(Box::of).orElse(null))
                .flips(new Flips(flipping.size(), flipsTo)).metrics(metrics).scale(scale.fitted() ? Scale.fitted(scale.range(), scale.saturation(), ColourScale.PERCENTILE,
                        scale.clipped()) : Scale.of(scale.range())).build();
    }

    private static PassesStop stop(RepeatedOcclusion.Stop s) {
        String reason = switch (s.reason()) {
            case STOP_BELOW -> PassesStop.STOP_BELOW;
            case WORST_HIDDEN -> PassesStop.WORST_HIDDEN;
            case NO_CHANGE -> PassesStop.NO_CHANGE;
        };
        return new PassesStop(s.after(), reason, ResultCodec.round(s.probability()), s.stopBelow());
    }

    /** The worst patch, when hiding it lowers the class visibly; else none. */
    private static List<Rectangle> worst(Analysis a) {
        return Captions.drawsWorst(a) ? List.of(a.minPatch()) : List.of();
    }

    /** One overlay to draw: its files, the image under it, its map, its marks and its legend. */
    private record Picture(OutputFiles files, BufferedImage image, float[] map, List<OverlayRenderer.Mark> marks,
                           Legend legend) {}

    /** A map's picture: its patches numbered when there are several, and the patch that raises a class that is not the prediction. */
    private static Picture picture(OutputFiles f, BufferedImage image, float[] map, Analysis a, List<Rectangle> marks,
                                   Legend legend) {
        List<OverlayRenderer.Mark> m = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            m.add(new OverlayRenderer.Mark(marks.get(i), marks.size() > 1 ? String.valueOf(i + 1) : null));
        }
        if (Captions.drawsRaise(a)) {
            m.add(new OverlayRenderer.Mark(a.maxPatch(), "+", true));
        }
        return new Picture(f, image, map, m, legend);
    }

    /** Draws and writes every picture on one scale (the user's, every frame's, or the image's own); returns it. */
    private ColourScale.Fit draw(List<Picture> pictures, boolean drop, boolean frame) throws IOException {
        ColourScale.Fit scale = style.scale().or(() -> frame ? Optional.of(ColourScale.absolute(drop))
                : Optional.empty()).map(ColourScale.Fit::fixed)
                .orElseGet(() -> ColourScale.shared(pictures.stream().map(Picture::map).toList(),
                        pictures.stream().map(Picture::legend).toList()));
        String shared = Captions.sharedScale(distinct(pictures), frame, style.scale().isPresent());
        OverlayRenderer renderer = style.renderer().scale(scale);
        for (Picture p : pictures) {
            Legend legend = p.legend();
            if (shared != null) {
                List<String> lines = new ArrayList<>(legend.lines());
                lines.add(shared);
                legend = legend.withLines(lines);
            }
            p.files().writeMap(p.map(), p.image().getHeight(), p.image().getWidth());
            p.files().writeOverlay(renderer.render(p.image(), p.map(), p.marks(), legend));
        }
        return scale;
    }

    /**
     * How many different pictures there are: one drawn alike twice (the main map is the only
     * size's, and the predicted class's, with the same caption) is one picture in two files.
     */
    private static int distinct(List<Picture> pictures) {
        List<Picture> seen = new ArrayList<>();
        for (Picture p : pictures) {
            if (seen.stream().noneMatch(q -> q.image() == p.image() && Arrays.equals(q.map(), p.map())
                    && q.marks().equals(p.marks()) && q.legend().equals(p.legend()))) {
                seen.add(p);
            }
        }
        return seen.size();
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

    private static MinPatch min(Analysis a) {
        Rectangle r = a.minPatch();
        return new MinPatch(ResultCodec.round(a.minProbability()), r.x, r.y, r.width, r.height);
    }

    /** For a class that is not the prediction, the patch that raises it most; else null. */
    private static MinPatch max(Analysis a) {
        if (!a.asksRaise()) {
            return null;
        }
        Rectangle r = a.maxPatch();
        return new MinPatch(ResultCodec.round(a.maxProbability()), r.x, r.y, r.width, r.height);
    }

    private static Outputs outputs(OutputFiles f) {
        return new Outputs(f.overlay().toString(), name(f.map()));
    }

    private static String name(Path file) {
        return file == null ? null : file.toString();
    }

    /** Rounded to 3 decimals for the JSON; null when not declared (NaN). */
    private static Double finite(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 1000) / 1000.0;
    }
}
