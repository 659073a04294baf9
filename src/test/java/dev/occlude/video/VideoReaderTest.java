package dev.occlude.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampling, seeking, damage and refusals, on a clip made from the shipped frames. */
class VideoReaderTest {
    @TempDir
    static Path tmp;

    static Path clip;

    @BeforeAll
    static void makeClip() throws IOException {
        clip = Clips.drive(tmp);
    }

    private static List<VideoFrame> read(Path file, Sampling sampling) throws VideoException {
        List<VideoFrame> frames = new ArrayList<>();
        try (VideoReader r = VideoReader.open(file, sampling, Long.MAX_VALUE, "--max-pixels")) {
            for (VideoFrame f = r.next(); f != null; f = r.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    private static List<VideoFrame> read(Path file, Sampling sampling, VideoReader.Slots slots) throws VideoException {
        List<VideoFrame> frames = new ArrayList<>();
        try (VideoReader r = VideoReader.open(file, sampling, slots, Long.MAX_VALUE, "--max-pixels")) {
            for (VideoFrame f = r.next(); f != null; f = r.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    @Test
    void aVideoReadInPartsOfItsSamplingIntervalsGivesTheFramesOfOneReading() throws Exception {
        // 4 frames a second: frames fall exactly on the 0.5 s and 1 s interval starts, and 0.3 s leaves gaps
        for (Sampling s : List.of(Sampling.every("0.5s", 0, null), Sampling.every("0.25s", 0, null),
                Sampling.every("0.3s", 0.7, 2.6), Sampling.every("1s", 0.1, null), Sampling.every("0.2s", 0, null))) {
            List<VideoFrame> whole = read(clip, s);
            for (int per = 1; per <= 3; per++) {
                List<VideoFrame> parts = new ArrayList<>();
                double end = s.to() != null ? s.to() : 3.0;
                long intervals = (long) Math.ceil((end - s.from()) / s.seconds());
                for (long first = 0; first < intervals; first += per) {
                    parts.addAll(read(clip, s, new VideoReader.Slots(first, first + per >= intervals ? Long.MAX_VALUE
                            : first + per)));
                }
                assertEquals(indices(whole), indices(parts), s + " in parts of " + per);
                assertEquals(times(whole), times(parts), s + " in parts of " + per);
            }
        }
        // the pixels of a part's frames are the frames'
        VideoFrame third = read(clip, Sampling.every("0.5s", 0, null), new VideoReader.Slots(2, 3)).get(0);
        VideoFrame same = read(clip, Sampling.every("0.5s", 0, null)).get(2);
        assertEquals(same.index(), third.index());
        assertEquals(same.image().getRGB(100, 100), third.image().getRGB(100, 100));
        assertThrows(IllegalArgumentException.class, () -> read(clip, Sampling.every("2f", 0, null),
                new VideoReader.Slots(1, 2)), "a frame-count sampling is read whole");
    }

    private static List<Integer> indices(List<VideoFrame> frames) {
        return frames.stream().map(VideoFrame::index).toList();
    }

    private static List<Double> times(List<VideoFrame> frames) {
        return frames.stream().map(VideoFrame::roundedTime).toList();
    }

    @Test
    void oneFrameASecondByDefault() throws Exception {
        List<VideoFrame> frames = read(clip, Sampling.DEFAULT);
        assertEquals(List.of(0, 4, 8), indices(frames));
        assertEquals(List.of(0.0, 1.0, 2.0), times(frames));
        assertEquals(454, frames.get(0).image().getWidth());
        assertEquals(256, frames.get(0).image().getHeight());
        assertEquals(java.awt.image.BufferedImage.TYPE_INT_RGB, frames.get(0).image().getType());
        // the pictures are the stills: the red light's frame is darker than the sunny green one
        assertTrue(meanLuma(frames.get(0).image()) + 30 < meanLuma(frames.get(1).image()));
    }

    @Test
    void everyHalfSecondInARangeTakesTheFirstFrameAtOrAfterEachSlot() throws Exception {
        List<VideoFrame> frames = read(clip, Sampling.every("0.5s", 0.3, 2.2));
        // slots 0.3, 0.8, 1.3, 1.8 (2.3 is past the end of the range); frames every 0.25 s
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0), times(frames));
        assertEquals(List.of(2, 4, 6, 8), indices(frames));
    }

    @Test
    void everyNthFrameCountsFromTheFirstFrameOfTheRange() throws Exception {
        assertEquals(List.of(0, 5, 10), indices(read(clip, Sampling.every("5f", 0, null))));
        assertEquals(List.of(3, 6, 9), indices(read(clip, Sampling.every("3f", 0.7, 2.5))));
        assertEquals(List.of(11), indices(read(clip, Sampling.every("1s", 2.75, null))));
    }

    @Test
    void aClipCutShortGivesItsFramesThenTheTimeWhereDecodingStopped() throws Exception {
        Path cut = Clips.cut(clip, tmp.resolve("cut.mp4"), (int) (Files.size(clip) * 0.55));
        List<VideoFrame> frames = new ArrayList<>();
        VideoException e;
        try (VideoReader r = VideoReader.open(cut, Sampling.every("1f", 0, null), Long.MAX_VALUE, "--max-pixels")) {
            e = assertThrows(VideoException.class, () -> {
                for (VideoFrame f = r.next(); f != null; f = r.next()) {
                    frames.add(f);
                }
            });
        }
        assertFalse(frames.isEmpty(), "the frames before the cut are decoded");
        assertTrue(frames.size() < 12, frames.size() + " frames");
        double last = frames.get(frames.size() - 1).roundedTime();
        assertEquals(cut + ": decoding stopped after " + String.format(java.util.Locale.ROOT, "%.3f", last)
                + " s (3.000 s declared; cut short or damaged)", e.getMessage());
    }

    /**
     * Narrow frames, whose rows FFmpeg pads beyond three bytes a pixel (96 pixels: 288 bytes in a
     * 384-byte row): every pixel as encoded, at any width. JavaCV's own converter read 96x64 frames
     * as four channels and gave near-black pictures; FFmpeg's command line decodes the same file right.
     */
    @Test
    void narrowFramesKeepTheirColours() throws Exception {
        for (int width : new int[] {32, 96, 100, 454}) {
            BufferedImage board = new BufferedImage(width, 64, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < width; x++) {
                    board.setRGB(x, y, (x / 16 + y / 16) % 2 == 0 ? 0x281010 : 0xf01010);
                }
            }
            Path narrow = tmp.resolve("narrow-" + width + ".mp4");
            ClipMaker.stills(narrow, List.of(board), 10, 10, 10);
            BufferedImage frame = read(narrow, Sampling.DEFAULT).get(0).image();
            assertEquals(width, frame.getWidth());
            for (int y = 8; y < 64; y += 16) {
                for (int x = 8; x + 8 <= width; x += 16) {
                    int want = board.getRGB(x, y);
                    int got = frame.getRGB(x, y);
                    for (int shift = 0; shift <= 16; shift += 8) {
                        assertEquals(want >> shift & 0xff, got >> shift & 0xff, 24.0,
                                String.format("width %d at (%d, %d): %06x, encoded %06x", width, x, y, got & 0xffffff,
                                        want & 0xffffff));
                    }
                }
            }
        }
    }

    /**
     * Tiny frames decode to their colour: H.264 in MP4 at 16 and 32 pixels (made here), FFV1 and
     * raw video in AVI from 1x1 to 32x32 (made by the ffmpeg command line, src/test/resources/videos/tiny).
     * JavaCV's converter failed on such frames with a NullPointerException that ended the whole batch.
     */
    @Test
    void tinyFramesDecode() throws Exception {
        List<Path> files = new ArrayList<>();
        for (int side : new int[] {16, 32}) {
            Path tiny = tmp.resolve("tiny-" + side + ".mp4");
            BufferedImage red = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    red.setRGB(x, y, 0xe01818);
                }
            }
            ClipMaker.write(tiny, side, side, 10, 10, i -> red);
            files.add(tiny);
        }
        for (int side : new int[] {1, 2, 3, 8, 15, 32}) {
            files.add(Path.of("src/test/resources/videos/tiny/ffv1-" + side + ".avi"));
            files.add(Path.of("src/test/resources/videos/tiny/raw-" + side + ".avi"));
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            int side = Integer.parseInt(name.replaceAll(".*-(\\d+)\\..*", "$1"));
            List<VideoFrame> frames = read(file, Sampling.DEFAULT);
            assertFalse(frames.isEmpty(), name);
            BufferedImage frame = frames.get(0).image();
            assertEquals(side, frame.getWidth(), name);
            assertEquals(side, frame.getHeight(), name);
            int got = frame.getRGB(side / 2, side / 2);
            double tolerance = name.endsWith(".mp4") ? 40 : 0; // H.264 is lossy; FFV1 and raw are not
            assertEquals(0xe0, got >> 16 & 0xff, tolerance, name + ": " + Integer.toHexString(got));
            assertEquals(0x18, got >> 8 & 0xff, tolerance, name + ": " + Integer.toHexString(got));
        }
    }

    /** The recorder the tests and docs use refuses the odd sizes it cannot encode without corrupting memory. */
    @Test
    void clipMakerRefusesOddSizes() {
        assertThrows(IllegalArgumentException.class, () -> ClipMaker.write(tmp.resolve("odd.avi"), "avi",
                avcodec.AV_CODEC_ID_FFV1, 3, 3, 2, 1, i -> new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB)));
    }

