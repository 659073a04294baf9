package dev.occlude.spark;

import com.google.gson.annotations.SerializedName;
import dev.occlude.result.Box;
import dev.occlude.result.Flips;
import dev.occlude.result.Metrics;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Outputs;
import dev.occlude.result.PassResult;
import dev.occlude.result.PassesStop;
import dev.occlude.result.Pointing;
import dev.occlude.result.Scale;
import dev.occlude.result.SizeResult;
import dev.occlude.result.Source;
import dev.occlude.result.Triage;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The table's columns: every field of the CLI's JSON line (as {@code ResultCodec} writes it, in
 * its order; a test checks that every field it writes has a column here), under its JSON name and
 * with its type, then the main map. A row is the JSON line read with this schema. The value
 * records (min, outputs, metrics, ...) are read off their record components.
 */
final class ResultSchema {
    /** The main map's values, row by row, and its shape (source pixels); "map" is the record's map kind. */
    static final String MAP = "heatmap";
    static final String MAP_HEIGHT = "heatmap_height";
    static final String MAP_WIDTH = "heatmap_width";
    /**
     * A video frame's range: the part of the video one task mapped and how the video was cut and
     * sampled ({@link VideoPlan#range}; null for an image). What resuming counts.
     */
    static final String VIDEO_RANGE = "video_range";

    private ResultSchema() {}

    /** The JSON line's fields as typed columns. */
    static StructType record() {
        StructType minAndOutputs = new StructType().add("min", struct(MinPatch.class)).add("outputs", struct(Outputs.class))
                .add("max", struct(MinPatch.class));
        return new StructType()
                .add("image", DataTypes.StringType).add("frame", DataTypes.IntegerType).add("time", DataTypes.DoubleType)
                .add("width", DataTypes.IntegerType).add("height", DataTypes.IntegerType).add("model", DataTypes.StringType)
                .add("prediction", new StructType().add("class", DataTypes.StringType).add("probabilities",
                        DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true)))
                .add("target", DataTypes.StringType).add("patch", DataTypes.IntegerType)
                .add("stride", DataTypes.IntegerType).add("fill", DataTypes.DoubleType)
                .add("variants", DataTypes.IntegerType).add("skipped", DataTypes.IntegerType)
                .add("forward_passes", DataTypes.IntegerType).add("refine", DataTypes.BooleanType)
                .add("min", struct(MinPatch.class)).add("outputs", struct(Outputs.class))
                .add("seconds", DataTypes.DoubleType).add("map", DataTypes.StringType)
                .add("sizes", DataTypes.createArrayType(struct(SizeResult.class), true))
                .add("combined", new StructType().add("outputs", struct(Outputs.class)))
                .add("classes", DataTypes.createMapType(DataTypes.StringType, minAndOutputs, true))
                .add("passes", DataTypes.createArrayType(struct(PassResult.class), true))
                .add("mapped", DataTypes.BooleanType).add("label", DataTypes.StringType)
                .add("mistake", DataTypes.BooleanType).add("existing", DataTypes.BooleanType)
                .add("error", DataTypes.StringType).add("settings", DataTypes.StringType)
                .add("fill_kind", DataTypes.StringType).add("fill_colour", DataTypes.StringType)
                .add("blur_sigma", DataTypes.DoubleType).add("seed", DataTypes.LongType)
                .add("region", struct(Box.class)).add("flips", struct(Flips.class)).add("metrics", struct(Metrics.class))
                .add("pointing", struct(Pointing.class)).add("incremental", DataTypes.BooleanType)
                .add("full_passes", DataTypes.StringType)
                .add("source", struct(Source.class)).add("max", struct(MinPatch.class))
                .add("scale", struct(Scale.class)).add("triage", struct(Triage.class))
                .add("staged", DataTypes.StringType).add("incremental_share", DataTypes.DoubleType)
                .add("incremental_bound", DataTypes.DoubleType)
                .add("passes_stop", struct(PassesStop.class));
    }

    /** Every column of the table: the record's, then the map with its height and width, then a frame's video range. */
    static StructType table() {
        return table(record());
    }

    /** The table's columns of rows whose lines read with {@code record} (one model's, or a compare's). */
    static StructType table(StructType record) {
        return record.add(MAP, DataTypes.createArrayType(DataTypes.FloatType, true))
                .add(MAP_HEIGHT, DataTypes.IntegerType).add(MAP_WIDTH, DataTypes.IntegerType)
                .add(VIDEO_RANGE, DataTypes.StringType);
    }

    private static StructType struct(Class<?> recordClass) {
        List<StructField> fields = new ArrayList<>();
        for (RecordComponent c : recordClass.getRecordComponents()) {
            SerializedName json = jsonName(recordClass, c);
            fields.add(DataTypes.createStructField(json != null ? json.value() : c.getName(), type(c.getGenericType()),
                    true));
        }
        return DataTypes.createStructType(fields);
    }

    /** Gson's name for the component: the annotation lands on the record's field, not on the component. */
    private static SerializedName jsonName(Class<?> recordClass, RecordComponent c) {
        try {
            return recordClass.getDeclaredField(c.getName()).getAnnotation(SerializedName.class);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataType type(Type t) {
        if (t instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            if (p.getRawType() == List.class) {
                return DataTypes.createArrayType(type(args[0]), true);
            }
            if (p.getRawType() == Map.class && args[0] == String.class) {
                return DataTypes.createMapType(DataTypes.StringType, type(args[1]), true);
            }
        } else if (t instanceof Class<?> c) {
            if (c == String.class) {
                return DataTypes.StringType;
            } else if (c == Integer.class || c == int.class) {
                return DataTypes.IntegerType;
            } else if (c == Long.class || c == long.class) {
                return DataTypes.LongType;
            } else if (c == Double.class || c == double.class) {
                return DataTypes.DoubleType;
            } else if (c == Boolean.class || c == boolean.class) {
                return DataTypes.BooleanType;
            } else if (c.isRecord()) {
                return struct(c);
            }
        }
        throw new IllegalStateException("no column type for " + t + " in the result line");
    }
}
