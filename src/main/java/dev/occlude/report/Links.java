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

    /** The link to the file a line names, or null when it is absent. */
    String linkIfThere(String path, String copyName) throws IOException {
        Path file = resolve(path);
        return file == null ? null : link(file, copyName);
    }
}