    /** The containers and codecs dash-cams and phones write, each recognised by content and decoded. */
    @Test
    void otherContainersAreVideosToo() throws Exception {
        Object[][] kinds = {{"matroska", avcodec.AV_CODEC_ID_H264}, {"mov", avcodec.AV_CODEC_ID_H264},
            {"avi", avcodec.AV_CODEC_ID_MPEG4}, {"webm", avcodec.AV_CODEC_ID_VP8}, {"webm", avcodec.AV_CODEC_ID_VP9},
            {"mpegts", avcodec.AV_CODEC_ID_H264}, {"flv", avcodec.AV_CODEC_ID_FLV1}};
        java.awt.image.BufferedImage still = javax.imageio.ImageIO.read(dev.occlude.TestData.nexarFrame("night-red.png")
                .toFile());
        for (Object[] kind : kinds) {
            // named .bin: only the content can tell
            Path file = tmp.resolve(kind[0] + "-" + kind[1] + ".bin");
            ClipMaker.write(file, (String) kind[0], (Integer) kind[1], 454, 256, 8, 4, i -> still);
            assertTrue(VideoFormat.isVideo(file), kind[0] + " is a video by content");
            List<VideoFrame> frames = read(file, Sampling.DEFAULT);
            assertEquals(List.of(0.0, 1.0), times(frames), kind[0] + " " + kind[1]);
            assertEquals(454, frames.get(1).image().getWidth());
        }
    }

