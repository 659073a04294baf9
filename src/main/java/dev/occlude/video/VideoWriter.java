package dev.occlude.video;

import dev.occlude.io.AtomicFiles;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Pictures in, an H.264 MP4 out that browsers play: yuv420p, even sides (an odd side gets one
 * black row or column; a smaller picture, black to the right and below), the index at the front ({@code faststart}). Pictures are read one at a
 * time, so memory does not grow with the count. The file appears whole or not at all: it is
 * encoded into a temporary file beside it and then moved into place atomically.
 */
public final class VideoWriter {
    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET);
    }

    private VideoWriter() {}

    /** A picture to add, read when its turn comes. */
    public interface Picture {
        /** Reads the frame's picture. */
        BufferedImage read() throws IOException;

        /** Its size, read without decoding it where that can be done. */
        default Dimension size() throws IOException {
            BufferedImage image = read();
            return new Dimension(image.getWidth(), image.getHeight());
        }
    }

    /** A picture stored as a file (a frame's overlay PNG). */
    public static Picture file(Path png) {
        return new Picture() {
            @Override
            public BufferedImage read() throws IOException {
                BufferedImage image = ImageIO.read(png.toFile());
                if (image == null) {
                    throw new IOException(png + ": not a readable picture");
                }
                return image;
            }

            @Override
            public Dimension size() throws IOException {
                try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
                    Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
                    if (readers == null || !readers.hasNext()) {
                        throw new IOException(png + ": not a readable picture");
                    }
                    ImageReader reader = readers.next();
                    try {
                        reader.setInput(in);
                        return new Dimension(reader.getWidth(0), reader.getHeight(0));
                    } finally {
                        reader.dispose();
                    }
                }
            }
        };
    }

    /**
     * Writes the pictures as a video at {@code fps} frames a second, each at its own size in the
     * top-left corner of a frame as large as the largest (overlays' legends can differ in height).
     */
    public static void write(Path target, List<Picture> pictures, double fps) throws IOException {
        if (pictures.isEmpty()) {
            throw new IOException(target + ": no frames to write");
        }
        AtomicFiles.writeFile(target, temp -> encode(temp, pictures, fps));
    }

    private static void encode(Path file, List<Picture> pictures, double fps) throws IOException {
        int largestWidth = 0;
        int largestHeight = 0;
        for (Picture p : pictures) {
            Dimension d = p.size();
            largestWidth = Math.max(largestWidth, d.width);
            largestHeight = Math.max(largestHeight, d.height);
        }
        int width = largestWidth + largestWidth % 2;
        int height = largestHeight + largestHeight % 2;
        Java2DFrameConverter converter = new Java2DFrameConverter();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize(Math.max(1, (int) Math.round(fps * 2))); // a key frame every two seconds: seeking stays quick
            // about 2 bits per pixel and frame: the heat map's edges and the legend's text stay sharp
            recorder.setVideoBitrate((int) Math.min(20_000_000L, Math.max(500_000L, (long) (width * (double) height * 2 * fps))));
            recorder.setOption("movflags", "+faststart");
            recorder.start();
            BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            for (int i = 0; i < pictures.size(); i++) {
                BufferedImage picture = pictures.get(i).read();
                Graphics2D g = canvas.createGraphics();
                g.setColor(Color.BLACK);
                g.fillRect(0, 0, width, height);
                g.drawImage(picture, 0, 0, null);
                g.dispose();
                recorder.record(converter.convert(canvas));
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IOException("cannot encode the video (" + e.getMessage() + ")", e);
        }
    }
}
