package dev.occlude.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.ScanSettings;
import java.awt.Rectangle;
import java.util.List;

/** The one-line JSON record per image that scripts depend on; fields are added, never renamed. */
public final class ResultJson {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();

    private ResultJson() {}

    public static JsonObject success(String image, String model, Analysis a, ScanSettings s,
                                     OutputFiles outputs, double seconds) {
        JsonObject o = new JsonObject();
        o.addProperty("image", image);
        o.addProperty("width", a.scan().width());
        o.addProperty("height", a.scan().height());
        o.addProperty("model", model);
        JsonObject prediction = new JsonObject();
        prediction.addProperty("class", a.classes().get(a.predicted()));
        prediction.add("probabilities", probabilities(a.classes(), a.scan().cleanProbabilities()));
        o.add("prediction", prediction);
        o.addProperty("target", a.targetName());
        o.addProperty("patch", s.patch());
        o.addProperty("stride", s.stride());
        o.addProperty("fill", s.fill());
        o.addProperty("variants", a.scan().variants());
        o.addProperty("skipped", a.scan().skipped());
        o.addProperty("forward_passes", a.scan().passes());
        o.addProperty("refine", s.refine());
        o.add("min", patch(a.minProbability(), a.minPatch()));
        JsonObject out = new JsonObject();
        out.addProperty("overlay", outputs.overlay().toString());
        out.addProperty("map", outputs.map().toString());
        o.add("outputs", out);
        o.addProperty("seconds", Math.round(seconds * 1000) / 1000.0);
        return o;
    }

    /** An image whose prediction was taken but which was not mapped (--only-mistakes and it was right). */
    public static JsonObject unmapped(String image, String model, List<String> classes, float[] clean, int width,
                                      int height) {
        JsonObject o = new JsonObject();
        o.addProperty("image", image);
        o.addProperty("width", width);
        o.addProperty("height", height);
        o.addProperty("model", model);
        JsonObject prediction = new JsonObject();
        prediction.addProperty("class", classes.get(dev.occlude.occlusion.Occluder.argMax(clean)));
        prediction.add("probabilities", probabilities(classes, clean));
        o.add("prediction", prediction);
        o.addProperty("mapped", false);
        return o;
    }

    public static JsonObject failure(String image, String error) {
        JsonObject o = new JsonObject();
        o.addProperty("image", image);
        o.addProperty("error", error);
        return o;
    }

    static JsonObject probabilities(List<String> classes, float[] p) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < classes.size(); i++) {
            o.addProperty(classes.get(i), round(p[i]));
        }
        return o;
    }

    static JsonObject patch(double probability, Rectangle r) {
        JsonObject o = new JsonObject();
        o.addProperty("probability", round(probability));
        o.addProperty("x", r.x);
        o.addProperty("y", r.y);
        o.addProperty("width", r.width);
        o.addProperty("height", r.height);
        return o;
    }

    /** Six significant decimals: enough to tell 0.999912 from 0.999991, short enough to read. */
    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }

    public static String line(JsonObject o) {
        return GSON.toJson(o);
    }
}
