package dev.occlude.occlusion;

import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides and computes every map an image gets under a plan: the main map, one per patch size
 * and their mean, one per class, one per repeated pass, and the worst variant. Rendering and
 * writing are the caller's.
 */
public final class MapPlanner {
    private final Occluder occluder;
    private final AnalysisPlan plan;

    /** A planner that runs {@code plan} with the occluder's model and settings. */
    public MapPlanner(Occluder occluder, AnalysisPlan plan) {
        this.occluder = occluder;
        this.plan = plan;
    }

    /** The plan of maps. */
    public AnalysisPlan plan() {
        return plan;
    }

    /** Every map of the image for the predicted class. */
    public ImageMaps run(BufferedImage image) throws ModelException {
        PreparedImage prepared = occluder.prepare(image);
        float[] clean = occluder.clean(prepared);
        return run(image, prepared, clean, Occluder.argMax(clean), (d, t) -> { });
    }

    /**
     * Every map of an image whose preprocessed form and clean probabilities are known, for class
     * index {@code target}.
     */
    public ImageMaps run(BufferedImage image, PreparedImage prepared, float[] clean, int target,
                         OcclusionScan.Progress progress) throws ModelException {
        return run(image, prepared, clean, target, Optional.empty(), progress);
    }

    /**
     * As above within a region of interest (source pixels): every size's patches that meet it, the
     * maps NaN outside it.
     */
    public ImageMaps run(BufferedImage image, PreparedImage prepared, float[] clean, int target,
                         Optional<Rectangle> region, OcclusionScan.Progress progress) throws ModelException {
        MapKind kind = plan.kind();
        Analysis main = occluder.analyse(prepared, clean, target, plan.main(), region, progress);
        float[] mainMap = kind.of(main);

        List<ImageMaps.SizeMap> sizes = new ArrayList<>();
        if (plan.sizes().size() > 1) {
            for (PatchSize size : plan.sizes()) {
                Analysis a = size.equals(plan.main()) && sizes.isEmpty() ? main
                        : occluder.analyse(prepared, clean, target, size, region, progress);
                sizes.add(new ImageMaps.SizeMap(size, a, a == main ? mainMap : kind.of(a)));
            }
        }
        Optional<float[]> combined = Optional.empty();
        if (plan.combine()) {
            combined = Optional.of(meanIgnoringNaN(sizes.stream().map(ImageMaps.SizeMap::map).toList()));
        }

        List<ImageMaps.ClassMap> classes = new ArrayList<>();
        if (plan.everyClass()) {
            for (int c : classOrder(clean)) {
                Analysis of = Analysis.of(occluder.classes(), main.scan(), c);
                Analysis a = region.map(of::masked).orElse(of);
                classes.add(new ImageMaps.ClassMap(a, kind.of(a)));
            }
        }

        List<ImageMaps.PassMap> passes = new ArrayList<>();
        Optional<RepeatedOcclusion.Stop> passesStop = Optional.empty();
        if (plan.passes() > 1) {
            RepeatedOcclusion.Passes made = new RepeatedOcclusion(occluder).passes(image, prepared, main, plan.main(),
                    plan.passes(), plan.stopBelow(), region, progress);
            passesStop = made.stop();
            for (RepeatedOcclusion.Pass p : made.passes()) {
                boolean first = p.number() == 1;
                BufferedImage shown = first ? image : RepeatedOcclusion.paint(image, p.hidden(), prepared.fill());
                passes.add(new ImageMaps.PassMap(p, first ? mainMap : kind.of(p.analysis()), shown));
            }
        }

        Optional<BufferedImage> worst = plan.worst()
                ? Optional.of(RepeatedOcclusion.paint(image, List.of(main.minPatch()), prepared.fill()))
                : Optional.empty();
        Optional<Faithfulness.Curves> metrics = Optional.empty();
        if (plan.metricSteps() > 0) {
            metrics = Optional.of(new Faithfulness(occluder).measure(image, prepared.fill(), MapKind.DROP.of(main), target,
                    plan.metricSteps(), plan.seed()));
        }
        return new ImageMaps(kind, plan.main(), main, mainMap, sizes, combined, classes, passes, passesStop, worst,
                metrics);
    }

    /** Every class in the model's order, or the plan's top K by clean probability, most probable first. */
    private List<Integer> classOrder(float[] clean) {
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < clean.length; c++) {
            all.add(c);
        }
        if (plan.topClasses() == 0) {
            return all;
        }
        all.sort((a, b) -> Float.compare(clean[b], clean[a]));
        return all.subList(0, Math.min(plan.topClasses(), all.size()));
    }

    /** Per-pixel mean over maps, ignoring NaN; NaN where every map is NaN. */
    public static float[] meanIgnoringNaN(List<float[]> maps) {
        float[] out = new float[maps.get(0).length];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            int n = 0;
            for (float[] m : maps) {
                if (!Float.isNaN(m[i])) {
                    sum += m[i];
                    n++;
                }
            }
            out[i] = n == 0 ? Float.NaN : (float) (sum / n);
        }
        return out;
    }
}