    @Test
    void timesAndIntervalsAreParsedAsWritten() {
        assertEquals(12.5, Sampling.seconds("12.5"));
        assertEquals(12.5, Sampling.seconds("12.5s"));
        assertEquals(0.5, Sampling.seconds("500ms"));
        assertEquals(120, Sampling.seconds("2m"));
        assertEquals(62.5, Sampling.seconds("1:02.5"));
        assertEquals(3723, Sampling.seconds("1:02:03"));
        assertThrows(IllegalArgumentException.class, () -> Sampling.seconds("soon"));
        assertThrows(IllegalArgumentException.class, () -> Sampling.every("0s", 0, null));
        assertThrows(IllegalArgumentException.class, () -> Sampling.every("0f", 0, null));
        assertEquals("30f", Sampling.every("30f", 0, null).label());
        assertEquals("0.5s", Sampling.every("500ms", 0, null).label());
        assertEquals(2.0, Sampling.every("0.5s", 0, null).playbackRate(30));
        assertEquals(1.0, Sampling.every("30f", 0, null).playbackRate(30));
        assertNull(Sampling.DEFAULT.to());
    }

    private static double meanLuma(java.awt.image.BufferedImage image) {
        long sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                sum += ((p >> 16 & 255) * 299 + (p >> 8 & 255) * 587 + (p & 255) * 114) / 1000;
            }
        }
        return sum / (double) (image.getWidth() * image.getHeight());
    }
}
