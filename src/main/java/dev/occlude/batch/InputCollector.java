package dev.occlude.batch;

import dev.occlude.io.ImageLoader;
import dev.occlude.io.InputFiles;
import dev.occlude.io.JpegFiles;
import dev.occlude.io.PngFiles;
import dev.occlude.video.VideoFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns the command line's inputs into images and videos: files as named, directories expanded
 * (sorted; recursion on request, directory cycles detected, this tool's own outputs left out),
 * and '-' read from stdin as the paths arrive, one per line or NUL-separated.
 *
 * <p>Outputs keep the input's relative sub-path so that two img.jpg never collide: a file named
 * on the command line gives its bare name; a file found in a directory, its path below that
 * directory; a path read from stdin, that path when it is relative and stays below the working
 * directory, else its bare name.
 */
public final class InputCollector {
    /** Extensions taken from a directory even when the content does not look like an image, so a broken file is reported, not ignored. */
    private static final Set<String> IMAGE_EXTENSIONS = Set.of(
            "jpg", "jpeg", "jpe", "png", "bmp", "gif", "tif", "tiff", "webp", "pnm", "ppm", "pgm");

    private final boolean recursive;
    private final boolean nulSeparated;
    private final InputStream stdin;
    private final String recursionName;

    /**
     * @param recursive descend into sub-directories of directory inputs
     * @param nulSeparated paths on stdin are NUL-separated rather than one per line
     * @param stdin where '-' reads paths from
     * @param recursionName how a user asks for recursion, said when a folder has images only below it
     */
    public InputCollector(boolean recursive, boolean nulSeparated, InputStream stdin, String recursionName) {
        this.recursive = recursive;
        this.nulSeparated = nulSeparated;
        this.stdin = stdin;
        this.recursionName = recursionName;
    }

    /** The images of a run, in order: files and folders listed at once, stdin paths read as they arrive. */
    public interface Inputs extends Iterator<Input> {
        /** How many inputs there are, or -1 while stdin may bring more. */
        int count();

        /** The inputs found by listing files and folders (not those from stdin, which arrive later). */
        List<Input> listed();
    }

    /** The images named by the arguments; a problem found while listing is an input with a problem. */
    public Inputs collect(List<String> arguments) {
        List<List<Input>> segments = new ArrayList<>(); // null: read stdin here
        List<Input> listed = new ArrayList<>();
        DirectoryVisits<Path> visits = new DirectoryVisits<>(); // every real folder is listed once
        for (String arg : arguments) {
            if (arg.equals("-")) {
                segments.add(null);
                continue;
            }
            List<Input> found = new ArrayList<>();
            Path p;
            try {
                p = Paths.get(arg);
            } catch (InvalidPathException e) {
                segments.add(List.of(Input.failed(Path.of("input"), arg + ": not a file name this system can use ("
                        + e.getReason() + ")")));
                continue;
            }
            if (Files.isDirectory(p)) {
                listDirectory(p, p, found, visits);
                if (found.isEmpty()) {
                    found.add(Input.failed(p, p + ": a directory with no images in it"
                            + (recursive ? "" : " (sub-directories need " + recursionName + ")")));
                }
            } else {
                found.add(Input.of(p, p.getFileName() == null ? p : p.getFileName()));
            }
            segments.add(found);
            listed.addAll(found);
        }
        Set<Path> colliding = collidingStems(listed);
        listed.clear();
        for (List<Input> segment : segments) {
            if (segment != null) {
                segment.replaceAll(i -> colliding.contains(i.outputStem()) && i.path().getFileName() != null
                        ? i.withExtension() : i);
                listed.addAll(segment);
            }
        }
        boolean readsStdin = segments.contains(null);
        return new Inputs() {
            private Iterator<Input> current = List.<Input>of().iterator();
            private BufferedReader reader;
            private boolean inStdin;
            private Input next;

            private final Iterator<List<Input>> order = segments.iterator();

            @Override
            public int count() {
                return readsStdin ? -1 : listed.size();
            }

            @Override
            public List<Input> listed() {
                return listed;
            }

            @Override
            public boolean hasNext() {
                while (next == null) {
                    if (inStdin) {
                        next = readStdinPath();
                        if (next == null) {
                            inStdin = false;
                        }
                    } else if (current.hasNext()) {
                        next = current.next();
                    } else if (order.hasNext()) {
                        List<Input> s = order.next();
                        inStdin = s == null;
                        current = s == null ? List.<Input>of().iterator() : s.iterator();
                    } else {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public Input next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Input n = next;
                next = null;
                return n;
            }

            /** The next path on stdin, or null at its end. */
            private Input readStdinPath() {
                try {
                    if (reader == null) {
                        reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
                    }
                    String line;
                    do {
                        line = nulSeparated ? readUntilNul(reader) : reader.readLine();
                    } while (line != null && line.isEmpty());
                    return line == null ? null : stdinInput(line);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read paths from stdin", e);
                }
            }
        };
    }

    private static String readUntilNul(BufferedReader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1 && c != 0) {
            sb.append((char) c);
        }
        return c == -1 && sb.length() == 0 ? null : sb.toString();
    }

    private static Input stdinInput(String line) {
        try {
            Path p = Paths.get(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            Path normal = p.normalize();
            boolean keepsPath = !p.isAbsolute() && !normal.startsWith("..") && normal.getNameCount() > 0;
            return Input.of(p, keepsPath ? normal : p.getFileName());
        } catch (InvalidPathException e) {
            return Input.failed(Path.of("input"), line + ": not a file name this system can use (" + e.getReason() + ")");
        }
    }

    /** Output stems that two listed inputs share (image.bmp and image.tif in one folder): both keep their extension. */
    private static Set<Path> collidingStems(List<Input> inputs) {
        Map<Path, Integer> counts = new HashMap<>();
        for (Input i : inputs) {
            counts.merge(i.outputStem(), 1, Integer::sum);
        }
        Set<Path> colliding = new HashSet<>();
        counts.forEach((stem, n) -> {
            if (n > 1) {
                colliding.add(stem);
            }
        });
        return colliding;
    }

    /** Lists a directory's images, entering directories by the rule of {@link DirectoryVisits}. */
    private void listDirectory(Path root, Path dir, List<Input> inputs, DirectoryVisits<Path> visits) {
        Path real;
        try {
            real = dir.toRealPath();
        } catch (IOException | SecurityException e) {
            inputs.add(Input.failed(dir, dir + ": cannot list directory (" + e.getMessage() + ")"));
            return;
        }
        switch (visits.enter(real)) {
            case CYCLE -> {
                inputs.add(Input.failed(dir, DirectoryVisits.cycle(dir, real)));
                return;
            }
            case SEEN -> {
                return; // listed already by another path: its images are inputs once
            }
            case ENTER -> { }
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        } catch (IOException | SecurityException | UncheckedIOException e) {
            inputs.add(Input.failed(dir, dir + ": cannot list directory (" + e.getMessage() + ")"));
            visits.leave(real);
            return;
        }
        for (Path child : children) {
            if (!InputFiles.nameable(child)) {
                inputs.add(Input.failed(child, InputFiles.problem(child, "an image")));
                continue;
            }
            if (Files.isDirectory(child)) {
                if (child.getFileName().toString().endsWith(".frames.partial")) {
                    continue; // a video's frames while it runs (or after it was stopped): never inputs
                }
                if (recursive) {
                    listDirectory(root, child, inputs, visits);
                } else if (hasImageExtension(child) || VideoFormat.hasVideoExtension(child.getFileName().toString())) {
                    // a directory that pretends to be an image is worth a word
                    inputs.add(Input.of(child, root.relativize(child)));
                }
            } else if (isOwnOutput(child)) {
                continue; // a picture this tool wrote in an earlier run: never an input
            } else if (hasImageExtension(child) || VideoFormat.hasVideoExtension(child.getFileName().toString())
                    || ImageLoader.looksLikeImage(child) || VideoFormat.isVideo(child)) {
                inputs.add(Input.of(child, root.relativize(child)));
            }
        }
        visits.leave(real);
    }

    /** A picture this tool wrote (overlay, worst variant, report image): a PNG or JPEG carrying the tool's mark. */
    static boolean isOwnOutput(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".occlusion.mp4")) {
            return true; // an annotated video: its name is this tool's
        }
        return name.endsWith(".png") && PngFiles.isMarked(file) || name.endsWith(".jpg") && JpegFiles.isMarked(file);
    }

    static boolean hasImageExtension(Path p) {
        return hasImageExtension(p.getFileName().toString());
    }

    /** Whether a file name ends in an image extension (.jpg, .png, ...), in any case. */
    public static boolean hasImageExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
