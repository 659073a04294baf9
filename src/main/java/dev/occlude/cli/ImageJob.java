package dev.occlude.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.occlude.io.AtomicFiles;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.ModelException;
import dev.occlude.model.PreparedImage;
import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.OcclusionScan;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.RepeatedOcclusion;
import dev.occlude.render.OverlayRenderer;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Everything written for one image: the main map, and on request one map per patch size (and
 * their mean), one per class, one per repeated pass, and the worst variant. Returns the JSON line.
 */
final class ImageJob {
    private final Occluder occluder;
    private final ModelDirectory model;
    private final MapOptions maps;

    ImageJob(Occluder occluder, ModelDirectory model, MapOptions maps) {
        this.occluder = occluder;
        this.model = model;
        this.maps = maps;
    }

    JsonObject run(String imageName, BufferedImage image, PreparedImage prepared, float[] clean, int target,
                   OutputFiles files, OcclusionScan.Progress progress, double secondsSoFar, long start)
            throws ModelException, IOException {
        int[][] sizes = maps.sizes();
        Analysis main = occluder.analyse(prepared, clean, target, sizes[0][0], sizes[0][1], progress);
        List<Rectangle> marks = new ArrayList<>(List.of(main.minPatch()));
        String mainCaption = caption(main);
        List<JsonObject> extras = new ArrayList<>();

        JsonArray sizeList = new JsonArray();
        if (sizes.length > 1) {
            List<float[]> all = new ArrayList<>();
            for (int i = 0; i < sizes.length; i++) {
                Analysis a = i == 0 ? main : occluder.analyse(prepared, clean, main.target(), sizes[i][0], sizes[i][1], progress);
                float[] m = mapOf(a);
                all.add(m);
                OutputFiles f = files.withSuffix(".p" + sizes[i][0]);
                write(f, image, a, m, List.of(a.minPatch()), caption(a) + "  PATCH " + sizes[i][0]);
                JsonObject o = new JsonObject();
                o.addProperty("patch", sizes[i][0]);
                o.addProperty("stride", sizes[i][1]);
                o.addProperty("variants", a.scan().variants());
                o.add("min", ResultJson.patch(a.minProbability(), a.minPatch()));
                o.add("outputs", outputs(f));
                sizeList.add(o);
            }
            if (maps.combine()) {
                float[] mean = nanMean(all);
                OutputFiles f = files.withSuffix(".combined");
                writeMap(f, image, mean, main.targetName().toUpperCase(Locale.ROOT) + "  MEAN OF PATCH SIZES");
                JsonObject o = new JsonObject();
                o.add("outputs", outputs(f));
                extras.add(named("combined", o));
            }
        }

        JsonObject classes = new JsonObject();
        if (maps.allClasses()) {
            for (int c = 0; c < model.classes().size(); c++) {
                Analysis a = occluder.analysis(main.scan(), c);
                OutputFiles f = files.withSuffix("." + safe(model.classes().get(c)));
                write(f, image, a, mapOf(a), List.of(a.minPatch()), caption(a));
                JsonObject o = new JsonObject();
                o.add("min", ResultJson.patch(a.minProbability(), a.minPatch()));
                o.add("outputs", outputs(f));
                classes.add(model.classes().get(c), o);
            }
        }

        JsonArray passList = new JsonArray();
        if (maps.passes() > 1) {
            List<RepeatedOcclusion.Pass> passes = new RepeatedOcclusion(occluder).run(image, prepared, main, maps.passes(),
                    maps.stopBelow(), progress);
            for (RepeatedOcclusion.Pass p : passes) {
                OutputFiles f = p.number() == 1 ? files : files.withSuffix(".pass" + p.number());
                List<Rectangle> numbered = new ArrayList<>(p.hidden());
                numbered.add(p.analysis().minPatch());
                if (p.number() > 1) {
                    BufferedImage greyed = RepeatedOcclusion.grey(image, p.hidden(), occluder.settings().fillByte());
                    write(f, greyed, p.analysis(), mapOf(p.analysis()), numbered,
                            caption(p.analysis()) + "  PASS " + p.number());
                }
                JsonObject o = new JsonObject();
                o.addProperty("pass", p.number());
                o.addProperty("probability", ResultJson.round(p.hiddenProbability()));
                o.add("min", ResultJson.patch(p.analysis().minProbability(), p.analysis().minPatch()));
                o.add("outputs", outputs(f));
                passList.add(o);
            }
            // the main overlay numbers every pass's patch
            marks.clear();
            for (RepeatedOcclusion.Pass p : passes) {
                marks.add(p.analysis().minPatch());
            }
            mainCaption += "  PASSES " + passes.size();
        }
        write(files, image, main, mapOf(main), marks, mainCaption);

        String worst = null;
        if (maps.saveWorst()) {
            BufferedImage w = RepeatedOcclusion.grey(image, List.of(main.minPatch()), occluder.settings().fillByte());
            var path = files.worst();
            AtomicFiles.write(path, out -> ImageIO.write(w, "png", out));
            worst = path.toString();
        }

        double seconds = secondsSoFar + (System.nanoTime() - start) / 1e9;
        JsonObject json = ResultJson.success(imageName, model.name(), main, occluder.settings().withPatch(sizes[0][0], sizes[0][1]),
                files, seconds);
        json.addProperty("map", maps.drop() ? "drop" : "probability");
        if (worst != null) {
            json.getAsJsonObject("outputs").addProperty("worst", worst);
        }
        if (sizeList.size() > 0) {
            json.add("sizes", sizeList);
        }
        for (JsonObject e : extras) {
            for (var entry : e.entrySet()) {
                json.add(entry.getKey(), entry.getValue());
            }
        }
        if (maps.allClasses()) {
            json.add("classes", classes);
        }
        if (passList.size() > 0) {
            json.add("passes", passList);
        }
        return json;
    }

