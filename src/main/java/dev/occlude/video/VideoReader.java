package dev.occlude.video;

import dev.occlude.io.InputFiles;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The sampled frames of a video, decoded one at a time by FFmpeg (JavaCV), so memory holds one
 * frame whatever the video's length. The frame size is checked against the pixel limit before
 * any frame is decoded; {@code --from} seeks (to the first frame at or after it) rather than
 * decoding what comes before. A video that ends before its declared length ends with a
 * {@link VideoException} naming the time of the last frame that could be decoded.
 */
public final class VideoReader implements VideoFrames {
    /** A frame counts as the sample of a time this close before it: timestamps are rounded by the container. */
    private static final double TOLERANCE = 0.001;

    static {
        avutil.av_log_set_level(avutil.AV_LOG_QUIET); // a damaged file is one error line, not FFmpeg's chatter
    }

    private final Path file;
    private final Sampling sampling;
    private final Slots slots;
    private final FFmpegFrameGrabber grabber;
    private int firstIndex = -1;
    private long nextSlot;
    private double lastTime = Double.NaN;
    private boolean ended;

    private VideoReader(Path file, Sampling sampling, Slots slots, FFmpegFrameGrabber grabber) {
        this.file = file;
        this.sampling = sampling;
        this.slots = slots;
        this.grabber = grabber;
        this.nextSlot = slots.first();
    }

    /**
     * A part of the sampling intervals (seconds sampling only): intervals {@code first} to
     * {@code end}, end excluded. A video cut into such parts, each read on its own, gives exactly
     * the frames one reading gives: a part starts at its first interval's start and stops before
     * the next part's.
     *
     * @param first the first interval, from 0
     * @param end the interval after the last one; {@link Long#MAX_VALUE}: to the end
     */
    public record Slots(long first, long end) implements Serializable {
        /** Every interval. */
        public static final Slots ALL = new Slots(0, Long.MAX_VALUE);

        /** Checks the bounds. */
        public Slots {
            if (first < 0 || end <= first) {
                throw new IllegalArgumentException("sampling intervals " + first + " to " + end);
            }
        }
    }

    /**
     * Opens a video and reads its header.
     *
     * @param maxPixels the largest frame accepted
     * @param limitName how the user sets the limit, said in the refusal
     */
    public static VideoReader open(Path file, Sampling sampling, long maxPixels, String limitName) throws VideoException {
        return open(file, sampling, Slots.ALL, maxPixels, limitName);
    }

