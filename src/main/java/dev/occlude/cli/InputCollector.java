package dev.occlude.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns the command line's inputs into a list of images: files as named, directories expanded
 * (sorted; --recursive descends), and '-' read from stdin, one path per line or NUL-separated.
 *
 * <p>Outputs keep the input's relative sub-path so that two img.jpg never collide: a file named
 * on the command line gives its bare name; a file found in a directory, its path below that
 * directory; a path read from stdin, that path when it is relative and stays below the working
 * directory, else its bare name.
 */
final class InputCollector {
    /** Extensions taken from a directory even when the content does not look like an image, so a broken file is reported, not ignored. */
    private static final Set<String> IMAGE_EXTENSIONS = Set.of(
            "jpg", "jpeg", "jpe", "png", "bmp", "gif", "tif", "tiff", "webp", "pnm", "ppm", "pgm");

    private final boolean recursive;
    private final boolean nulSeparated;
    private final InputStream stdin;

    InputCollector(boolean recursive, boolean nulSeparated, InputStream stdin) {
        this.recursive = recursive;
        this.nulSeparated = nulSeparated;
        this.stdin = stdin;
    }

    List<Input> collect(List<String> arguments) throws IOException {
        List<Input> inputs = new ArrayList<>();
        for (String arg : arguments) {
            if (arg.equals("-")) {
                for (String line : readStdin()) {
                    Path p = Paths.get(line);
                    Path normal = p.normalize();
                    boolean keepsPath = !p.isAbsolute() && !normal.startsWith("..") && normal.getNameCount() > 0;
                    inputs.add(Input.of(p, keepsPath ? normal : p.getFileName()));
                }
                continue;
            }
            Path p = Paths.get(arg);
            if (Files.isDirectory(p)) {
                int before = inputs.size();
                listDirectory(p, p, inputs);
                if (inputs.size() == before) {
                    inputs.add(Input.failed(p, p + ": a directory with no images in it"
                            + (recursive ? "" : " (sub-directories need --recursive)")));
                }
            } else {
                inputs.add(Input.of(p, p.getFileName() == null ? p : p.getFileName()));
            }
        }
        return keepExtensionsWhereStemsCollide(inputs);
    }

    /** image.bmp and image.tif in one folder: both keep their extension in their output names. */
    private static List<Input> keepExtensionsWhereStemsCollide(List<Input> inputs) {
        java.util.Map<Path, Long> counts = new java.util.HashMap<>();
        for (Input i : inputs) {
            counts.merge(i.outputStem(), 1L, Long::sum);
        }
        List<Input> result = new ArrayList<>(inputs.size());
        for (Input i : inputs) {
            result.add(counts.get(i.outputStem()) > 1 && i.path().getFileName() != null ? i.withExtension() : i);
        }
        return result;
    }

    private List<String> readStdin() throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        stdin.transferTo(buffer);
        String all = buffer.toString(StandardCharsets.UTF_8);
        List<String> paths = new ArrayList<>();
        for (String s : all.split(nulSeparated ? "\0" : "\r?\n")) {
            if (!s.isEmpty()) {
                paths.add(s);
            }
        }
        return paths;
    }

    private void listDirectory(Path root, Path dir, List<Input> inputs) {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        } catch (IOException | SecurityException e) {
            inputs.add(Input.failed(dir, dir + ": cannot list directory (" + e.getMessage() + ")"));
            return;
        }
        for (Path child : children) {
            if (Files.isDirectory(child)) {
                if (recursive) {
                    listDirectory(root, child, inputs);
                } else if (hasImageExtension(child)) {
                    // a directory that pretends to be an image is worth a word
                    inputs.add(Input.of(child, root.relativize(child)));
                }
            } else if (hasImageExtension(child) || looksLikeImage(child)) {
                inputs.add(Input.of(child, root.relativize(child)));
            }
        }
    }

    static boolean hasImageExtension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** True when an ImageIO reader recognises the file's first bytes. */
    static boolean looksLikeImage(Path p) {
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            return false;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(p.toFile())) {
            if (in == null) {
                return false;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            return readers.hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
