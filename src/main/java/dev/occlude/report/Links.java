package dev.occlude.report;

import dev.occlude.io.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** The file a line names, when it exists; else null. */
    Path resolve(String path) {
        if (path == null) {
            return null;
        }
        Path p = Path.of(path);
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (base != null && Files.isRegularFile(base.resolve(path))) {
            return base.resolve(path);
        }
        return null;
    }

    /**
     * One of the run's own files a line names (overlay, map, picture, table, video): null when it
     * is absent, or when it is not a file this tool wrote (a crafted line naming /etc/shadow, a
     * user's file), which is said once and neither copied nor linked.
     */
    Path resolveOwn(String path) {
        Path file = resolve(path);
        if (file != null && !(Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && dev.occlude.io.OwnFiles.absentOrOwn(file))) {
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

    private static boolean isVideo(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                .matches(".*\\.(mp4|mov|mkv|avi|webm|m4v)");
    }

    private static boolean isImage(Path file) {
        try (javax.imageio.stream.ImageInputStream in = javax.imageio.ImageIO.createImageInputStream(file.toFile())) {
            return in != null && javax.imageio.ImageIO.getImageReaders(in).hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** What could not be linked as it is (a PNG empty or cut short), one line each. */
    private final java.util.Map<Path, String> problems = new java.util.LinkedHashMap<>();

    /**
     * The link to a file from the page: a copy in images/ (with copy), else a relative link to
     * where it lies. A PNG that is empty or cut short is neither copied nor linked: the page shows
     * a placeholder in images/ instead, and {@link #problems()} says so.
     */
    String link(Path file, String copyName) throws IOException {
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")
                && !dev.occlude.io.PngFiles.isComplete(file)) {
            problems.putIfAbsent(file, file + ": empty or cut short (not a whole PNG); a placeholder is shown in the report");
            String name = copyName.replaceAll("\\.[^.]*$", "") + ".missing.png";
            Path placeholder = dir.resolve("images").resolve(name);
            AtomicFiles.write(placeholder, out -> dev.occlude.io.PngFiles.writeMarked(Thumbnails.placeholder(), out));
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
    java.util.Map<Path, String> problems() {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(problems));
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