    /**
     * Opens a video to read a part of its sampling intervals (seconds sampling), seeking to the
     * part's start.
     */
    public static VideoReader open(Path file, Sampling sampling, Slots slots, long maxPixels, String limitName)
            throws VideoException {
        if (!slots.equals(Slots.ALL) && sampling.seconds() == null) {
            throw new IllegalArgumentException("a video sampled by frame count is read whole");
        }
        String problem = InputFiles.problem(file, "a video");
        if (problem != null) {
            throw new VideoException(problem);
        }
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setPixelFormat(avutil.AV_PIX_FMT_BGR24); // what copy() reads, whatever the video's own format
        try {
            DecodeCount.opened();
            g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(g);
            throw new VideoException(file + ": not a video FFmpeg can read");
        }
        VideoReader reader = new VideoReader(file, sampling, slots, g);
        try {
            if (!g.hasVideo() || g.getImageWidth() <= 0 || g.getImageHeight() <= 0) {
                throw new VideoException(file + ": has no video stream");
            }
            long pixels = (long) g.getImageWidth() * g.getImageHeight();
            if (pixels > maxPixels) {
                throw new VideoException(String.format(Locale.ROOT, "%s: frames of %dx%d = %d pixels exceed %s %d",
                        file, g.getImageWidth(), g.getImageHeight(), pixels, limitName, maxPixels));
            }
            double start = reader.start();
            if (start > 0) {
                // a little before a part's start: a frame just before it may still be its first sample
                g.setTimestamp(Math.round((slots.first() > 0 ? start - 2 * TOLERANCE : start) * 1e6));
            }
        } catch (FrameGrabber.Exception | RuntimeException e) {
            reader.close();
            throw new VideoException(file + ": cannot go to " + seconds(reader.start()) + " (" + e.getMessage() + ")");
        } catch (VideoException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    /** A video's frame size, read from its header; empty when the file is not a video that can be read. */
    public static Optional<Dimension> probeSize(Path file) {
        if (!VideoFormat.isVideo(file)) {
            return Optional.empty();
        }
        try (VideoReader r = open(file, Sampling.DEFAULT, Long.MAX_VALUE, "")) {
            return Optional.of(new Dimension(r.width(), r.height()));
        } catch (VideoException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The frames' width in pixels. */
    @Override
    public int width() {
        return grabber.getImageWidth();
    }

    /** The frames' height in pixels. */
    @Override
    public int height() {
        return grabber.getImageHeight();
    }

    /** Frames per second as the container declares it (0 when it does not). */
    @Override
    public double frameRate() {
        return grabber.getFrameRate();
    }

    /** The declared length in seconds (0 when unknown). */
    @Override
    public double duration() {
        return Math.max(0, grabber.getLengthInTime() / 1e6);
    }

    /**
     * The next sampled frame, or null after the last one.
     *
     * @throws VideoException when the video cannot be decoded further before its declared end
     */
    @Override
    public VideoFrame next() throws VideoException {
        while (!ended) {
            Frame f;
            try {
                f = grabber.grabImage();
                DecodeCount.decoded();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                ended = true;
                throw damaged();
            }
            if (f == null || f.image == null) {
                ended = true;
                if (cutShort()) {
                    throw damaged();
                }
                return null;
            }
            double time = f.timestamp / 1e6;
            if (time < start() - TOLERANCE) {
                continue; // before the range: the seek lands on a key frame
            }
            if (sampling.to() != null && time > sampling.to() + TOLERANCE
                    || slots.end() != Long.MAX_VALUE && time >= sampling.slotTime(slots.end()) - TOLERANCE) {
                ended = true;
                return null;
            }
            lastTime = time;
            int index = grabber.getFrameNumber();
            if (taken(index, time)) {
                return new VideoFrame(index, time, copy(f));
            }
        }
        return null;
    }

    private boolean taken(int index, double time) {
        if (firstIndex < 0) {
            firstIndex = index;
        }
        if (sampling.frames() != null) {
            return (index - firstIndex) % sampling.frames() == 0;
        }
        double slot = sampling.slotTime(nextSlot);
        if (time < slot - TOLERANCE) {
            return false;
        }
        // the next slot after this frame's time: a gap in the video skips the slots it covers
        nextSlot = (long) Math.floor((time + TOLERANCE - sampling.from()) / sampling.seconds()) + 1;
        return true;
    }

    /** Where reading starts: the range's start, or the part's first interval. */
    private double start() {
        return slots.first() == 0 ? sampling.from() : sampling.slotTime(slots.first());
    }

    /** Whether decoding stopped clearly before the declared length (more than two frames' time short). */
    private boolean cutShort() {
        double length = duration();
        if (length <= 0) {
            return false;
        }
        double end = sampling.to() != null ? Math.min(sampling.to(), length) : length;
        if (slots.end() != Long.MAX_VALUE) {
            end = Math.min(end, sampling.slotTime(slots.end()));
        }
        double frame = frameRate() > 0 ? 1 / frameRate() : 0.1;
        double reached = Double.isNaN(lastTime) ? start() - frame : lastTime;
        return reached + 2 * frame < end;
    }

    private VideoException damaged() {
        String declared = seconds(duration()) + " declared; cut short or damaged";
        return new VideoException(Double.isNaN(lastTime)
                ? String.format(Locale.ROOT, "%s: no frame could be decoded%s (%s)", file,
                        start() > 0 ? " from " + seconds(start()) : "", declared)
                : String.format(Locale.ROOT, "%s: decoding stopped after %s (%s)", file, seconds(lastTime), declared));
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    /**
     * The frame's BGR24 pixels in an image of its own, in the type images have. Read here row by row
     * with the frame's own stride: JavaCV's converter takes the channel count to be the stride over
     * the width, which for narrow frames (FFmpeg pads rows for alignment: a 96-pixel row of 288 bytes
     * is 384) gives 4 and reads every pixel wrong.
     */
    private static BufferedImage copy(Frame f) {
        int w = f.imageWidth;
        int h = f.imageHeight;
        ByteBuffer bytes = (ByteBuffer) f.image[0];
        int stride = f.imageStride; // bytes per row, for 8-bit samples
        if (f.imageDepth != Frame.DEPTH_UBYTE || stride < 3 * w) {
            throw new IllegalStateException("FFmpeg gave a frame of depth " + f.imageDepth + ", stride " + stride
                    + " for " + w + " BGR pixels");
        }
        int[] rgb = new int[w * h];
        byte[] row = new byte[3 * w];
        for (int y = 0; y < h; y++) {
            bytes.get(y * stride, row, 0, row.length);
            for (int x = 0; x < w; x++) {
                rgb[y * w + x] = (row[3 * x + 2] & 0xff) << 16 | (row[3 * x + 1] & 0xff) << 8 | row[3 * x] & 0xff;
            }
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, w, h, rgb, 0, w);
        return image;
    }

    @Override
    public void close() {
        closeQuietly(grabber);
    }

    private static void closeQuietly(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            // nothing left to read from it
        }
    }
}
