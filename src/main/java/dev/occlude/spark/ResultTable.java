package dev.occlude.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * The results table in OUT/results, Parquet or JSON lines, one row per image: what is already in
 * it (to resume), and each chunk's rows appended when the chunk is done. Spark's commit protocol
 * makes an append all or nothing, so a retried task or a stopped job never leaves a duplicate or
 * half a chunk.
 */
final class ResultTable {
    /** What the driver hands the executors: one image each. */
    static final StructType ITEMS = new StructType().add("path", DataTypes.StringType)
            .add("stem", DataTypes.StringType).add("named", DataTypes.BooleanType);
    /** What an executor gives back: the CLI's JSON line and the main map. */
    static final StructType MAPPED = new StructType().add("image", DataTypes.StringType)
            .add("json", DataTypes.StringType)
            .add(ResultSchema.MAP, DataTypes.createArrayType(DataTypes.FloatType, true))
            .add(ResultSchema.MAP_HEIGHT, DataTypes.IntegerType).add(ResultSchema.MAP_WIDTH, DataTypes.IntegerType);
    /** Rows per written file: a chunk of frames makes a file or two, not one per image. */
    private static final int ROWS_PER_FILE = 512;

    private final SparkSession spark;
    private final Path out;
    private final Path location;
    private final String format;

    ResultTable(SparkSession spark, String out, String format) throws IOException {
        this.spark = spark;
        Path o = new Path(out);
        this.out = o.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(o);
        this.location = new Path(this.out, "results");
        this.format = format;
    }

    /** The table's directory, qualified. */
    String location() {
        return location.toString();
    }

    /** Where overlays go, qualified. */
    String overlays() {
        return new Path(out, "overlays").toString();
    }

    /**
     * Whether the table holds rows already.
     *
     * @throws IllegalArgumentException when it holds another format's files
     */
    boolean exists() throws IOException {
        FileSystem fs = location.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(location)) {
            return false;
        }
        boolean any = false;
        for (FileStatus f : fs.listStatus(location)) {
            String name = f.getPath().getName();
            if (name.startsWith("part-")) {
                any = true;
                if (!name.contains("." + format)) {
                    throw new IllegalArgumentException(location + " holds a table in another format than " + format
                            + " (" + name + "); give its --format");
                }
            }
        }
        return any;
    }

    /**
     * The images already done: those with a row made with these settings, and those that failed
     * (a bad file stays bad; delete its row, or the table, to try it again).
     */
    Set<String> images(String settings) {
        Dataset<Row> rows = spark.read().schema(ResultSchema.table()).format(format).load(location.toString());
        Set<String> done = new HashSet<>();
        for (Row r : rows.where(col("settings").equalTo(settings).or(col("error").isNotNull())).select("image")
                .distinct().collectAsList()) {
            done.add(r.getString(0));
        }
        return done;
    }

    /**
     * What an atlas needs of each row mapped with these settings: image, time, width, height,
     * predicted class, the worst patch's x, y, width and height, and whether it is a mistake.
     */
    List<Row> worstPatches(String settings) {
        Dataset<Row> rows = spark.read().schema(ResultSchema.table()).format(format).load(location.toString());
        return rows.where(col("settings").equalTo(settings).and(col("error").isNull()))
                .select(col("image"), col("time"), col("width"), col("height"), col("prediction.class"), col("min.x"),
                        col("min.y"), col("min.width"), col("min.height"), col("mistake"))
                .collectAsList();
    }

    /** What one append wrote: its rows, and the failed images' messages. */
    record Written(int rows, List<String> errors) {}

    /** Maps a chunk's images on the executors and appends their rows (problems found while listing included). */
    Written append(List<InputListing.Item> chunk, ImageTask task) {
        List<Row> todo = new ArrayList<>();
        List<Row> refused = new ArrayList<>();
        for (InputListing.Item i : chunk) {
            if (i.problem() != null) {
                refused.add(ImageTask.failure(i.path(), i.problem()));
            } else {
                todo.add(RowFactory.create(i.path(), i.stem(), i.named()));
            }
        }
        Dataset<Row> mapped = spark.createDataFrame(refused, MAPPED);
        if (!todo.isEmpty()) {
            // one image per task: an image is seconds of work, a task's overhead milliseconds
            JavaRDD<Row> images = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(todo, todo.size());
            mapped = spark.createDataFrame(images, ITEMS).mapPartitions(task, Encoders.row(MAPPED)).union(mapped);
        }
        Dataset<Row> rows = mapped
                .select(from_json(col("json"), ResultSchema.record()).as("r"), col(ResultSchema.MAP),
                        col(ResultSchema.MAP_HEIGHT), col(ResultSchema.MAP_WIDTH))
                .select("r.*", ResultSchema.MAP, ResultSchema.MAP_HEIGHT, ResultSchema.MAP_WIDTH)
                .repartition(Math.max(1, (chunk.size() + ROWS_PER_FILE - 1) / ROWS_PER_FILE))
                .sortWithinPartitions("image")
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            rows.write().mode(SaveMode.Append).format(format).save(location.toString());
            List<String> errors = new ArrayList<>();
            for (Row r : rows.where(col("error").isNotNull()).select("error").collectAsList()) {
                errors.add(r.getString(0));
            }
            return new Written((int) rows.count(), errors);
        } finally {
            rows.unpersist();
        }
    }
}
