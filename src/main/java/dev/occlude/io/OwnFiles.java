package dev.occlude.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Whether a file at an output path is one this tool wrote, so that a run replaces its own files
 * and never a user's. Each kind is told by what only this tool puts in it: PNGs by their
 * {@code Software: occlude} mark, .npy maps by NumPy's magic, JSON records by their first field,
 * CSVs by their header, the report's page by its generator tag.
 */
public final class OwnFiles {
    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private OwnFiles() {}

    /**
     * True when nothing is at {@code file}, or what is there is this tool's (of the kind its name
     * says); false for anything else, a folder or special file included.
     */
    public static boolean absentOrOwn(Path file) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (Files.size(file) == 0) {
                return true; // an empty file holds nothing to lose (a disk that filled up)
            }
            if (name.endsWith(".png")) {
                return PngFiles.isMarked(file);
            }
            if (name.endsWith(".jpg")) {
                return JpegFiles.isMarked(file);
            }
            if (name.endsWith(".npy")) {
                return Arrays.equals(head(file, NPY_MAGIC.length), NPY_MAGIC);
            }
            if (name.endsWith(".json")) {
                String start = new String(head(file, 32), StandardCharsets.UTF_8);
                return start.startsWith("{\"image\":") || start.startsWith("{\"video\":");
            }
            if (name.endsWith(".csv")) {
                String start = new String(head(file, 64), StandardCharsets.UTF_8);
                return start.startsWith("image,width,height,model,predicted") || start.startsWith("x,y,width,height")
                        || start.startsWith("panel,x,y,width,height,frames");
            }
            if (name.endsWith(".html")) {
                return new String(head(file, 512), StandardCharsets.UTF_8).contains("<meta name=\"generator\" content=\"occlude\">");
            }
            return name.endsWith(".occlusion.mp4"); // a name only this tool gives
        } catch (IOException e) {
            return false;
        }
    }

    static byte[] head(Path file, int n) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    /** The first 4 KB of a regular file (where PNG and JPEG marks are written), or null when it cannot be read. */
    static byte[] head4k(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return head(file, 4096);
        } catch (IOException e) {
            return null;
        }
    }
}
