package dev.occlude.spark;

import dev.occlude.io.PixelLimit;
import dev.occlude.video.Sampling;
import dev.occlude.video.VideoException;
import dev.occlude.video.VideoOptions;
import dev.occlude.video.VideoReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * On the driver, the job's work: each image one task item, each video cut into ranges of whole
 * sampling intervals of about {@code --video-range} seconds (read from its header: length and
 * frame rate), one task item each. A video sampled every Nth frame is one range, since its frames
 * are counted from the first one read. A video whose header cannot be read is one failure.
 */
final class VideoPlan {
    /**
     * One task item: an image, or a range of a video.
     *
     * @param range the range as the table keeps it ({@link VideoPlan#range}); null for an image
     * @param slots the range's sampling intervals; null for an image
     */
    record Work(InputListing.Item item, String range, VideoReader.Slots slots) implements Serializable {
        /** How the table knows it is done: the image, or the video and the range. */
        String key() {
            return range == null ? item.path() : key(item.path(), range);
        }

        static String key(String video, String range) {
            return video + "#" + range;
        }
    }

    /** What the driver read of a video's header, and its ranges. */
    record Video(InputListing.Item item, double duration, double frameRate, int ranges) {}

    /**
     * A range as the table keeps it: its number and count, and what made the cut (sampling, range
     * length, frames kept, frame rate), so that a resumed job with other video options maps again.
     */
    static String range(int k, int count, String cut) {
        return (k + 1) + " of " + count + ": " + cut;
    }

    /** What a range's label says after its number: whether a row belongs to this job's cut of its video. */
    static String cut(VideoOptions options, double rangeSeconds) {
        return options.key() + " in ranges of " + rangeSeconds + " s";
    }

    private final List<Work> work = new ArrayList<>();
    private final Map<String, Video> videos = new LinkedHashMap<>();

    /** The items listed, videos cut into ranges. */
    static VideoPlan of(List<InputListing.Item> items, VideoOptions options, double rangeSeconds,
                        PixelLimit limit, Configuration conf) throws IOException {
        VideoPlan plan = new VideoPlan();
        java.nio.file.Path temp = null;
        try {
            for (InputListing.Item i : items) {
                if (!i.video() || i.problem() != null) {
                    plan.work.add(new Work(i, null, null));
                    continue;
                }
                if (temp == null) {
                    temp = Files.createTempDirectory("occlude-spark-probe-");
                }
                plan.add(i, options.sampling(), cut(options, rangeSeconds), rangeSeconds, limit, conf, temp);
            }
        } finally {
            if (temp != null) {
                PictureRows.deleteTree(temp);
            }
        }
        return plan;
    }

    private void add(InputListing.Item i, Sampling sampling, String cut, double rangeSeconds,
                     PixelLimit limit, Configuration conf, java.nio.file.Path temp)
            throws IOException {
        double duration;
        double frameRate;
        try {
            LocalCopy copy = LocalCopy.of(new Path(i.path()), conf, temp);
            try (VideoReader r = VideoReader.open(copy.file(), sampling, limit.pixels(), limit.name())) {
                duration = r.duration();
                frameRate = r.frameRate();
            } finally {
                if (copy.temporary()) {
                    Files.deleteIfExists(copy.file());
                }
            }
        } catch (VideoException e) {
            // named by its local copy when it was copied: say it under its own name
            String local = e.getMessage().indexOf(": ") > 0 ? e.getMessage().substring(e.getMessage().indexOf(": ") + 2)
                    : e.getMessage();
            work.add(new Work(new InputListing.Item(i.path(), i.stem(), i.named(), i.path() + ": " + local, true), null,
                    null));
            return;
        }
        List<VideoReader.Slots> parts = parts(sampling, duration, rangeSeconds);
        for (int k = 0; k < parts.size(); k++) {
            work.add(new Work(i, range(k, parts.size(), cut), parts.get(k)));
        }
        videos.put(i.path(), new Video(i, duration, frameRate, parts.size()));
    }

    /**
     * The sampling intervals up to the video's end (its declared length, or --to) in parts of
     * about {@code rangeSeconds}; the last part runs on to the end, whatever the declared length.
     */
    static List<VideoReader.Slots> parts(Sampling sampling, double duration, double rangeSeconds) {
        if (sampling.seconds() == null || duration <= 0) {
            return List.of(VideoReader.Slots.ALL);
        }
        double end = sampling.to() != null ? Math.min(sampling.to(), duration) : duration;
        long intervals = Math.max(1, (long) Math.ceil((end - sampling.from()) / sampling.seconds()));
        long per = Math.max(1, Math.round(rangeSeconds / sampling.seconds()));
        List<VideoReader.Slots> parts = new ArrayList<>();
        for (long first = 0; first < intervals; first += per) {
            parts.add(new VideoReader.Slots(first, first + per >= intervals ? Long.MAX_VALUE : first + per));
        }
        return parts;
    }

    /** Every task item, in the listing's order. */
    List<Work> work() {
        return work;
    }

    /** The videos whose header was read, by path. */
    Map<String, Video> videos() {
        return videos;
    }
}
