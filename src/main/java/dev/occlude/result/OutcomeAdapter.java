package dev.occlude.result;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.MapKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place that knows the JSON line: field names, their order, and which are left out. The
 * order is the contract's (fields are added after the recorded ones, never renamed or removed):
 * image, frame, time, width, height, model, prediction, target, patch, stride, fill, variants,
 * skipped, forward_passes, refine, min, outputs, seconds, map, sizes, combined, classes, passes,
 * mapped, label, mistake, existing, error, settings, fill_kind, fill_colour, blur_sigma, seed,
 * region, flips, metrics, pointing, incremental, full_passes, source, max, scale, triage, staged, incremental_share, incremental_bound, passes_stop.
 */
final class OutcomeAdapter extends TypeAdapter<Outcome> {
    /** Writes the plain value records (min, outputs, metrics, ...) field by field. */
    private final Gson values;

    OutcomeAdapter(Gson values) {
        this.values = values;
    }

    @Override
    public void write(JsonWriter out, Outcome outcome) throws IOException {
        if (outcome == null) {
            out.nullValue();
            return;
        }
        out.beginObject();
        out.name("image").value(outcome.image());
        if (outcome instanceof Failed f) {
            out.name("error").value(f.error());
        } else if (outcome instanceof Classified c) {
            frame(out, c.frame());
            classification(out, c.classification());
            out.name("mapped").value(false);
            label(out, c.label());
            existing(out, c.existing());
        } else {
            mapped(out, (Mapped) outcome);
        }
        out.endObject();
    }

    private void mapped(JsonWriter out, Mapped m) throws IOException {
        frame(out, m.frame());
        classification(out, m.classification());
        out.name("target").value(m.target().name());
        ScanFacts scan = m.scan();
        out.name("patch").value(scan.patch());
        out.name("stride").value(scan.stride());
        if (m.fill() instanceof FillSpec.Grey g) {
            out.name("fill").value(g.level());
        }
        out.name("variants").value(scan.variants());
        out.name("skipped").value(scan.skipped());
        out.name("forward_passes").value(scan.forwardPasses());
        out.name("refine").value(scan.refine());
        value(out, "min", m.min());
        value(out, "outputs", m.outputs());
        out.name("seconds").value(m.seconds());
        out.name("map").value(m.map().label());
        if (!m.sizes().isEmpty()) {
            value(out, "sizes", m.sizes());
        }
        if (m.combined() != null) {
            out.name("combined").beginObject();
            value(out, "outputs", m.combined());
            out.endObject();
        }
        if (!m.classes().isEmpty()) {
            out.name("classes").beginObject();
            for (ClassResult c : m.classes()) {
                out.name(c.className()).beginObject();
                value(out, "min", c.min());
                value(out, "outputs", c.outputs());
                value(out, "max", c.max());
                out.endObject();
            }
            out.endObject();
        }
        if (!m.passes().isEmpty()) {
            value(out, "passes", m.passes());
        }
        label(out, m.label());
        existing(out, m.existing());
        if (m.settings() != null) {
            out.name("settings").value(m.settings());
        }
        out.name("fill_kind").value(m.fill().kind());
        if (m.fill() instanceof FillSpec.Colour c) {
            out.name("fill_colour").value(c.hex());
        } else if (m.fill() instanceof FillSpec.Blur b) {
            out.name("blur_sigma").value(b.sigma());
        } else if (m.fill() instanceof FillSpec.Noise n) {
            out.name("seed").value(n.seed());
        }
        value(out, "region", m.region());
        value(out, "flips", m.flips());
        value(out, "metrics", m.metrics());
        value(out, "pointing", m.pointing());
        out.name("incremental").value(m.scan().incremental());
        if (m.scan().fullPasses() != null) {
            out.name("full_passes").value(m.scan().fullPasses());
        }
        value(out, "source", m.source());
        value(out, "max", m.max());
        value(out, "scale", m.scale());
        value(out, "triage", m.triage());
        // after every field of the recorded contract (GoldenJsonTest): how much of the model is staged
        if (m.scan().staged() != null) {
            out.name("staged").value(m.scan().staged());
            if (m.scan().incrementalShare() != null) {
                out.name("incremental_share").value(m.scan().incrementalShare());
                out.name("incremental_bound").value(m.scan().incrementalBound());
            }
        }
        value(out, "passes_stop", m.passesStop());
    }

    private static void frame(JsonWriter out, Frame frame) throws IOException {
        if (frame != null) {
            out.name("frame").value(frame.index());
            out.name("time").value(frame.time());
        }
    }

    private static void classification(JsonWriter out, Classification c) throws IOException {
        out.name("width").value(c.width());
        out.name("height").value(c.height());
        out.name("model").value(c.model());
        Prediction p = c.prediction();
        out.name("prediction").beginObject();
        out.name("class").value(p.className());
        out.name("probabilities").beginObject();
        for (int i = 0; i < p.classes().size(); i++) {
            out.name(p.classes().get(i)).value(p.probabilities().get(i));
        }
        out.endObject();
        out.endObject();
    }

    private static void label(JsonWriter out, Label label) throws IOException {
        if (label != null) {
            out.name("label").value(label.label());
            out.name("mistake").value(label.mistake());
        }
    }

    private static void existing(JsonWriter out, boolean existing) throws IOException {
        if (existing) {
            out.name("existing").value(true);
        }
    }

