package dev.occlude.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.occlude.result.ResultCodec;
import java.awt.Rectangle;

/** The {@code compare} object of a compare line (documented in docs/OUTPUTS.md; fields are only ever added). */
final class CompareJson {
    private CompareJson() {}

    /** What changed ({@code v}), where each looks ({@code focus}, null when not measured) and the picture's path. */
    static JsonObject of(Verdict v, Focus focus, String picture) {
        JsonObject c = new JsonObject();
        JsonArray predictions = new JsonArray();
        predictions.add(v.predictionA());
        predictions.add(v.predictionB());
        c.add("predictions", predictions);
        c.addProperty("changed", v.changed());
        if (v.label() != null) {
            c.addProperty("label", v.label());
            if (v.verdict() != null) {
                c.addProperty("verdict", v.verdict());
            }
            JsonArray kinds = new JsonArray();
            kinds.add(v.kindA());
            kinds.add(v.kindB());
            c.add("kinds", kinds);
        }
        if (focus != null) {
            c.addProperty("class", focus.className());
            JsonArray worst = new JsonArray();
            worst.add(box(focus.worstA()));
            worst.add(box(focus.worstB()));
            c.add("worst", worst);
            c.add("focus_distance", focus.distance() == null ? JsonNull.INSTANCE
                    : new JsonPrimitive(Math.round(focus.distance() * 10) / 10.0));
            c.add("overlap", focus.overlap() == null ? JsonNull.INSTANCE
                    : new JsonPrimitive(ResultCodec.round(focus.overlap())));
            c.add("correlation", focus.correlation() == null ? JsonNull.INSTANCE
                    : new JsonPrimitive(ResultCodec.round(focus.correlation())));
        }
        if (picture != null) {
            c.addProperty("picture", picture);
        }
        return c;
    }

    private static JsonObject box(Rectangle r) {
        JsonObject b = new JsonObject();
        b.addProperty("x", r.x);
        b.addProperty("y", r.y);
        b.addProperty("width", r.width);
        b.addProperty("height", r.height);
        return b;
    }
}