    /** The probability map, or with --map drop the clean probability minus it (high = important). */
    private float[] mapOf(Analysis a) {
        float[] m = a.map();
        if (!maps.drop()) {
            return m;
        }
        float clean = a.cleanProbability();
        float[] d = new float[m.length];
        for (int i = 0; i < m.length; i++) {
            d[i] = clean - m[i];
        }
        return d;
    }

    private void write(OutputFiles f, BufferedImage image, Analysis a, float[] map, List<Rectangle> marks, String caption)
            throws IOException {
        List<OverlayRenderer.Mark> m = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            m.add(new OverlayRenderer.Mark(marks.get(i), marks.size() > 1 ? String.valueOf(i + 1) : null));
        }
        f.writeMap(map, image.getHeight(), image.getWidth());
        f.writeOverlay(renderer().render(image, map, m, caption));
    }

    private void writeMap(OutputFiles f, BufferedImage image, float[] map, String caption) throws IOException {
        f.writeMap(map, image.getHeight(), image.getWidth());
        f.writeOverlay(renderer().render(image, map, List.of(), caption));
    }

    private OverlayRenderer renderer() {
        return new OverlayRenderer().colormap(maps.colormap()).alpha(maps.alpha()).scale(maps.scale());
    }

    private static JsonObject outputs(OutputFiles f) {
        JsonObject o = new JsonObject();
        o.addProperty("overlay", f.overlay().toString());
        o.addProperty("map", f.map().toString());
        return o;
    }

    private static JsonObject named(String name, JsonObject value) {
        JsonObject o = new JsonObject();
        o.add(name, value);
        return o;
    }

    /** Per-pixel mean over maps, ignoring NaN; NaN where every map is NaN. */
    static float[] nanMean(List<float[]> maps) {
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

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    String caption(Analysis a) {
        var p = a.minPatch();
        return String.format(Locale.ROOT, "%s  P=%.4f  MIN %.4f AT %d,%d%s", a.targetName(), a.cleanProbability(),
                a.minProbability(), p.x, p.y, maps.drop() ? "  DROP MAP" : "");
    }
}
