package dev.occlude.spark;

import dev.occlude.io.FileTrees;
import dev.occlude.io.Labels;
import dev.occlude.model.preprocess.PreparedImage;
import dev.occlude.model.score.ModelException;
import dev.occlude.occlusion.Occluder;
import dev.occlude.picture.FrameCaption;
import dev.occlude.picture.ImageMapper;
import dev.occlude.picture.MapListener;
import dev.occlude.picture.OutputFiles;
import dev.occlude.picture.PictureMapper;
import dev.occlude.result.Failed;
import dev.occlude.result.Frame;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.Outputs;
import dev.occlude.result.ResultCodec;
import dev.occlude.result.Source;
import dev.occlude.util.Text;
import dev.occlude.video.VideoFrame;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * On an executor, one decoded picture (an image, or a video's sampled frame) mapped with the
 * CLI's library into its table row: the CLI's JSON line, the main map and, for a frame, the video's
 * range it belongs to. Its pictures are written to a temporary folder, then copied
 * to OUT/overlays under the CLI's names, each to a temporary name and renamed, so that a retried
 * task replaces them whole.
 */
final class PictureRows implements PictureStep {
    /** Which pictures are kept and where; what the row's outputs then name. */
    enum Pictures {
        /** None: the map is in the row. */
        NONE,
        /** Every picture but the .npy maps, in OUT/overlays as the CLI names them. */
        ALL,
        /**
         * A video's frame with --frames: its pictures as {@link #ALL}, and the outputs name the
         * video's annotated MP4 and timeline too.
         */
        FRAME_KEPT,
        /**
         * A video's frame without --frames: only the overlay, which the annotated MP4 is made of, in
         * the video's work folder OUT/overlays/NAME.frames.partial/ until the video is assembled.
         */
        FRAME_WORK
    }

    private final PictureMapper step;
    private final Occluder occluder;
    private final Labels labels;
    private final Configuration conf;
    private final java.nio.file.Path temp;
    private final String overlays;

    /**
     * @param step the per-picture step of this model and settings (mistakes told apart by the job's rules)
     * @param labels the labels the driver sent, parsed; null for none
     * @param temp the task's own temporary folder
     * @param overlays the qualified OUT/overlays directory
     */
    PictureRows(PictureMapper step, Occluder occluder, Labels labels, Configuration conf, java.nio.file.Path temp,
                String overlays) {
        this.step = step;
        this.occluder = occluder;
        this.labels = labels;
        this.conf = conf;
        this.temp = temp;
        this.overlays = overlays;
    }

    @Override
    public Row map(String path, String stem, BufferedImage image, Frame frame, String range, Source source,
                   Pictures pictures, double seconds) {
        return map(path, stem, image, frame, range, source, pictures, seconds, (o, i, scan) -> { });
    }

    @Override
    public Row failed(String path, String message, String range) {
        return failure(path, message, range);
    }

    /**
     * As {@link #map(String, String, BufferedImage, Frame, String, Source, Pictures, double)}, the
     * maps told to {@code listener}: the shared per-picture step ({@link PictureMapper}: label,
     * target, maps, labelling) with the row's own finish (a frame's time, the source, the pictures
     * copied to OUT/overlays).
     */
    Row map(String path, String stem, BufferedImage image, Frame frame, String range, Source source,
            Pictures pictures, double seconds, MapListener listener) {
        long start = System.nanoTime();
        // what a failure names: the input, and for a frame its index and time, as the CLI says it
        String where = frame == null ? path : path + ": frame " + frame.index() + " at "
                + String.format(Locale.ROOT, "%.3f s", frame.time());
        try {
            PreparedImage prepared = occluder.prepare(image);
            // the input's whole path, so that a row names it as it names the CLI's (Labels: by the path's ending)
            java.nio.file.Path named = java.nio.file.Path.of(new Path(path).toUri().getPath());
            Labels.Entry entry = labels == null ? null : frame == null ? labels.find(named) : labels.find(named, frame.time());
            String fileStem = frame == null ? stem : stem + "." + VideoFrame.stamp(frame.time());
            java.nio.file.Path dir = Files.createTempDirectory(temp, "picture-");
            try {
                OutputFiles files = OutputFiles.forStem(java.nio.file.Path.of(fileStem), dir);
                ImageMapper.Result[] main = new ImageMapper.Result[1];
                step.listen((o, i, m) -> {
                    main[0] = m;
                    listener.mapped(o, i, m);
                });
                Outcome r = step.map(path, entry, Optional.empty(), files, image, prepared,
                        frame == null ? FrameCaption.IMAGE : FrameCaption.of(frame.index(), frame.time()),
                        seconds + (System.nanoTime() - start) / 1e9, o -> {
                            Mapped m = (Mapped) o;
                            try {
                                return outputs((frame == null ? m : m.asFrame(path, frame)).withSource(source), stem,
                                        dir, files, pictures);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                if (r instanceof Failed f) {
                    return failure(path, where + (f.error().startsWith(path + ":") ? f.error().substring(path.length())
                            : ": " + f.error()), range);
                }
                ImageMapper.Result m = main[0];
                return RowFactory.create(path, ResultCodec.toLine(r), m.map(), m.height(), m.width(), range);
            } finally {
                deleteTree(dir);
            }
        } catch (OutOfMemoryError e) {
            return failure(path, where + ": out of memory while mapping it (give the executors more memory, or lower "
                    + "--max-pixels)", range);
        } catch (ModelException | IOException | RuntimeException e) {
            return failure(path, where + ": cannot map (" + Text.oneLine(e) + ")", range);
        }
    }

    /** A failure row: the CLI's failure line, no map. */
    static Row failure(String path, String message, String range) {
        return RowFactory.create(path, ResultCodec.toLine(new Failed(path, Text.oneLine(message))),
                null, null, null, range);
    }

    /** A video's annotated MP4 and timeline in OUT/overlays, as the CLI names them. */
    static Outputs videoOutputs(String overlays, String stem) {
        OutputFiles own = OutputFiles.forStem(java.nio.file.Path.of(stem), java.nio.file.Path.of(""));
        return Outputs.ofVideo(overlays + "/" + slashes(own.video()), overlays + "/" + slashes(own.timeline()));
    }

    /** Where a video frame's overlay waits for the video's assembly (without --frames). */
    static String workOverlay(String overlays, String stem, double time) {
        OutputFiles own = OutputFiles.forStem(java.nio.file.Path.of(stem), java.nio.file.Path.of(""));
        return overlays + "/" + slashes(own.frame(VideoFrame.stamp(time), false).overlay());
    }

    /** The outcome's output paths made true: copied to OUT/overlays and named there, or none. */
    private Mapped outputs(Mapped outcome, String stem, java.nio.file.Path dir, OutputFiles files, Pictures pictures)
            throws IOException {
        switch (pictures) {
            case NONE:
                return outcome.withOutputs(null, o -> null);
            case FRAME_WORK: {
                String target = workOverlay(overlays, stem, outcome.frame().time());
                upload(files.overlay(), new Path(target), conf);
                return outcome.withOutputs(videoOutputs(overlays, stem), o -> null);
            }
            default:
                List<java.nio.file.Path> made;
                try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
                    made = s.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".npy")).toList();
                }
                for (java.nio.file.Path f : made) {
                    upload(f, new Path(overlays + "/" + relative(dir, f)), conf);
                }
                UnaryOperator<Outputs> moved = o -> o.map(p -> p.endsWith(".npy") ? null
                        : overlays + "/" + relative(dir, java.nio.file.Path.of(p)));
                Outputs main = moved.apply(outcome.outputs());
                if (pictures == Pictures.FRAME_KEPT) {
                    Outputs video = videoOutputs(overlays, stem);
                    main = main.withVideo(video.video(), video.timeline());
                }
                return outcome.withOutputs(main, moved);
        }
    }

    private static String relative(java.nio.file.Path dir, java.nio.file.Path file) {
        return slashes(dir.relativize(file));
    }

    private static String slashes(java.nio.file.Path p) {
        return p.toString().replace('\\', '/');
    }

    /** Copies a local file to the output file system: a temporary name, then a rename over the target. */
    static void upload(java.nio.file.Path local, Path target, Configuration conf) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        fs.setWriteChecksum(false); // no .crc beside each picture on a local disk
        Path tmp = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        fs.mkdirs(target.getParent());
        try (OutputStream out = fs.create(tmp, true)) {
            Files.copy(local, out);
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + target);
        }
    }

    static void deleteTree(java.nio.file.Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            // a temporary folder left behind is the executor's to clean
        }
    }
}
