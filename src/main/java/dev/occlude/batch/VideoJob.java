package dev.occlude.batch;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.FileTrees;
import dev.occlude.io.Labels;
import dev.occlude.io.PngFiles;
import dev.occlude.model.ModelException;
import dev.occlude.model.PreparedImage;
import dev.occlude.occlusion.Occluder;
import dev.occlude.render.TimelineRenderer;
import dev.occlude.result.ImageResult;
import dev.occlude.result.ResultCodec;
import dev.occlude.result.VideoRecord;
import dev.occlude.util.Text;
import dev.occlude.video.VideoException;
import dev.occlude.video.VideoFrame;
import dev.occlude.video.VideoReader;
import dev.occlude.video.VideoWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One video through the batch: its sampled frames decoded as a stream, each mapped as an image
 * (or taken from an earlier run when its files are whole and made with the same settings), then
 * the annotated video (NAME.occlusion.mp4) from the frames' overlays, the timeline
 * (NAME.timeline.png) and the video's record, written last. Frames whose files are not kept
 * wait in NAME.frames.partial/ until then. Memory holds one frame and one small point per frame.
 */
final class VideoJob {
    /** What the batch does with one frame: map and emit it, or emit it again from an earlier run. */
    interface Frames {
        /** Maps the frame and emits its line; null when it failed (reported). */
        ImageResult map(Path video, Labels.Entry label, OutputFiles files, VideoFrame frame, PreparedImage prepared,
                        double seconds, UnaryOperator<ImageResult> asFrame) throws ModelException;

        /** Emits a frame's line from an earlier run. */
        void reuse(Path video, ImageResult earlier);

        /** Reports a failure of the video (one line on stderr, one failure line). */
        void fail(Path video, String message);
    }

    private final Occluder occluder;
    private final BatchOptions options;
    private final String settingsKey;
    private final Frames frames;

    VideoJob(Occluder occluder, BatchOptions options, String settingsKey, Frames frames) {
        this.occluder = occluder;
        this.options = options;
        this.settingsKey = settingsKey;
        this.frames = frames;
    }

    /** The video's earlier record when its outputs are whole and were made with the same settings; else null. */
    VideoRecord finished(OutputFiles files) {
        try {
            if (!Files.isRegularFile(files.record())) {
                return null;
            }
            VideoRecord r = ResultCodec.videoFromJson(Files.readString(files.record(), StandardCharsets.UTF_8));
            boolean whole = r.frames() == 0 || PngFiles.isComplete(files.timeline())
                    && Files.isRegularFile(files.video()) && Files.size(files.video()) > 0;
            return whole && settingsKey.equals(r.settings()) && options.video().key().equals(r.videoSettings()) ? r : null;
        } catch (IOException | RuntimeException e) {
            return null; // not a finished video's record: done again
        }
    }

    /** Emits a finished video's frames again (and its error, when it had one); false when it had one. */
    boolean reuse(Input input, VideoRecord earlier) {
        for (ImageResult r : earlier.results()) {
            frames.reuse(input.path(), r);
        }
        if (earlier.error() != null) {
            frames.fail(input.path(), earlier.error());
            return false;
        }
        return true;
    }

