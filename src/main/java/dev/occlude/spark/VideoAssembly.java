package dev.occlude.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import dev.occlude.picture.OutputFiles;
import dev.occlude.render.TimelineRenderer;
import dev.occlude.report.TimelinePoints;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.Outputs;
import dev.occlude.result.ResultCodec;
import dev.occlude.util.Text;
import dev.occlude.video.VideoOptions;
import dev.occlude.video.VideoWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * On the driver, once every range of a video is in the table: the video's annotated MP4 and
 * timeline (OUT/overlays/NAME.occlusion.mp4 and NAME.timeline.png, as the CLI names and draws
 * them) from its frames' rows and overlays, each written to a temporary name and renamed. A video
 * with a failed frame or range is not assembled (one line says why), as the CLI leaves it
 * unfinished; without --frames the frames' overlays wait in NAME.frames.partial/ until then.
 */
final class VideoAssembly {
    private final ResultTable table;
    private final String settings;
    private final String overlays;
    private final VideoOptions video;
    private final String cut;
    private final List<String> classes;
    private final Configuration conf;
    private final PrintWriter err;

    VideoAssembly(ResultTable table, String settings, String overlays, VideoOptions video, String cut,
                  List<String> classes, Configuration conf, PrintWriter err) {
        this.table = table;
        this.settings = settings;
        this.overlays = overlays;
        this.video = video;
        this.cut = cut;
        this.classes = classes;
        this.conf = conf;
        this.err = err;
    }

    /**
     * Assembles every video in {@code videos} but those assembled before and none of whose ranges
     * ran since, reading all their rows in one pass over the table.
     *
     * @param ran the paths of the videos some of whose ranges were mapped in this job
     * @return how many could not be assembled (each said on stderr)
     */
    int assembleAll(Collection<VideoPlan.Video> videos, Set<String> ran) {
        List<VideoPlan.Video> todo = new ArrayList<>();
        for (VideoPlan.Video v : videos) {
            if (ran.contains(v.item().path()) || !assembled(v)) {
                todo.add(v);
            }
        }
        if (todo.isEmpty()) {
            return 0;
        }
        Map<String, VideoRows> byVideo;
        try {
            byVideo = rowsOf(todo);
        } catch (IOException | RuntimeException e) {
            err.println("occlude-spark: cannot read the videos' frames from the table (" + Text.oneLine(e) + ")");
            return todo.size();
        }
        int failed = 0;
        for (VideoPlan.Video v : todo) {
            if (!assemble(v, byVideo.getOrDefault(v.item().path(), new VideoRows()))) {
                failed++;
            }
        }
        return failed;
    }

    /** One video's rows: the errors of its failed frames or ranges, and its mapped frames by time. */
    private static final class VideoRows {
        final List<String> failures = new ArrayList<>();
        final List<Mapped> frames = new ArrayList<>();
    }

    private boolean assembled(VideoPlan.Video v) {
        Outputs own = PictureRows.videoOutputs(overlays, v.item().stem());
        try {
            FileSystem fs = new Path(own.video()).getFileSystem(conf);
            return fs.exists(new Path(own.video())) && fs.exists(new Path(own.timeline()));
        } catch (IOException e) {
            return false;
        }
    }

    /** The rows of these videos made with this job's settings and cut (and their error rows), in one pass. */
    private Map<String, VideoRows> rowsOf(List<VideoPlan.Video> videos) throws IOException {
        Object[] paths = videos.stream().map(v -> v.item().path()).toArray();
        Column[] fields = Arrays.stream(ResultSchema.record().fieldNames()).map(f -> col(f)).toArray(Column[]::new);
        var rows = table.rows().where(col("image").isin(paths).and(col(ResultSchema.VIDEO_RANGE).endsWith(": " + cut))
                .and(col("settings").equalTo(settings).or(col("error").isNotNull())));
        Map<String, VideoRows> byVideo = new HashMap<>();
        for (Row r : rows.orderBy("image", "time").select(col("image"), col("error"), to_json(struct(fields)))
                .collectAsList()) {
            VideoRows mine = byVideo.computeIfAbsent(r.getString(0), k -> new VideoRows());
            if (!r.isNullAt(1)) {
                mine.failures.add(r.getString(1));
            } else if (ResultCodec.fromLine(r.getString(2)) instanceof Mapped m) {
                mine.frames.add(m);
            }
        }
        return byVideo;
    }

    /** Writes one video's MP4 and timeline from its rows; false when it cannot (said on stderr). */
    private boolean assemble(VideoPlan.Video v, VideoRows rows) {
        String path = v.item().path();
        String stem = v.item().stem();
        Outputs own = PictureRows.videoOutputs(overlays, stem);
        if (!rows.failures.isEmpty()) {
            err.println("occlude-spark: " + path + ": not assembled: " + rows.failures.size() + " of its frames or "
                    + "ranges failed (first: " + rows.failures.get(0) + ")");
            return false;
        }
        if (rows.frames.isEmpty()) {
            err.println("occlude-spark: " + path + ": no frame in the video to map");
            return false;
        }
        try {
            FileSystem fs = new Path(own.video()).getFileSystem(conf);
            write(v, stem, rows.frames, own, fs);
            err.println("occlude-spark: " + path + ": " + rows.frames.size() + " frames in " + v.ranges() + " ranges; "
                    + own.video() + ", " + own.timeline());
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("occlude-spark: " + path + ": cannot assemble its video and timeline (" + Text.oneLine(e) + ")");
            return false;
        }
    }

    private void write(VideoPlan.Video v, String stem, List<Mapped> frames, Outputs own,
                       FileSystem fs) throws IOException {
        java.nio.file.Path temp = Files.createTempDirectory("occlude-spark-video-");
        try {
            List<VideoWriter.Picture> pictures = new ArrayList<>();
            for (Mapped m : frames) {
                String overlay = video.keepFrames() ? m.outputs().overlay()
                        : PictureRows.workOverlay(overlays, stem, m.frame().time());
                pictures.add(VideoWriter.file(LocalCopy.of(new Path(overlay), conf, temp).file()));
            }
            double fps = video.fps() != null ? video.fps() : video.sampling().playbackRate(v.frameRate());
            java.nio.file.Path mp4 = temp.resolve("video.mp4");
            VideoWriter.write(mp4, pictures, fps);
            java.nio.file.Path timeline = temp.resolve("timeline.png");
            OutputFiles.writePng(timeline, TimelineRenderer.render(new Path(v.item().path()).getName(),
                    TimelinePoints.of(frames), classes, v.duration()));
            PictureRows.upload(mp4, new Path(own.video()), conf);
            PictureRows.upload(timeline, new Path(own.timeline()), conf);
            if (!video.keepFrames()) {
                fs.delete(new Path(PictureRows.workOverlay(overlays, stem, 0)).getParent(), true);
            }
        } finally {
            PictureRows.deleteTree(temp);
        }
    }

    /** The paths of the videos with a range in {@code work}. */
    static Set<String> videosIn(List<VideoPlan.Work> work) {
        Set<String> videos = new HashSet<>();
        work.stream().filter(w -> w.range() != null).forEach(w -> videos.add(w.item().path()));
        return videos;
    }
}
