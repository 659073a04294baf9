package dev.occlude.serve;

import dev.occlude.batch.InputCollector;
import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.util.Text;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The frames {@code occlude serve} may show: the images under the folders it was given, the
 * images of earlier runs' results, and images uploaded to it. A frame's id is
 * {@code K/relative/path} (K the folder's index), {@code r/K/I} (record I of results file K) or
 * {@code upload/N}; an id never reaches a file outside the folders but those a results file
 * names: absolute paths, {@code ..}, and symbolic links that lead out are refused. Uploads are
 * held in memory, a bounded number.
 */
public final class FrameLibrary {
    /**
     * A frame as the page lists it.
     *
     * @param result where an earlier run's record of it is (GET), or null for a frame of a folder
     */
    public record Entry(String id, String name, String result) {}

    /** A frame's id that names nothing the server may show. */
    public static final class NotFound extends Exception {
        NotFound(String message) {
            super(message);
        }
    }

    /** How deep the folders are listed. */
    private static final int DEPTH = 8;
    /** Frames listed at most, so that a huge tree cannot stall the page. */
    private static final int MAX_LISTED = 20_000;
    private static final String UPLOAD = "upload/";

    private final List<Path> roots;
    private final EarlierResults results;
    private final ImageLoader loader;
    private final int maxUploads;
    private final HeldImages held;
    private final Map<String, String> uploadNames = new LinkedHashMap<>();
    private final AtomicInteger uploaded = new AtomicInteger();
    private final Consumer<String> problems;
    private final Set<Path> unreadable = ConcurrentHashMap.newKeySet();

    /**
     * @param roots the folders whose images are served
     * @param loader decodes images with the command line's checks (pixel limit, EXIF orientation)
     * @param maxUploads uploads kept at most; the oldest goes first
     */
    public FrameLibrary(List<Path> roots, ImageLoader loader, int maxUploads) throws IOException {
        this(roots, new EarlierResults(List.of(), p -> { }), loader, maxUploads, pixelBudget(0), p -> { });
    }

    /**
     * As above, with the frames of earlier runs' results as well.
     *
     * @param results the results files' mapped images
     * @param pixelBudget pixels held decoded at most ({@link #pixelBudget(long)})
     * @param problems told once of each folder that cannot be read (it is left out)
     */
    FrameLibrary(List<Path> roots, EarlierResults results, ImageLoader loader, int maxUploads, long pixelBudget,
                 Consumer<String> problems) throws IOException {
        this.results = results;
        List<Path> real = new ArrayList<>();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) {
                throw new IOException(r + ": not a folder");
            }
            real.add(r.toRealPath());
        }
        this.roots = List.copyOf(real);
        this.loader = loader;
        this.maxUploads = maxUploads;
        this.problems = problems;
        this.held = new HeldImages(pixelBudget, Map.of(UPLOAD, maxUploads, "file", 8),
                id -> id.startsWith(UPLOAD) ? UPLOAD : "file");
        for (Path root : this.roots) {
            images(root, MAX_LISTED); // a folder that cannot be read is told now, at start
        }
    }

    /**
     * Pixels held decoded at most, uploads and frames read together: a quarter of the heap at 4
     * bytes a pixel, and never less than one image of the pixel limit.
     */
    static long pixelBudget(long maxPixels) {
        return Math.max(maxPixels, Runtime.getRuntime().maxMemory() / 16);
    }

    /** Every image under the folders (by extension, links not followed out), then the uploads. */
    public List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int k = 0; k < roots.size(); k++) {
            for (String rel : images(roots.get(k), MAX_LISTED - entries.size())) {
                entries.add(new Entry(k + "/" + rel, rel, null));
            }
        }
        for (EarlierResults.Entry e : results.entries()) {
            entries.add(new Entry(e.id(), e.record().image(), "/api/results/" + e.id().substring(
                    EarlierResults.PREFIX.length())));
        }
        synchronized (this) {
            uploadNames.keySet().removeIf(id -> !held.contains(id));
            uploadNames.forEach((id, name) -> entries.add(new Entry(id, name, null)));
        }
        return entries;
    }

    /**
     * The images under {@code root} as ids name them (relative, with {@code /}), sorted, at most
     * {@code max}: only those {@link #file(String)} serves, so that no name is listed and then
     * refused. A folder that cannot be read is left out, and told to the problems once.
     */
    private List<String> images(Path root, int max) throws IOException {
        List<String> found = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), DEPTH,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                        if (InputCollector.hasImageExtension(f.getFileName().toString()) && inside(f, root)) {
                            List<String> parts = new ArrayList<>();
                            root.relativize(f).forEach(part -> parts.add(part.toString()));
                            if (parts.stream().allMatch(FrameLibrary::servableName)) {
                                found.add(String.join("/", parts));
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        if (unreadable.add(f)) {
                            problems.accept(f + ": cannot be read (" + (e instanceof AccessDeniedException
                                    ? "permission denied" : Text.oneLine(e)) + ")");
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        Collections.sort(found);
        return found.size() > max ? found.subList(0, Math.max(0, max)) : found;
    }

    /**
     * Whether one part of a frame's path may be named in an id: not empty, no {@code .} or {@code
     * ..}, and none of {@code \ : NUL} (a separator, a drive or a stream on some systems).
     */
    private static boolean servableName(String part) {
        return !part.isEmpty() && !part.equals(".") && !part.equals("..") && part.indexOf('\\') < 0
                && part.indexOf(':') < 0 && part.indexOf('\0') < 0;
    }

    /** Whether {@code f} is a regular file whose real path lies in {@code root} (a link may not lead out). */
    private static boolean inside(Path f, Path root) {
        try {
            return Files.isRegularFile(f) && f.toRealPath().startsWith(root);
        } catch (IOException e) {
            return false;
        }
    }

    /** The decoded frame of {@code id}. */
    public BufferedImage image(String id) throws NotFound, ImageLoadException {
        synchronized (this) {
            BufferedImage known = held.get(id);
            if (known != null) {
                return known;
            }
        }
        if (id.startsWith(UPLOAD)) {
            throw new NotFound("no upload " + id + " (uploads are kept in memory, the last " + maxUploads
                    + " within the server's pixel budget)");
        }
        Path file = id.startsWith(EarlierResults.PREFIX)
                ? results.entry(id).map(EarlierResults.Entry::frame).orElseThrow(() -> new NotFound("no result " + id))
                : file(id).orElseThrow(() -> new NotFound("no frame " + id));
        BufferedImage image = loader.load(file);
        synchronized (this) {
            held.put(id, image);
        }
        return image;
    }

    /** What the frame is called in results: its path as the folder was given, or the upload's name. */
    public String name(String id) {
        Optional<EarlierResults.Entry> earlier = results.entry(id);
        if (earlier.isPresent()) {
            return earlier.get().record().image();
        }
        synchronized (this) {
            if (uploadNames.containsKey(id)) {
                return uploadNames.get(id);
            }
        }
        int slash = id.indexOf('/');
        return slash < 0 ? id : id.substring(slash + 1);
    }

    /**
     * The file an id names, when it is an image inside one of the folders: K/relative, with no
     * absolute part, no {@code ..} and no link leading out.
     */
    Optional<Path> file(String id) {
        int slash = id.indexOf('/');
        if (slash <= 0 || !id.substring(0, slash).matches("\\d{1,4}")) {
            return Optional.empty();
        }
        int k = Integer.parseInt(id.substring(0, slash));
        String rel = id.substring(slash + 1);
        if (k >= roots.size() || rel.isEmpty() || rel.startsWith("/")) {
            return Optional.empty();
        }
        for (String part : rel.split("/", -1)) {
            if (!servableName(part)) {
                return Optional.empty();
            }
        }
        Path root = roots.get(k);
        Path f = root.resolve(rel).normalize();
        if (!f.startsWith(root) || !Files.exists(f, LinkOption.NOFOLLOW_LINKS) || !InputCollector.hasImageExtension(f.getFileName().toString())
                || !inside(f, root)) {
            return Optional.empty();
        }
        return Optional.of(f);
    }

    /**
     * Keeps an uploaded image (decoded with the command line's checks) and returns its id.
     *
     * @throws ImageLoadException when it is not an image, or a too large one
     */
    public String upload(byte[] data, String name) throws ImageLoadException {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "");
        String shown = base.isBlank() ? "upload" : base;
        BufferedImage image = loader.load(data, shown);
        String id = UPLOAD + uploaded.incrementAndGet();
        synchronized (this) {
            held.put(id, image);
            uploadNames.put(id, shown);
        }
        return id;
    }
}
