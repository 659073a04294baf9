package dev.occlude.report;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.LinePaths;
import dev.occlude.io.OwnFiles;
import dev.occlude.io.PngFiles;
import dev.occlude.video.VideoFormat;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the report's page reaches the run's files: a path in a line is read as given when the file
 * exists, else relative to the results file's folder; the page links it where it lies (relative,
 * percent-encoded) or, with {@code copy}, a copy in the report's images/.
 */
final class Links {
    private final Path dir;
    private final boolean copy;
    private final Path base;

    /**
     * @param dir the report's folder
     * @param copy whether files are copied into dir/images
     * @param base the folder of the results file, or null
     */
    Links(Path dir, boolean copy, Path base) {
        this.dir = dir;
        this.copy = copy;
        this.base = base;
    }

    /** The file a line names, when it exists (as given, else under the results file's folder); else null. */
    Path resolve(String path) {
        return LinePaths.find(path, base);
    }

    /**
     * One of the run's own files a line names (overlay, map, picture, table, video): null when it
     * is absent, or when it is not a file this tool wrote (a crafted line naming /etc/shadow, a
     * user's file), which is said once and neither copied nor linked.
     */
    Path resolveOwn(String path) {
        Path file = resolve(path);
        if (file != null && !(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && OwnFiles.absentOrOwn(file))) {
            problems.putIfAbsent(file, file + ": not a file this tool wrote; left out of the report");
            return null;
        }
        return file;
    }

    /**
     * The input a line names, when it is an image a reader decodes (or a video, by its name): a
     * line naming any other file gets no link and no copy, and one line says so.
     */
    Path resolveInput(String path) {
        Path file = resolve(path);
        if (file == null || isVideo(file) || isImage(file)) {
            return file;
        }
        problems.putIfAbsent(file, file + ": not an image; left out of the report");
        return null;
    }

    /** A video by the input collector's own extensions (a reader cannot tell one without FFmpeg). */
    private static boolean isVideo(Path file) {
        return VideoFormat.hasVideoExtension(file.getFileName().toString());
    }

    /** An image by its content, as the input collector tells one. */
    private static boolean isImage(Path file) {
        return ImageLoader.looksLikeImage(file);
    }

    /** What could not be linked as it is (a PNG empty or cut short), one line each. */
    private final Map<Path, String> problems = new LinkedHashMap<>();

    /**
     * The link to a file from the page: a copy in images/ (with copy), else a relative link to
     * where it lies. A PNG that is empty or cut short is neither copied nor linked: the page shows
     * a placeholder in images/ instead, and {@link #problems()} says so.
     */
    String link(Path file, String copyName) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")
                && !PngFiles.isComplete(file)) {
            problems.putIfAbsent(file, file + ": empty or cut short (not a whole PNG); a placeholder is shown in the report");
            String name = copyName.replaceAll("\\.[^.]*$", "") + ".missing.png";
            Path placeholder = dir.resolve("images").resolve(name);
            AtomicFiles.write(placeholder, out -> PngFiles.writeMarked(Thumbnails.placeholder(), out));
            return "images/" + name;
        }
        if (copy) {
            AtomicFiles.write(dir.resolve("images").resolve(copyName), out -> Files.copy(file, out));
            return "images/" + copyName;
        }
        Path relative = dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize());
        try {
            // percent-encoded: a name with a space, '#' or '?' stays one link
            return new URI(null, null, relative.toString().replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IOException("cannot link " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** The files {@link #link} put a placeholder in for, each with its line. */
    Map<Path, String> problems() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(problems));
    }

    /** Where the thumbnail of the card {@code stem} goes. */
    Path thumbnailFile(String stem) {
        return dir.resolve("images").resolve(stem + ".thumb.jpg");
    }

    /** The link to one of the run's own files a line names, or null when it is absent or not this tool's. */
    String linkIfThere(String path, String copyName) throws IOException {
        Path file = resolveOwn(path);
        return file == null ? null : link(file, copyName);
    }

    /** The link to the input image (or video) a line names, or null when it is absent or not one. */
    String linkInput(String path, String copyName) throws IOException {
        Path file = resolveInput(path);
        return file == null ? null : link(file, copyName);
    }
}
