package dev.occlude.spark;

import dev.occlude.batch.DirectoryVisits;
import dev.occlude.batch.InputCollector;
import dev.occlude.io.ImageLoader;
import dev.occlude.util.Text;
import dev.occlude.video.VideoFormat;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job's images and videos, listed on the driver through Hadoop's file systems (file:, hdfs:, s3a:...):
 * a directory (sorted, sub-directories with --recursive), a glob, an image, or a text file of
 * paths. Each image gets its output name as the CLI would give it (its path below the directory,
 * without extension; the extension kept when two share a name), so overlays never collide.
 */
final class InputListing {
    /** Directory depth beyond which a listing stops (a link cycle on a local disk). */
    private static final int MAX_DEPTH = 64;

    /**
     * One image to map.
     *
     * @param path the qualified path, as Spark's binaryFile source names it
     * @param stem the output name below OUT/overlays, without .occlusion.png
     * @param named named by the user (an error when it is not an image) rather than found in a
     *     directory (skipped quietly when its content is not an image, as the CLI does)
     * @param problem why it cannot be mapped, found while listing; null when there is none
     * @param video a video (by its content when named alone, else by its extension): cut into ranges
     */
    record Item(String path, String stem, boolean named, String problem, boolean video) implements Serializable {
        /** An image (or a file that may be one). */
        Item(String path, String stem, boolean named, String problem) {
            this(path, stem, named, problem, false);
        }
    }

    private final Configuration conf;
    private final boolean recursive;

    InputListing(Configuration conf, boolean recursive) {
        this.conf = conf;
        this.recursive = recursive;
    }

    /**
     * The images of INPUT, in order.
     *
     * @throws IllegalArgumentException when INPUT names nothing usable (a usage error)
     */
    List<Item> list(String input) throws IOException {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(conf);
        List<Item> items = new ArrayList<>();
        if (input.matches(".*[*?\\[{].*")) {
            DirectoryVisits<String> visits = new DirectoryVisits<>();
            FileStatus[] matches = fs.globStatus(path);
            if (matches == null || matches.length == 0) {
                throw new IllegalArgumentException(input + ": the pattern matches nothing");
            }
            Arrays.sort(matches, Comparator.comparing(s -> s.getPath().toString()));
            for (FileStatus m : matches) {
                if (m.isDirectory()) {
                    directory(fs, m.getPath(), m.getPath(), items, visits, 0);
                } else {
                    items.add(new Item(m.getPath().toString(), stem(m.getPath().getName()), false, special(fs, m)
                            ? m.getPath() + ": a special file (FIFO, device or socket), not an image" : null,
                            VideoFormat.hasVideoExtension(m.getPath().getName())));
                }
            }
        } else {
            FileStatus status;
            try {
                status = fs.getFileStatus(path);
            } catch (FileNotFoundException e) {
                throw new IllegalArgumentException(input + ": no such file or directory");
            }
            if (special(fs, status)) {
                throw new IllegalArgumentException(input + ": a special file (FIFO, device or socket), not an image");
            }
            if (status.isDirectory()) {
                directory(fs, status.getPath(), status.getPath(), items, new DirectoryVisits<>(), 0);
                if (items.isEmpty()) {
                    throw new IllegalArgumentException(input + ": a directory with no files in it"
                            + (recursive ? "" : " (sub-directories need --recursive)"));
                }
            } else if (isVideo(fs, status)) {
                items.add(new Item(status.getPath().toString(), stem(status.getPath().getName()), true, null, true));
            } else if (isImage(fs, status)) {
                items.add(new Item(status.getPath().toString(), stem(status.getPath().getName()), true, null));
            } else {
                pathList(fs, status.getPath(), items);
            }
        }
        return withUniqueStems(items);
    }

    /** A named file that opens a video container (a video is not a list of paths either). */
    private static boolean isVideo(FileSystem fs, FileStatus status) throws IOException {
        if (status.getLen() == 0) {
            return false;
        }
        return VideoFormat.looksLikeVideo(HadoopReads.read(fs, status.getPath(),
                VideoFormat.HEAD));
    }

    /** A named file is an image by its extension or by its first bytes; anything else is a list of paths. */
    private static boolean isImage(FileSystem fs, FileStatus status) throws IOException {
        if (InputCollector.hasImageExtension(status.getPath().getName()) || status.getLen() == 0) {
            return true;
        }
        return ImageLoader.looksLikeImage(HadoopReads.read(fs, status.getPath(), 64 * 1024));
    }

