package dev.occlude.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.MapKind;
import dev.occlude.result.Box;
import dev.occlude.result.ClassRef;
import dev.occlude.result.ClassResult;
import dev.occlude.result.Classification;
import dev.occlude.result.Classified;
import dev.occlude.result.Flips;
import dev.occlude.result.Frame;
import dev.occlude.result.Label;
import dev.occlude.result.Mapped;
import dev.occlude.result.Metrics;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Outputs;
import dev.occlude.result.PassResult;
import dev.occlude.result.Pointing;
import dev.occlude.result.Prediction;
import dev.occlude.result.ResultCodec;
import dev.occlude.result.ScanFacts;
import dev.occlude.result.SizeResult;
import dev.occlude.result.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every field the JSON line can hold has a column of the table, nested fields included, in the line's order. */
@Tag("spark")
class ResultSchemaTest {
    private static final MinPatch MIN = new MinPatch(0.25, 1, 2, 3, 4);

    @Test
    void everyFieldOfEveryLineHasAColumn() {
        Outputs all = new Outputs("o.png", "o.npy", "w.png", "f.png", "t.csv", "v.mp4", "t.png");
        Classification clean = new Classification(4, 3, "m", new Prediction(0, List.of("a", "b"), List.of(0.6, 0.4)));
        List<String> lines = new ArrayList<>();
        for (FillSpec fill : List.of(FillSpec.grey(0.5), new FillSpec.Colour(1), new FillSpec.Blur(2),
                new FillSpec.Noise(3))) {
            lines.add(ResultCodec.toLine(Mapped.builder().image("i").frame(new Frame(1, 0.5)).classification(clean)
                    .target(new ClassRef(0, "a")).scan(new ScanFacts(2, 1, 9, 1, 8, true, false, "--no-incremental", "partly", 0.4, 1.2)).fill(fill).min(MIN)
                    .outputs(all).seconds(1).map(MapKind.DROP).sizes(List.of(new SizeResult(2, 1, 9, MIN, all)))
                    .combined(all).classes(List.of(new ClassResult("a", MIN, MIN, all)))
                    .passes(List.of(new PassResult(1, 0.6, MIN, all))).label(new Label("a", false)).existing(true)
                    .settings("s").region(new Box(0, 0, 1, 1)).flips(new Flips(1, Map.of("b", 1)))
                    .metrics(new Metrics(1, 0, 1, 0, 1, List.of(1.0), List.of(0.0), List.of(1.0), List.of(0.0)))
                    .pointing(new Pointing(true, 1)).source(new Source("/in/i.jpg", 1, "2026-12-01T00:00:00Z"))
                    .max(MIN).scale(new dev.occlude.result.Scale(0, 1, 0.5, 98, 0.02))
                    .triage(new dev.occlude.result.Triage("false-light", 0.5, MIN, new Box(0, 0, 1, 1), "red"))
                    .passesStop(new dev.occlude.result.PassesStop(1, "stop-below", 0.25, 0.5))
                    .build()));
        }
        lines.add(ResultCodec.toLine(new Classified("i", null, clean, null, false)));
        StructType schema = ResultSchema.record();
        List<String> columns = List.of(schema.fieldNames());
        List<String> seen = new ArrayList<>();
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            check("", o, schema);
            o.keySet().stream().filter(k -> !seen.contains(k)).forEach(seen::add);
        }
        seen.add("error");
        assertEquals(columns.stream().sorted().toList(), seen.stream().sorted().toList(),
                "the table's columns are the line's fields");
    }

    /** Each field of the object is a field of the struct, and so on down. */
    private static void check(String where, JsonObject o, StructType struct) {
        for (String key : o.keySet()) {
            assertTrue(List.of(struct.fieldNames()).contains(key), where + key + " has no column in " + struct.simpleString());
            StructField field = struct.apply(key);
            check(where + key + ".", o.get(key), field.dataType());
        }
    }

    private static void check(String where, JsonElement e, DataType type) {
        if (type instanceof StructType s) {
            check(where, e.getAsJsonObject(), s);
        } else if (type instanceof ArrayType a) {
            e.getAsJsonArray().forEach(x -> check(where, x, a.elementType()));
        } else if (type instanceof MapType m) {
            e.getAsJsonObject().entrySet().forEach(x -> check(where + x.getKey() + ".", x.getValue(), m.valueType()));
        } else {
            assertTrue(e.isJsonPrimitive(), where + " is a value");
        }
    }
}
