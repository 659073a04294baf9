package dev.occlude.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The columns of a compare's table (--model A --model B): every field of {@code occlude compare}'s
 * line (docs/OUTPUTS.md), each side's line with the plain table's columns, then the row's
 * {@code settings} (both sides', to resume) and {@code error} (a side's, when one failed).
 */
final class CompareSchema {
    private CompareSchema() {}

    /** A compare line's fields as typed columns. */
    static StructType record() {
        StructType box = new StructType().add("x", DataTypes.IntegerType).add("y", DataTypes.IntegerType)
                .add("width", DataTypes.IntegerType).add("height", DataTypes.IntegerType);
        StructType compare = new StructType()
                .add("predictions", DataTypes.createArrayType(DataTypes.StringType, true))
                .add("changed", DataTypes.BooleanType).add("label", DataTypes.StringType)
                .add("verdict", DataTypes.StringType).add("kinds", DataTypes.createArrayType(DataTypes.StringType, true))
                .add("class", DataTypes.StringType).add("worst", DataTypes.createArrayType(box, true))
                .add("focus_distance", DataTypes.DoubleType).add("overlap", DataTypes.DoubleType)
                .add("correlation", DataTypes.DoubleType).add("picture", DataTypes.StringType);
        return new StructType().add("image", DataTypes.StringType).add("frame", DataTypes.IntegerType)
                .add("time", DataTypes.DoubleType)
                .add("models", DataTypes.createArrayType(ResultSchema.record(), true))
                .add("compare", compare)
                .add("settings", DataTypes.StringType).add("error", DataTypes.StringType);
    }
}
