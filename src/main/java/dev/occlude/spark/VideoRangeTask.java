package dev.occlude.spark;

import dev.occlude.result.Frame;
import dev.occlude.result.Source;
import dev.occlude.util.Text;
import dev.occlude.video.VideoException;
import dev.occlude.video.VideoFrame;
import dev.occlude.video.VideoOptions;
import dev.occlude.video.VideoReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * On an executor, one range of a video: it seeks to the range's first sampling interval (as
 * {@code --from} does), decodes up to the next range's, and maps each sampled frame into a row
 * (the CLI's frame line) carrying the range. A video that cannot be opened or decoded to
 * the range's end gives an error row for the range after the frames it did map.
 */
final class VideoRangeTask {
    private final JobOptions options;
    private final PictureRows pictures;
    private final Configuration conf;
    private final java.nio.file.Path temp;

    VideoRangeTask(JobOptions options, PictureRows pictures, Configuration conf, java.nio.file.Path temp) {
        this.options = options;
        this.pictures = pictures;
        this.conf = conf;
        this.temp = temp;
    }

    /** The range's rows: one per sampled frame, then an error row when the video could not be read to its end. */
    List<Row> rows(Row item) {
        String path = item.getString(0);
        String stem = item.getString(1);
        String range = item.getString(ResultTable.RANGE_COLUMN);
        VideoReader.Slots slots = new VideoReader.Slots(item.getLong(ResultTable.RANGE_COLUMN + 1),
                item.getLong(ResultTable.RANGE_COLUMN + 2));
        VideoOptions video = options.videoOptions();
        List<Row> rows = new ArrayList<>();
        java.nio.file.Path local = null;
        boolean copied = false;
        try {
            Path p = new Path(path);
            Source source = ImageTask.source(p, conf);
            LocalCopy copy = LocalCopy.of(p, conf, temp);
            local = copy.file();
            copied = copy.temporary();
            var limit = options.pixelLimit();
            try (VideoReader reader = VideoReader.open(local, video.sampling(), slots, limit.pixels(), limit.name())) {
                while (true) {
                    long start = System.nanoTime();
                    VideoFrame f = reader.next();
                    if (f == null) {
                        break;
                    }
                    Frame frame = new Frame(f.index(), f.roundedTime());
                    rows.add(pictures.map(path, stem, f.image(), frame, range, source, video.keepFrames()
                            ? PictureRows.Pictures.FRAME_KEPT : PictureRows.Pictures.FRAME_WORK,
                            (System.nanoTime() - start) / 1e9));
                }
            }
        } catch (VideoException e) {
            rows.add(PictureRows.failure(path, e.getMessage(), range));
        } catch (IOException | RuntimeException e) {
            rows.add(PictureRows.failure(path, path + ": cannot read (" + Text.oneLine(e) + ")", range));
        } finally {
            if (copied) {
                try {
                    Files.deleteIfExists(local);
                } catch (IOException e) {
                    // left in the task's temporary folder, which goes when the task ends
                }
            }
        }
        return rows;
    }
}
