package dev.occlude.video;

import dev.occlude.io.ImageLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Tells videos from images by their first bytes: the containers dash-cams and phones write (MP4
 * and MOV, Matroska and WebM, AVI, MPEG transport and program streams, FLV). A file named like a
 * video whose content is not one still goes the video way, so that it is refused as a video
 * ("not a video FFmpeg can read"), not as an image.
 */
public final class VideoFormat {
    private static final Set<String> EXTENSIONS = Set.of(
            "mp4", "m4v", "mov", "qt", "mkv", "webm", "avi", "ts", "mts", "m2ts", "mpg", "mpeg", "flv", "3gp", "wmv");
    /** ISO base media boxes that can open an MP4 or QuickTime file. */
    private static final Set<String> MP4_BOXES = Set.of("ftyp", "moov", "mdat", "free", "wide", "skip");

    /** How many first bytes {@link #looksLikeVideo(byte[])} needs to tell every container it knows. */
    public static final int HEAD = 192;

    private VideoFormat() {}

    /** Whether the name ends in a video extension (.mp4, .mov, .mkv, ...), in any case. */
    public static boolean hasVideoExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Whether a regular file's content is a video container, or its name a video's and its content not an image's. */
    public static boolean isVideo(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (looksLikeVideo(head(file))) {
            return true;
        }
        return file.getFileName() != null && hasVideoExtension(file.getFileName().toString())
                && !ImageLoader.looksLikeImage(file);
    }

    /** Whether these first bytes of a file ({@link #HEAD} of them, when the file has them) open a video container. */
    public static boolean looksLikeVideo(byte[] h) {
        if (h.length >= 12 && MP4_BOXES.contains(ascii(h, 4, 4))) {
            return true;
        }
        if (h.length >= 4 && (h[0] & 0xff) == 0x1a && (h[1] & 0xff) == 0x45 && (h[2] & 0xff) == 0xdf
                && (h[3] & 0xff) == 0xa3) {
            return true; // EBML: Matroska, WebM
        }
        if (h.length >= 12 && ascii(h, 0, 4).equals("RIFF") && ascii(h, 8, 4).equals("AVI ")) {
            return true;
        }
        if (h.length >= 3 && ascii(h, 0, 3).equals("FLV")) {
            return true;
        }
        if (h.length >= 4 && h[0] == 0 && h[1] == 0 && h[2] == 1 && (h[3] & 0xff) == 0xba) {
            return true; // MPEG program stream
        }
        return h.length >= 189 && h[0] == 0x47 && h[188] == 0x47; // MPEG transport stream: two packets' sync bytes
    }

    private static String ascii(byte[] b, int from, int length) {
        return new String(Arrays.copyOfRange(b, from, from + length), StandardCharsets.ISO_8859_1);
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }
}
