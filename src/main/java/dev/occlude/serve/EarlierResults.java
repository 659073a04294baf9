package dev.occlude.serve;

import dev.occlude.io.JpegFiles;
import dev.occlude.io.LinePaths;
import dev.occlude.io.PngFiles;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.Outputs;
import dev.occlude.result.ResultCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The results files of earlier runs given to {@code occlude serve}: each mapped image's record,
 * its frame and its pictures. A record is reached by its place ({@code r/K/I}: file K, record I),
 * never by a path, and only the files a record names are served (the frame, the overlays), found
 * as the report finds them: as written, else beside the results file. A picture is served only
 * when it lies in the results file's folder and is marked as this tool's ({@link #ownPicture}).
 * Failed inputs and video frames are left out.
 */
final class EarlierResults {
    /** One mapped image of an earlier run: the frame, its record with picture URLs, and those pictures. */
    record Entry(String id, Path frame, Mapped record, List<Path> pictures) {}

    static final String PREFIX = "r/";
    /** The bytes at the start of a picture that hold this tool's mark. */
    static final int MARK_BYTES = 4096;

    private final List<Entry> entries = new ArrayList<>();

    /**
     * Reads the results files; a bad line is told to {@code problems} and skipped, as the report does.
     *
     * @throws IOException when a file cannot be read at all
     */
    EarlierResults(List<Path> files, Consumer<String> problems) throws IOException {
        for (int k = 0; k < files.size(); k++) {
            Path file = files.get(k);
            Path base = file.toAbsolutePath().getParent();
            Path realBase = base.toRealPath();
            List<Outcome> lines = ResultCodec.readLines(file, problems);
            for (int i = 0; i < lines.size(); i++) {
                if (!(lines.get(i) instanceof Mapped m) || m.frame() != null) {
                    continue;
                }
                Path frame = find(m.image(), base);
                if (frame == null) {
                    problems.accept(file + ": " + m.image() + ": the frame is not found (as written, or beside "
                            + file.getFileName() + ")");
                    continue;
                }
                String id = PREFIX + k + "/" + i;
                String at = "/api/results/" + k + "/" + i + "/pictures/";
                List<Path> pictures = new ArrayList<>();
                UnaryOperator<String> url = p -> {
                    Path f = p == null || p.endsWith(".npy") ? null : find(p, base);
                    f = f == null ? null : ownPicture(f, realBase).orElse(null);
                    if (f == null) {
                        return null;
                    }
                    pictures.add(f);
                    return at + (pictures.size() - 1);
                };
                UnaryOperator<Outputs> all = o -> new Outputs(url.apply(o.overlay()), url.apply(o.map()),
                        url.apply(o.worst()), url.apply(o.flips()), null, null, null);
                Mapped withUrls = m.withOutputs(m.outputs() == null ? null : all.apply(m.outputs()), all);
                entries.add(new Entry(id, frame, withUrls, List.copyOf(pictures)));
            }
        }
    }

    /**
     * The real path of a picture a record names, when it is this tool's: a regular file inside the
     * results file's folder once links are resolved, carrying the PNG or JPEG mark this tool writes
     * (as {@link dev.occlude.io.OwnFiles} tells its own files). Anything else is never served.
     */
    static Optional<Path> ownPicture(Path f, Path realBase) {
        try {
            Path real = f.toRealPath();
            return real.startsWith(realBase) && Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)
                    && marked(head(real)) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first 4 KB of a file (where the marks are written), links not followed. */
    static byte[] head(Path real) throws IOException {
        try (InputStream in = Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS)) {
            return in.readNBytes(MARK_BYTES);
        }
    }

    /** Whether bytes that start a file carry this tool's PNG or JPEG mark. */
    static boolean marked(byte[] head) {
        return head != null && (PngFiles.isMarked(head) || JpegFiles.isMarked(head));
    }

    /** The file a line names ({@link LinePaths#find}), absolute: serve checks it against the results file's folder. */
    private static Path find(String path, Path base) {
        Path found = LinePaths.find(path, base);
        return found == null ? null : found.toAbsolutePath();
    }

    List<Entry> entries() {
        return entries;
    }

    /** The entry of an id {@code r/K/I}. */
    Optional<Entry> entry(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** The entry of file K, record I (as the API's path names it). */
    Optional<Entry> entry(String k, String i) {
        return entry(PREFIX + k + "/" + i);
    }
}
