package dev.occlude.spark;

import dev.occlude.result.Frame;
import dev.occlude.result.Source;
import java.awt.image.BufferedImage;
import org.apache.spark.sql.Row;

/** What a task makes of one decoded picture: one model's row ({@link PictureRows}) or a compare's ({@link CompareRows}). */
interface PictureStep {
    /**
     * The picture's row, or a failure row.
     *
     * @param path the input as listed (the row's image)
     * @param stem the input's name in OUT/overlays, no extension
     * @param frame the video frame's index and time; null for an image
     * @param range the video's range ({@link VideoPlan#range}); null for an image
     * @param seconds time already spent on the picture (reading, decoding)
     */
    Row map(String path, String stem, BufferedImage image, Frame frame, String range, Source source,
            PictureRows.Pictures pictures, double seconds);

    /** The row of an input that failed before it was mapped (read, decoded, listed). */
    Row failed(String path, String message, String range);
}
