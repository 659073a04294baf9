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
    /** What the driver hands the executors: an image, or a video's range (its index and sampling intervals). */
    static final StructType ITEMS = new StructType().add("path", DataTypes.StringType)
            .add("stem", DataTypes.StringType).add("named", DataTypes.BooleanType)
            .add("range", DataTypes.StringType).add("first", DataTypes.LongType).add("end", DataTypes.LongType);
    /** The items' column of a video's range ({@link VideoPlan#range}; null for an image); its sampling intervals follow. */
    static final int RANGE_COLUMN = 3;
    /** What an executor gives back: the CLI's JSON line and the main map. */
    static final StructType MAPPED = new StructType().add("image", DataTypes.StringType)
            .add("json", DataTypes.StringType)
            .add(ResultSchema.MAP, DataTypes.createArrayType(DataTypes.FloatType, true))
            .add(ResultSchema.MAP_HEIGHT, DataTypes.IntegerType).add(ResultSchema.MAP_WIDTH, DataTypes.IntegerType)
            .add(ResultSchema.VIDEO_RANGE, DataTypes.StringType);
    /** Rows per written file: a chunk of frames makes a file or two, not one per image. */
    private static final int ROWS_PER_FILE = 512;

    private final SparkSession spark;
    private final Path out;
    private final Path location;
    private final String format;
    private final StructType record;

    /** @param record the columns of a row's line: one model's ({@link ResultSchema#record()}) or a compare's */
    ResultTable(SparkSession spark, String out, String format, StructType record) throws IOException {
        this.record = record;
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
     * The images and video ranges already done ({@link VideoPlan.Work#key()}): those with a row
     * made with these settings, and those that failed (a bad file stays bad; delete its row, or
     * the table, to try it again). A range's rows are appended together, so a range with a row is
     * whole.
     */
    Set<String> done(String settings) {
        Set<String> done = new HashSet<>();
        for (Row r : rows().where(col("settings").equalTo(settings).or(col("error").isNotNull()))
                .select(col("image"), col(ResultSchema.VIDEO_RANGE)).distinct().collectAsList()) {
            done.add(r.isNullAt(1) ? r.getString(0) : VideoPlan.Work.key(r.getString(0), r.getString(1)));
        }
        return done;
    }

    /** Every row, read with the table's schema. */
    Dataset<Row> rows() {
        return spark.read().schema(ResultSchema.table(record)).format(format).load(location.toString());
    }

    /**
     * What an atlas needs of each row mapped with these settings: image, time, width, height,
     * predicted class, the worst patch's x, y, width and height, whether it is a mistake, the mapped
     * class's clean probability and the worst patch's (how much the patch lowers it decides whether
     * the atlas counts it).
     */
    List<Row> worstPatches(String settings) {
        return rows().where(col("settings").equalTo(settings).and(col("error").isNull()))
                .select(col("image"), col("time"), col("width"), col("height"), col("prediction.class"), col("min.x"),
                        col("min.y"), col("min.width"), col("min.height"), col("mistake"),
                        col("prediction.probabilities").getItem(col("target")), col("min.probability"))
                .collectAsList();
    }

    /** What one append wrote: its rows, and the failed images' messages. */
    record Written(int rows, List<String> errors) {}

    /**
     * Maps a chunk's images and video ranges on the executors and appends their rows (problems
     * found while listing included).
     */
    Written append(List<VideoPlan.Work> chunk, ImageTask task) {
        List<Row> todo = new ArrayList<>();
        List<Row> refused = new ArrayList<>();
        for (VideoPlan.Work w : chunk) {
            InputListing.Item i = w.item();
            if (i.problem() != null) {
                refused.add(task.refused(i.path(), i.problem()));
            } else if (w.range() == null) {
                todo.add(RowFactory.create(i.path(), i.stem(), i.named(), null, null, null));
            } else {
                todo.add(RowFactory.create(i.path(), i.stem(), i.named(), w.range(), w.slots().first(),
                        w.slots().end()));
            }
        }
        Dataset<Row> mapped = spark.createDataFrame(refused, MAPPED);
        if (!todo.isEmpty()) {
            // one image or video range per task: an image is seconds of work, a task's overhead milliseconds
            JavaRDD<Row> images = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(todo, todo.size());
            mapped = spark.createDataFrame(images, ITEMS).mapPartitions(task, Encoders.row(MAPPED)).union(mapped);
        }
        Dataset<Row> rows = mapped
                .select(from_json(col("json"), record).as("r"), col(ResultSchema.MAP),
                        col(ResultSchema.MAP_HEIGHT), col(ResultSchema.MAP_WIDTH), col(ResultSchema.VIDEO_RANGE))
                .select("r.*", ResultSchema.MAP, ResultSchema.MAP_HEIGHT, ResultSchema.MAP_WIDTH,
                        ResultSchema.VIDEO_RANGE)
                .repartition(Math.max(1, (chunk.size() + ROWS_PER_FILE - 1) / ROWS_PER_FILE))
                .sortWithinPartitions("image", "time")
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
