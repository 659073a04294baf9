/**
 * The Spark job ({@code scripts/occlude-spark}): inputs listed on the driver, images and video
 * ranges mapped on the executors by the per-picture step of {@code dev.occlude.picture} into rows
 * of one results table (Parquet or JSON) whose JSON column is the command line's line, a killed
 * job resumed with {@code --skip-existing}, videos assembled on the driver once their ranges are in.
 * With two models ({@code --model A --model B}) each row is {@code occlude compare}'s line
 * ({@link dev.occlude.spark.CompareRows}).
 */
package dev.occlude.spark;
