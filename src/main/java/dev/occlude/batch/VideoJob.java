package dev.occlude.batch;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.FileTrees;
import dev.occlude.io.InputFiles;
import dev.occlude.io.Labels;
import dev.occlude.io.PixelLimit;
import dev.occlude.io.PngFiles;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import dev.occlude.occlusion.Occluder;
import dev.occlude.picture.FrameCaption;
import dev.occlude.picture.OutputFiles;
import dev.occlude.picture.PictureMapper;
import dev.occlude.render.TimelineRenderer;
import dev.occlude.report.TimelinePoints;
import dev.occlude.result.Failed;
import dev.occlude.result.Frame;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.Outputs;
import dev.occlude.result.ResultCodec;
import dev.occlude.result.Source;
import dev.occlude.result.VideoRecord;
import dev.occlude.util.Text;
import dev.occlude.video.VideoException;
import dev.occlude.video.VideoFrame;
import dev.occlude.video.VideoFrames;
import dev.occlude.video.VideoOptions;
import dev.occlude.video.VideoReader;
import dev.occlude.video.VideoWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * One video through the batch: its sampled frames decoded as a stream, each mapped as an image
 * (or taken from an earlier run when its files are whole and made with the same settings), then
 * the annotated video (NAME.occlusion.mp4) from the frames' overlays, the timeline
 * (NAME.timeline.png) and the video's record, written last. Frames whose files are not kept
 * wait in NAME.frames.partial/ until then. Memory holds one frame and one small point per frame.
 */
final class VideoJob {
    /** Where a video's frames come from: the opener's reader, or (occlude compare) another run's frames. */
    @FunctionalInterface
    interface FrameSource {
        VideoFrames frames(Lockstep.Opener opener) throws VideoException;
    }

    /** Gives an outcome to the run's sinks; false when it is a failure. */
    @FunctionalInterface
    interface Emit {
        boolean emit(Outcome outcome);
    }

    private final Occluder occluder;
    private final BatchOptions options;
    private final String settingsKey;
    private final PictureMapper pictures;
    private final Emit emit;

    VideoJob(Occluder occluder, BatchOptions options, String settingsKey, PictureMapper pictures, Emit emit) {
        this.occluder = occluder;
        this.options = options;
        this.settingsKey = settingsKey;
        this.pictures = pictures;
        this.emit = emit;
    }

    /**
     * The video's earlier record when its outputs are whole and were made with the same settings
     * from the same file, unchanged since; else null.
     */
    VideoRecord finished(Input input, OutputFiles files) {
        try {
            if (!Files.isRegularFile(files.record())) {
                return null;
            }
            VideoRecord r = ResultCodec.videoFromJson(Files.readString(files.record(), StandardCharsets.UTF_8));
            boolean whole = r.frames() == 0 || PngFiles.isComplete(files.timeline())
                    && Files.isRegularFile(files.video()) && Files.size(files.video()) > 0;
            return whole && settingsKey.equals(r.settings()) && options.video().key().equals(r.videoSettings())
                    && r.source() != null && r.source().matches(input.path()) ? r : null;
        } catch (IOException | RuntimeException e) {
            return null; // not a finished video's record: done again
        }
    }

    /** Emits a finished video's frames again, labelled by {@code labels} (and its error, when it had one); false when it had one. */
    boolean reuse(Input input, VideoRecord earlier, Labels.ForInput labels) {
        for (Outcome r : earlier.results()) {
            Double time = r.frame() != null ? r.frame().time() : null;
            emit.emit(pictures.resumed(r, options.labels().isPresent(), labels.at(time)));
        }
        return earlier.error() == null || fail(input.path(), earlier.error());
    }