    /** Maps the video; false when it failed (reported), even after some frames were mapped. */
    boolean run(Input input, OutputFiles files) throws ModelException {
        Path path = input.path();
        VideoOptions video = options.video();
        boolean kept = video.keepFrames();
        BatchOptions.PixelLimit limit = options.loaderLimit();
        List<ImageResult> lines = new ArrayList<>(); // every frame's line, mapped or not (--only-mistakes)
        String error = null;
        VideoRecord record;
        ImageResult.Outputs own = new ImageResult.Outputs(null, null, null, null, null, files.video().toString(),
                files.timeline().toString());
        try (VideoReader reader = VideoReader.open(path, video.sampling(), limit.pixels(), limit.name())) {
            while (true) {
                long start = System.nanoTime();
                VideoFrame frame;
                try {
                    frame = reader.next();
                } catch (VideoException e) {
                    error = e.getMessage();
                    break;
                }
                if (frame == null) {
                    break;
                }
                OutputFiles ff = files.frame(frame.stamp(), kept);
                ImageResult earlier = earlier(ff);
                if (earlier != null) {
                    frames.reuse(path, earlier);
                    lines.add(earlier);
                    continue;
                }
                PreparedImage prepared = occluder.prepare(frame.image());
                Labels.Entry label = options.labels().map(l -> l.find(path, frame.roundedTime())).orElse(null);
                UnaryOperator<ImageResult> asFrame = r -> {
                    ImageResult f = r.asFrame(path.toString(), frame.index(), frame.roundedTime());
                    if (f.outputs() == null) {
                        return f; // classified, not mapped
                    }
                    return kept ? f.withOutputs(f.outputs().withVideo(own.video(), own.timeline())) : f.withOnlyOutputs(own);
                };
                ImageResult r = frames.map(path, label, ff, frame, prepared, (System.nanoTime() - start) / 1e9, asFrame);
                if (r != null) {
                    lines.add(r);
                }
            }
            List<ImageResult> mapped = lines.stream().filter(r -> r.min() != null).toList();
            record = new VideoRecord(path.toString(), reader.width(), reader.height(), round(reader.duration()),
                    round(reader.frameRate()), video.sampling().label(), video.sampling().from(), video.sampling().to(),
                    mapped.size(), mapped.isEmpty() ? null : new VideoRecord.Outputs(own.video(), own.timeline()), settingsKey,
                    video.key(), error, lines);
            if (!mapped.isEmpty()) {
                double fps = video.fps() != null ? video.fps() : video.sampling().playbackRate(reader.frameRate());
                VideoWriter.write(files.video(), mapped.stream().map(r -> VideoWriter.file(
                        files.frame(VideoFrame.stamp(r.time()), kept).overlay())).toList(), fps);
                OutputFiles.writePng(files.timeline(), TimelineRenderer.render(path.getFileName().toString(),
                        points(mapped), occluder.classes(), reader.duration()));
            }
        } catch (VideoException e) {
            frames.fail(path, e.getMessage());
            return false;
        } catch (IOException e) {
            frames.fail(path, path + ": cannot write outputs (" + Text.oneLine(e) + ")");
            return false;
        }
        try {
            if (!lines.isEmpty()) {
                AtomicFiles.write(files.record(), out -> out.write((ResultCodec.toJson(record) + "\n")
                        .getBytes(StandardCharsets.UTF_8)));
            }
            if (!kept) {
                FileTrees.delete(files.frameWork());
            }
        } catch (IOException e) {
            frames.fail(path, path + ": cannot write outputs (" + Text.oneLine(e) + ")");
            return false;
        }
        if (error != null) {
            frames.fail(path, error);
            return false;
        }
        if (lines.isEmpty()) {
            frames.fail(path, path + ": no frame in " + range(video) + " to map");
            return false;
        }
        return true;
    }

    private static String range(VideoOptions video) {
        var s = video.sampling();
        return s.from() == 0 && s.to() == null ? "the video" : "the time range " + s.from() + " s to "
                + (s.to() == null ? "the end" : s.to() + " s");
    }

    /** A frame's earlier line, when resuming and its files are whole and were made with the same settings. */
    private ImageResult earlier(OutputFiles ff) {
        ImageResult r = options.skipExisting() ? ff.finished(settingsKey) : null;
        return r != null && r.min() != null ? r : null;
    }

    private static List<TimelineRenderer.Point> points(List<ImageResult> mapped) {
        List<TimelineRenderer.Point> points = new ArrayList<>();
        for (ImageResult r : mapped) {
            List<String> classes = new ArrayList<>(r.prediction().probabilities().keySet());
            double clean = r.prediction().probabilities().getOrDefault(r.target(), Double.NaN);
            points.add(new TimelineRenderer.Point(r.time(), clean, r.min().probability(),
                    classes.indexOf(r.prediction().className()), r.target()));
        }
        return points;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