    /** A text file of paths, one per line; relative ones are relative to the file's folder. */
    private void pathList(FileSystem fs, Path list, List<Item> items) throws IOException {
        List<String> lines = new ArrayList<>();
        DirectoryVisits<String> visits = new DirectoryVisits<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(list), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException(list + ": neither an image nor a text file of paths");
                }
                line = line.strip();
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
        } catch (FSError e) {
            throw HadoopReads.asIoException(e);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(list + ": a list of paths with no paths in it");
        }
        for (String line : lines) {
            Path p = new Path(line);
            Path resolved = p.isAbsolute() || p.toUri().getScheme() != null ? p : new Path(list.getParent(), p);
            FileSystem pfs = resolved.getFileSystem(conf);
            FileStatus s;
            try {
                s = pfs.getFileStatus(resolved);
            } catch (FileNotFoundException e) {
                items.add(new Item(resolved.toString(), stem(resolved.getName()), true, line + ": no such file"));
                continue;
            }
            if (s.isDirectory()) {
                directory(pfs, s.getPath(), s.getPath(), items, visits, 0);
            } else {
                items.add(new Item(s.getPath().toString(), stem(s.getPath().getName()), true, special(pfs, s)
                        ? line + ": a special file (FIFO, device or socket), not an image" : null,
                        VideoFormat.hasVideoExtension(s.getPath().getName())));
            }
        }
    }

    /**
     * Lists a directory's files, entering sub-directories by the command line's rule
     * ({@link DirectoryVisits}: each real folder once, a cycle said once); on a file system
     * without links to resolve, a depth limit stops what could still loop.
     */
    private void directory(FileSystem fs, Path root, Path dir, List<Item> items, DirectoryVisits<String> visits,
            int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            items.add(new Item(dir.toString(), "input", true, dir + ": more than " + MAX_DEPTH
                    + " directories deep (a link cycle?); not entered"));
            return;
        }
        String real;
        try {
            real = realPath(fs, dir);
        } catch (IOException | SecurityException e) {
            items.add(new Item(dir.toString(), stem(relative(root, dir)), true, dir + ": cannot list directory ("
                    + Text.oneLine(e) + ")"));
            return;
        }
        switch (visits.enter(real)) {
            case CYCLE -> {
                items.add(new Item(dir.toString(), stem(relative(root, dir)), true, DirectoryVisits.cycle(dir, real)));
                return;
            }
            case SEEN -> {
                return; // listed already by another path: its files are inputs once
            }
            case ENTER -> { }
        }
        try {
            children(fs, root, dir, items, visits, depth);
        } finally {
            visits.leave(real);
        }
    }

    /** A directory's real path on a local disk (links resolved); elsewhere its path, as there are no links. */
    private static String realPath(FileSystem fs, Path dir) throws IOException {
        if (!"file".equals(fs.getScheme())) {
            return fs.makeQualified(dir).toString();
        }
        return java.nio.file.Path.of(fs.makeQualified(dir).toUri()).toRealPath().toString();
    }

    private void children(FileSystem fs, Path root, Path dir, List<Item> items, DirectoryVisits<String> visits,
            int depth) throws IOException {
        FileStatus[] children = fs.listStatus(dir);
        Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue; // Spark's and Hadoop's hidden files (_SUCCESS, .crc), as Spark's own sources skip them
            }
            String relative = relative(root, child.getPath());
            if (child.isDirectory()) {
                if (recursive) {
                    directory(fs, root, child.getPath(), items, visits, depth + 1);
                } else if (InputCollector.hasImageExtension(name)) {
                    // a directory that pretends to be an image is worth a word
                    items.add(new Item(child.getPath().toString(), stem(relative), true, child.getPath()
                            + ": is a directory, not an image"));
                }
            } else {
                items.add(new Item(child.getPath().toString(), stem(relative), false, special(fs, child)
                        ? child.getPath() + ": a special file (FIFO, device or socket), not an image" : null,
                        VideoFormat.hasVideoExtension(name)));
            }
        }
    }

    /**
     * A FIFO, device or socket on a local disk: Hadoop lists it as a file, and opening it would
     * block the task for ever, so it is refused by its type before anything opens it.
     */
    private static boolean special(FileSystem fs, FileStatus status) {
        if (status.isDirectory() || !"file".equals(fs.getScheme())) {
            return false;
        }
        java.nio.file.Path local = java.nio.file.Path.of(status.getPath().toUri());
        return Files.exists(local) && !Files.isRegularFile(local);
    }

    private static String relative(Path root, Path child) {
        String r = root.toUri().getPath();
        String c = child.toUri().getPath();
        return c.startsWith(r + "/") ? c.substring(r.length() + 1) : child.getName();
    }

    /** A file name without its extension (a.b.jpg → a.b). */
    private static String stem(String relative) {
        int slash = relative.lastIndexOf('/');
        int dot = relative.lastIndexOf('.');
        return dot > slash + 1 ? relative.substring(0, dot) : relative;
    }

    /** Names that two images share keep their extension; names still shared refuse the later image. */
    private static List<Item> withUniqueStems(List<Item> items) {
        Map<String, Integer> counts = new HashMap<>();
        items.forEach(i -> counts.merge(i.stem(), 1, Integer::sum));
        Map<String, String> owners = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<Item> unique = new ArrayList<>();
        for (Item i : items) {
            if (!seen.add(i.path())) {
                continue; // the same file twice (a list naming it again): one row
            }
            String stem = i.stem();
            if (counts.get(stem) > 1) {
                String name = new Path(i.path()).getName();
                int slash = stem.lastIndexOf('/');
                stem = slash < 0 ? name : stem.substring(0, slash + 1) + name;
            }
            String owner = owners.putIfAbsent(stem, i.path());
            if (owner != null && i.problem() == null) {
                unique.add(new Item(i.path(), stem, i.named(), i.path() + ": its outputs would overwrite those of "
                        + owner + " (same name)", i.video()));
            } else {
                unique.add(new Item(i.path(), stem, i.named(), i.problem(), i.video()));
            }
        }
        return unique;
    }
}
