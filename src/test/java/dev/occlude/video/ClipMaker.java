package dev.occlude.video;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Makes test and benchmark videos from still pictures: each picture held for a number of frames,
 * cut to even sides (H.264 in yuv420p needs them), encoded as H.264 MP4 with its index first, so
 * that a copy cut short still opens and decodes up to the cut. It lives beside the tests, not in
 * the tool's jar: only tests, benchmarks and scripts/docs-pictures (through scripts/bench-classes)
 * make clips.
 */
public final class ClipMaker {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private ClipMaker() {}

    /**
     * {@code ClipMaker OUT.mp4 SECONDS_EACH FPS PICTURE...}: a clip showing each picture in turn for
     * SECONDS_EACH seconds (scripts/docs-pictures makes its example drive with it).
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 4) {
            System.err.println("usage: ClipMaker OUT.mp4 SECONDS_EACH FPS PICTURE...");
            System.exit(2);
        }
        double fps = Double.parseDouble(args[2]);
        int hold = (int) Math.round(Double.parseDouble(args[1]) * fps);
        List<BufferedImage> pictures = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            pictures.add(ImageIO.read(Path.of(args[i]).toFile()));
        }
        stills(Path.of(args[0]), pictures, hold, hold * pictures.size(), fps);
    }

    /** Supplies frame {@code i} of the clip. */
    @FunctionalInterface
    public interface Frames {
        /** The picture of frame {@code i}. */
        BufferedImage frame(int i);
    }

    /** Writes {@code count} frames at {@code fps}, each picture held for {@code hold} frames, in turn. */
    public static void stills(Path out, List<BufferedImage> pictures, int hold, int count, double fps) throws IOException {
        BufferedImage first = pictures.get(0);
        write(out, first.getWidth() & ~1, first.getHeight() & ~1, count, fps,
                i -> pictures.get(i / hold % pictures.size()));
    }

    /** Writes {@code count} frames of {@code width}x{@code height} (even) at {@code fps}, H.264 in MP4. */
    public static void write(Path out, int width, int height, int count, double fps, Frames frames) throws IOException {
        write(out, "mp4", avcodec.AV_CODEC_ID_H264, width, height, count, fps, frames);
    }

    /**
     * Writes {@code count} frames in another container and codec: FFmpeg's format name
     * ({@code matroska}, {@code mov}, {@code avi}, {@code webm}, {@code mpegts}) and codec id.
     */
    public static void write(Path out, String format, int codec, int width, int height, int count, double fps,
                             Frames frames) throws IOException {
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            // JavaCV's recorder corrupts the heap converting an odd width or height to 4:2:0
            throw new IllegalArgumentException("ClipMaker writes even sizes of 2 pixels and more, got " + width + "x"
                    + height + " (the ffmpeg command line makes odd sizes)");
        }
        Java2DFrameConverter converter = new Java2DFrameConverter();
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(out.toFile(), width, height, 0)) {
            r.setFormat(format);
            r.setVideoCodec(codec);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(fps);
            r.setVideoBitrate(Math.max(500_000, width * height * 4));
            if (format.equals("mp4") || format.equals("mov")) {
                r.setOption("movflags", "+faststart");
            }
            r.start();
            for (int i = 0; i < count; i++) {
                Graphics2D g = canvas.createGraphics();
                g.drawImage(frames.frame(i), 0, 0, null);
                g.dispose();
                r.record(converter.convert(canvas));
            }
            r.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException(out + ": cannot encode (" + e.getMessage() + ")", e);
        }
    }
}