    /** A value record under its name (left out when null), written by Gson field by field. */
    private void value(JsonWriter out, String name, Object value) throws IOException {
        if (value != null) {
            out.name(name);
            values.toJson(value, value.getClass(), out);
        }
    }

    @Override
    public Outcome read(JsonReader in) throws IOException {
        JsonElement e = JsonParser.parseReader(in);
        if (!e.isJsonObject()) {
            throw new JsonParseException("not a JSON object");
        }
        return read(e.getAsJsonObject());
    }

    private Outcome read(JsonObject o) {
        String image = string(o, "image");
        if (image == null) {
            throw new JsonParseException("no image");
        }
        if (o.has("error")) {
            return new Failed(image, string(o, "error"));
        }
        Frame frame = o.has("frame") ? new Frame(o.get("frame").getAsInt(), o.get("time").getAsDouble()) : null;
        Classification classification = readClassification(o);
        Label label = o.has("label") ? new Label(string(o, "label"), o.get("mistake").getAsBoolean()) : null;
        boolean existing = o.has("existing") && o.get("existing").getAsBoolean();
        if (o.has("mapped") && !o.get("mapped").getAsBoolean()) {
            return new Classified(image, frame, classification, label, existing);
        }
        Prediction p = classification.prediction();
        String target = string(o, "target");
        if (!p.classes().contains(target)) {
            throw new JsonParseException("the target " + target + " is not one of the prediction's classes");
        }
        List<ClassResult> classes = new ArrayList<>();
        if (o.has("classes")) {
            for (Map.Entry<String, JsonElement> c : o.getAsJsonObject("classes").entrySet()) {
                JsonObject v = c.getValue().getAsJsonObject();
                classes.add(new ClassResult(c.getKey(), values.fromJson(v.get("min"), MinPatch.class),
                        values.fromJson(v.get("max"), MinPatch.class),
                        values.fromJson(v.get("outputs"), Outputs.class)));
            }
        }
        return Mapped.builder().image(image).frame(frame).classification(classification)
                .target(new ClassRef(p.classes().indexOf(target), target))
                .scan(new ScanFacts(integer(o, "patch"), integer(o, "stride"), integer(o, "variants"),
                        integer(o, "skipped"), integer(o, "forward_passes"), bool(o, "refine"), bool(o, "incremental"),
                        string(o, "full_passes"), string(o, "staged"), number(o, "incremental_share"),
                        number(o, "incremental_bound")))
                .fill(readFill(o))
                .min(values.fromJson(o.get("min"), MinPatch.class))
                .max(values.fromJson(o.get("max"), MinPatch.class))
                .outputs(values.fromJson(o.get("outputs"), Outputs.class))
                .seconds(o.has("seconds") ? o.get("seconds").getAsDouble() : 0)
                .map(o.has("map") ? MapKind.valueOf(string(o, "map").toUpperCase(Locale.ROOT)) : MapKind.PROBABILITY)
                .sizes(list(o.get("sizes"), SizeResult[].class))
                .combined(o.has("combined") ? values.fromJson(o.getAsJsonObject("combined").get("outputs"), Outputs.class)
                        : null)
                .classes(classes)
                .passes(list(o.get("passes"), PassResult[].class))
                .label(label).existing(existing).settings(string(o, "settings"))
                .region(values.fromJson(o.get("region"), Box.class))
                .flips(values.fromJson(o.get("flips"), Flips.class))
                .metrics(values.fromJson(o.get("metrics"), Metrics.class))
                .pointing(values.fromJson(o.get("pointing"), Pointing.class))
                .source(values.fromJson(o.get("source"), Source.class))
                .scale(values.fromJson(o.get("scale"), Scale.class))
                .triage(values.fromJson(o.get("triage"), Triage.class))
                .passesStop(values.fromJson(o.get("passes_stop"), PassesStop.class))
                .build();
    }

    private static Classification readClassification(JsonObject o) {
        JsonObject prediction = o.getAsJsonObject("prediction");
        if (prediction == null) {
            throw new JsonParseException("no prediction");
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        prediction.getAsJsonObject("probabilities").entrySet()
                .forEach(e -> probabilities.put(e.getKey(), e.getValue().getAsDouble()));
        List<String> classes = new ArrayList<>(probabilities.keySet());
        int index = classes.indexOf(string(prediction, "class"));
        return new Classification(integer(o, "width"), integer(o, "height"), string(o, "model"),
                new Prediction(index, classes, new ArrayList<>(probabilities.values())));
    }

    private static FillSpec readFill(JsonObject o) {
        String kind = o.has("fill_kind") ? string(o, "fill_kind") : "grey";
        return switch (kind) {
            case "colour" -> new FillSpec.Colour(Integer.parseInt(string(o, "fill_colour").substring(1), 16));
            case "mean" -> new FillSpec.Mean();
            case "blur" -> new FillSpec.Blur(o.get("blur_sigma").getAsDouble());
            case "noise" -> new FillSpec.Noise(o.get("seed").getAsLong());
            default -> new FillSpec.Grey(o.has("fill") ? o.get("fill").getAsDouble() : 0.5);
        };
    }

    private <T> List<T> list(JsonElement e, Class<T[]> type) {
        if (e == null || e.isJsonNull()) {
            return List.of();
        }
        JsonArray a = e.getAsJsonArray();
        return List.of(values.fromJson(a, type));
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static Double number(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsDouble();
    }

    private static int integer(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new JsonParseException("no " + name);
        }
        return e.getAsInt();
    }

    private static boolean bool(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && !e.isJsonNull() && e.getAsBoolean();
    }
}