    /**
     * Maps the video; false when it failed (reported), even after some frames were mapped. A video
     * with a frame that failed is not finished: its record, annotated video and timeline wait
     * until a run (with --skip-existing) maps every frame; one line says how many failed and why.
     * Its frames come from {@code frames}, given the reader to open.
     */
    boolean run(Input input, OutputFiles files, Labels.ForInput labels, FrameSource frames) throws ModelException {
        Path path = input.path();
        Source source;
        try {
            source = Source.of(path);
        } catch (IOException e) {
            return fail(path, InputFiles.unreadable(path, "a video", e));
        }
        int failedFrames = 0;
        String firstFailure = null;
        VideoOptions video = options.video();
        boolean kept = video.keepFrames();
        PixelLimit limit = options.loaderLimit();
        List<Outcome> lines = new ArrayList<>(); // every frame's line, mapped or not (--only-mistakes)
        String error = null;
        VideoRecord record;
        Outputs own = Outputs.ofVideo(files.video().toString(), files.timeline().toString());
        try (VideoFrames reader = frames.frames(() -> VideoReader.open(path, video.sampling(), limit.pixels(), limit.name()))) {
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
                Path foreign = ff.foreign();
                if (foreign != null) {
                    failedFrames++;
                    firstFailure = firstFailure != null ? firstFailure : String.format(Locale.ROOT,
                            "frame %d at %.3f s: its output %s exists and is not this tool's", frame.index(),
                            frame.roundedTime(), foreign);
                    continue;
                }
                Outcome earlier = earlier(ff, source);
                if (earlier != null) {
                    emit.emit(pictures.resumed(earlier, options.labels().isPresent(), labels.at(earlier.frame().time())));
                    lines.add(earlier);
                    continue;
                }
                PreparedImage prepared = occluder.prepare(frame.image());
                Labels.Entry label = labels.at(frame.roundedTime());
                UnaryOperator<Outcome> asFrame = r -> {
                    Outcome f = r.asFrame(path.toString(), new Frame(frame.index(), frame.roundedTime()));
                    if (!(f instanceof Mapped m)) {
                        return f; // classified, not mapped
                    }
                    Mapped s = m.withSource(source);
                    return kept ? s.withOutputs(s.outputs().withVideo(own.video(), own.timeline()), o -> o)
                            : s.withOutputs(own, o -> null);
                };
                Outcome r = pictures.map(path.toString(), label, options.regions().of(path), ff, frame.image(), prepared,
                        FrameCaption.of(frame.index(), frame.roundedTime()),
                        (System.nanoTime() - start - reader.waitedNanos()) / 1e9, asFrame);
                if (r instanceof Failed f) {
                    failedFrames++;
                    firstFailure = firstFailure != null ? firstFailure : String.format(Locale.ROOT,
                            "frame %d at %.3f s: %s", frame.index(), frame.roundedTime(),
                            f.error().startsWith(path + ": ") ? f.error().substring(path.toString().length() + 2)
                                    : f.error());
                } else {
                    emit.emit(r);
                    lines.add(r);
                }
            }
            if (failedFrames > 0) {
                return fail(path, path + ": " + failedFrames + " of " + (failedFrames + lines.size())
                        + " sampled frames failed (first " + firstFailure + "); the video is not finished: "
                        + "its other frames are kept, and --skip-existing redoes only the failed ones");
            }
            List<Mapped> mapped = lines.stream().filter(Mapped.class::isInstance).map(Mapped.class::cast).toList();
            record = new VideoRecord(path.toString(), reader.width(), reader.height(), round(reader.duration()),
                    round(reader.frameRate()), video.sampling().label(), video.sampling().from(), video.sampling().to(),
                    mapped.size(), mapped.isEmpty() ? null : new VideoRecord.VideoFiles(own.video(), own.timeline()), settingsKey,
                    video.key(), error, lines, source);
            if (!mapped.isEmpty()) {
                double fps = video.fps() != null ? video.fps() : video.sampling().playbackRate(reader.frameRate());
                VideoWriter.write(files.video(), mapped.stream().map(r -> VideoWriter.file(
                        files.frame(VideoFrame.stamp(r.frame().time()), kept).overlay())).toList(), fps);
                OutputFiles.writePng(files.timeline(), TimelineRenderer.render(path.getFileName().toString(),
                        TimelinePoints.of(mapped), occluder.classes(), reader.duration()));
            }
        } catch (VideoException e) {
            fail(path, e.getMessage());
            return false;
        } catch (IOException e) {
            fail(path, path + ": cannot write outputs (" + Text.oneLine(e) + ")");
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
            fail(path, path + ": cannot write outputs (" + Text.oneLine(e) + ")");
            return false;
        }
        if (error != null) {
            fail(path, error);
            return false;
        }
        if (lines.isEmpty()) {
            fail(path, path + ": no frame in " + range(video) + " to map");
            return false;
        }
        return true;
    }

    private static String range(VideoOptions video) {
        var s = video.sampling();
        return s.from() == 0 && s.to() == null ? "the video" : "the time range " + s.from() + " s to "
                + (s.to() == null ? "the end" : s.to() + " s");
    }

    /**
     * A frame's earlier outcome, when resuming and its files are whole and were made with the same
     * settings from the same video file.
     */
    private Outcome earlier(OutputFiles ff, Source source) {
        Outcome r = options.skipExisting() ? ff.finished(settingsKey) : null;
        return r instanceof Mapped m && source.equals(m.source()) ? r : null;
    }

    /** Reports a failure of the video (one line on stderr, one failure line); returns false. */
    private boolean fail(Path video, String message) {
        return emit.emit(new Failed(video.toString(), message));
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
