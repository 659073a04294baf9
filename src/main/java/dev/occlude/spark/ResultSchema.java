package dev.occlude.spark;

import com.google.gson.annotations.SerializedName;
import dev.occlude.result.ImageResult;
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
 * The table's columns: every field of the CLI's JSON line ({@link ImageResult}, read off the
 * record so that a field added there is a column here), under its JSON name and with its type,
 * then the main map. A row is the JSON line read with this schema.
 */
final class ResultSchema {
    /** The main map's values, row by row, and its shape (source pixels); "map" is the record's map kind. */
    static final String MAP = "heatmap";
    static final String MAP_HEIGHT = "heatmap_height";
    static final String MAP_WIDTH = "heatmap_width";

    private ResultSchema() {}

    /** The JSON line's fields as typed columns. */
    static StructType record() {
        return struct(ImageResult.class);
    }

    /** Every column of the table: the record's, then the map with its height and width. */
    static StructType table() {
        return record().add(MAP, DataTypes.createArrayType(DataTypes.FloatType, true))
                .add(MAP_HEIGHT, DataTypes.IntegerType).add(MAP_WIDTH, DataTypes.IntegerType);
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
        throw new IllegalStateException("no column type for " + t + " in ImageResult");
    }
}
