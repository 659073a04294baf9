package dev.occlude.report;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.occlude.io.AtomicFiles;
import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import dev.occlude.io.Npy;
import dev.occlude.io.PngFiles;
import dev.occlude.render.Legend;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.result.Box;
import dev.occlude.result.ClassResult;
import dev.occlude.result.Classified;
import dev.occlude.result.Failed;
import dev.occlude.result.Mapped;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Outcome;
import dev.occlude.result.Outputs;
import dev.occlude.result.PassResult;
import dev.occlude.result.Prediction;
import dev.occlude.result.SizeResult;
import dev.occlude.util.Text;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * One HTML page for a run, built from its JSON lines: a small thumbnail per image (rendered at its
 * size from the source and the map, not the overlay shrunk), every map the image has (main, each
 * pass with its probability, each class, each patch size, the mean of sizes) one click away in a
 * viewer, predictions, labels and mistakes, sorting, filters, search by name, a clickable
 * confusion matrix, and pages of cards with lazily loaded pictures so that ten thousand images
 * open at once. Overlays are linked where they lie (relative links), or copied into the report's
 * folder with {@code copy}; data and script are inline, so the page works from file:// and any
 * static server. A video's frames make one card: its timeline, its annotated video, its frames'
 * overlays in the viewer.
 */
public final class HtmlReport {
    private static final int THUMB_WIDTH = 240;

    private final Path dir;
    private final boolean copy;
    /** Thumbnails already made, by overlay: rows that share an overlay share its thumbnail. */
    private final Map<Path, String> thumbs = new java.util.HashMap<>();

    /** A report that links the overlays in place. */
    public HtmlReport(Path dir) {
        this(dir, false);
    }

    /** A report in {@code dir}; {@code copy}: the overlays copied into it, so the folder travels alone. */
    public HtmlReport(Path dir, boolean copy) {
        this.dir = dir;
        this.copy = copy;
    }

    /**
     * Writes DIR/index.html and DIR/images/ (thumbnails, and copies when asked). Output paths in
     * the lines are read as given when they exist, else relative to {@code base} (the folder of a
     * results file).
     */
    public Path write(List<Outcome> lines, Path base) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        JsonArray images = new JsonArray();
        JsonArray errors = new JsonArray();
        Set<String> classes = new LinkedHashSet<>();
        boolean labelled = false;
        JsonObject settings = new JsonObject();
        List<ThumbnailJob> jobs = new java.util.ArrayList<>();
        int n = 0;
        Map<String, List<Outcome>> videos = framesByVideo(lines);
        for (Outcome line : lines) {
            if (line.frame() != null && !line.failed()) {
                List<Outcome> frames = videos.remove(line.image());
                if (frames != null) { // the video's first frame: one card for all of them
                    n++;
                    JsonObject row = videoRow(frames, base, n, jobs);
                    classes.addAll(line.classification().prediction().classes());
                    labelled |= frames.stream().anyMatch(f -> f.label() != null);
                    images.add(row);
                }
                continue;
            }
            if (line instanceof Failed f) {
                JsonObject e = new JsonObject();
                e.addProperty("image", f.image());
                e.addProperty("error", f.error());
                errors.add(e);
                continue;
            }
            n++;
            classes.addAll(line.classification().prediction().classes());
            JsonObject row = row(line);
            if (line.label() != null) {
                labelled = true;
            }
            String stem = String.format(Locale.ROOT, "%05d-%s", n,
                    Text.safeFileName(Path.of(line.image()).getFileName().toString()));
            Mapped mapped = line instanceof Mapped m ? m : null;
            if (mapped != null && mapped.outputs() != null) {
                Path overlay = resolve(mapped.outputs().overlay(), base);
                if (overlay != null) {
                    JsonArray maps = maps(mapped, base, stem);
                    row.add("maps", maps);
                    String thumb = thumbs.get(overlay.toAbsolutePath().normalize());
                    if (thumb == null) {
                        Path file = dir.resolve("images").resolve(stem + ".thumb.png");
                        jobs.add(() -> {
                            BufferedImage small = thumbnail(mapped, overlay, base);
                            AtomicFiles.write(file, out -> PngFiles.writeMarked(small, out));
                        });
                        thumb = "images/" + file.getFileName();
                        thumbs.put(overlay.toAbsolutePath().normalize(), thumb);
                    }
                    row.addProperty("thumb", thumb);
                    // the main map, linked (or copied) once, first in the list
                    row.add("full", maps.get(0).getAsJsonObject().get("href"));
                    // the class-change picture and the per-patch table travel with the report too
                    linkBeside(row, "flipsFile", mapped.outputs().flips(), base, stem + ".flip.png");
                    linkBeside(row, "tableFile", mapped.outputs().table(), base, stem + ".patches.csv");
                }
            }
            if (settings.size() == 0) {
                settings.addProperty("model", line.classification().model());
                settings.addProperty("patch", mapped != null ? String.valueOf(mapped.scan().patch()) : "-");
                settings.addProperty("stride", mapped != null ? String.valueOf(mapped.scan().stride()) : "-");
            }
            images.add(row);
        }
        writeThumbnails(jobs);
        settings.addProperty("date", ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")));
        if (!settings.has("model")) {
            settings.addProperty("model", "-");
            settings.addProperty("patch", "-");
            settings.addProperty("stride", "-");
        }
        JsonObject data = new JsonObject();
        data.add("settings", settings);
        JsonArray classList = new JsonArray();
        classes.forEach(classList::add);
        data.add("classes", classList);
        data.addProperty("labelled", labelled);
        data.add("images", images);
        data.add("errors", errors);
        // inside <script>, "</" would end the element: JSON allows escaping the slash
        String json = new Gson().toJson(data).replace("</", "<\\/");
        String html = template().replace("/*DATA*/", json);
        Path index = dir.resolve("index.html");
        AtomicFiles.write(index, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        return index;
    }

    /** The mapped frames of each video, by video, in the order the lines give them. */
    private static Map<String, List<Outcome>> framesByVideo(List<Outcome> lines) {
        Map<String, List<Outcome>> videos = new java.util.LinkedHashMap<>();
        for (Outcome line : lines) {
            if (line.frame() != null && !line.failed()) {
                videos.computeIfAbsent(line.image(), k -> new java.util.ArrayList<>()).add(line);
            }
        }
        return videos;
    }

    /**
     * A video's card: what its most fragile frame (the lowest probability with a patch hidden)
     * says, the timeline as its picture, the annotated video linked, every frame's overlay (when
     * the frames' files were kept) in the viewer after the timeline.
     */
    private JsonObject videoRow(List<Outcome> frames, Path base, int n, List<ThumbnailJob> jobs) throws IOException {
        Outcome worst = frames.stream().filter(Mapped.class::isInstance)
                .min(java.util.Comparator.comparingDouble(f -> ((Mapped) f).min().probability())).orElse(frames.get(0));
        JsonObject row = row(worst);
        String stem = String.format(Locale.ROOT, "%05d-%s", n, Text.safeFileName(Path.of(worst.image()).getFileName().toString()));
        JsonObject video = new JsonObject();
        video.addProperty("frames", frames.size());
        video.addProperty("worstTime", worst.frame().time());
        video.addProperty("mistakes", frames.stream().filter(f -> f.label() != null && f.label().mistake()).count());
        Outputs own = worst instanceof Mapped m ? m.outputs() : null;
        Path mp4 = own == null || own.video() == null ? null : resolve(own.video(), base);
        if (mp4 != null) {
            video.addProperty("href", link(mp4, stem + ".occlusion.mp4"));
        }
        row.add("video", video);
        Path timeline = own == null || own.timeline() == null ? null : resolve(own.timeline(), base);
        JsonArray maps = new JsonArray();
        if (timeline != null) {
            JsonObject m = new JsonObject();
            m.addProperty("name", "timeline");
            m.addProperty("href", link(timeline, stem + ".timeline.png"));
            maps.add(m);
            Path file = dir.resolve("images").resolve(stem + ".thumb.png");
            jobs.add(() -> {
                BufferedImage small = scaled(ImageIO.read(timeline.toFile()), THUMB_WIDTH);
                AtomicFiles.write(file, out -> PngFiles.writeMarked(small, out));
            });
            row.addProperty("thumb", "images/" + file.getFileName());
            row.add("full", m.get("href"));
        }
        for (Outcome o : frames) {
            if (o instanceof Mapped f && f.outputs() != null && f.outputs().overlay() != null) {
                add(maps, String.format(Locale.ROOT, "%.3f s: %s, worst patch p %.4f", f.frame().time(),
                        f.classification().prediction().className(), f.min().probability()),
                        f.outputs(), base, stem + "." + dev.occlude.video.VideoFrame.stamp(f.frame().time()) + ".png");
            }
        }
        if (maps.size() > 0) {
            row.add("maps", maps);
        }
        return row;
    }

    /** One thumbnail to render and write. */
    @FunctionalInterface
    private interface ThumbnailJob {
        void run() throws IOException;
    }

    /** Thumbnails are independent: decoded, rendered and encoded on every core. */
    private static void writeThumbnails(List<ThumbnailJob> jobs) throws IOException {
        try {
            jobs.parallelStream().forEach(j -> {
                try {
                    j.run();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** What a card shows of a line: prediction, label, the mapped class and its worst patch, the analyses. */
    private static JsonObject row(Outcome line) {
        Prediction prediction = line.classification().prediction();
        JsonObject row = new JsonObject();
        row.addProperty("image", line.image());
        row.addProperty("predicted", prediction.className());
        JsonObject probabilities = new JsonObject();
        for (int i = 0; i < prediction.classes().size(); i++) {
            probabilities.addProperty(prediction.classes().get(i), prediction.probabilities().get(i));
        }
        row.add("probabilities", probabilities);
        if (line instanceof Mapped m) {
            row.addProperty("target", m.target().name());
            row.addProperty("min", m.min().probability());
            if (m.region() != null) {
                Box r = m.region();
                row.addProperty("region", r.x() + "," + r.y() + " " + r.width() + "x" + r.height());
            }
            row.addProperty("fill", fillText(m.fill()));
            if (m.flips() != null) {
                JsonObject flips = new JsonObject();
                flips.addProperty("count", m.flips().count());
                JsonObject to = new JsonObject();
                m.flips().to().forEach(to::addProperty);
                flips.add("to", to);
                row.add("flips", flips);
            }
            if (m.metrics() != null) {
                row.add("metrics", new Gson().toJsonTree(m.metrics()));
            }
            if (m.pointing() != null) {
                row.addProperty("hit", m.pointing().hit());
            }
        }
        if (line.label() != null) {
            row.addProperty("label", line.label().label());
            row.addProperty("mistake", line.label().mistake());
        }
        if (line instanceof Classified) {
            row.addProperty("unmapped", true);
        }
        return row;
    }

    /** The fill as a card says it: grey 0.5, colour #ff8000, mean, blur sigma 8.0, noise seed 42. */
    private static String fillText(dev.occlude.occlusion.FillSpec fill) {
        String parameter;
        if (fill instanceof dev.occlude.occlusion.FillSpec.Grey g) {
            parameter = " " + g.level();
        } else if (fill instanceof dev.occlude.occlusion.FillSpec.Colour c) {
            parameter = " " + c.hex();
        } else if (fill instanceof dev.occlude.occlusion.FillSpec.Blur b) {
            parameter = " sigma " + b.sigma();
        } else if (fill instanceof dev.occlude.occlusion.FillSpec.Noise n) {
            parameter = " seed " + n.seed();
        } else {
            parameter = "";
        }
        return fill.kind() + parameter;
    }

    /** Every map of the line, each with its name and link: main, passes (with probabilities), classes, sizes, mean. */
    private JsonArray maps(Mapped line, Path base, String stem) throws IOException {
        JsonArray maps = new JsonArray();
        add(maps, "main: " + line.target().name(), line.outputs(), base, stem + ".png");
        if (!line.passes().isEmpty()) {
            for (PassResult p : line.passes()) {
                if (p.pass() > 1) {
                    add(maps, String.format(Locale.ROOT, "pass %d (p %.4f with earlier patches hidden)", p.pass(),
                            p.probability()), p.outputs(), base, stem + ".pass" + p.pass() + ".png");
                }
            }
        }
        for (ClassResult c : line.classes()) {
            add(maps, "class " + c.className(), c.outputs(), base, stem + "." + Text.safeFileName(c.className()) + ".png");
        }
        if (!line.sizes().isEmpty()) {
            for (SizeResult z : line.sizes()) {
                add(maps, "patch " + z.patch() + " stride " + z.stride(), z.outputs(), base, stem + ".p" + z.patch() + ".png");
            }
        }
        if (line.combined() != null) {
            add(maps, "mean of patch sizes", line.combined(), base, stem + ".combined.png");
        }
        return maps;
    }

    private void add(JsonArray maps, String name, Outputs outputs, Path base, String copyName)
            throws IOException {
        Path overlay = outputs == null ? null : resolve(outputs.overlay(), base);
        if (overlay != null) {
            JsonObject m = new JsonObject();
            m.addProperty("name", name);
            m.addProperty("href", link(overlay, copyName));
            maps.add(m);
        }
    }

    /** The link to a file from the page: a copy in images/ (with copy), else a relative link to where it lies. */
    private String link(Path file, String copyName) throws IOException {
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

    /** Links an optional output and names it in the row; nothing when absent. */
    private void linkBeside(JsonObject row, String key, String path, Path base, String name) throws IOException {
        Path file = path == null ? null : resolve(path, base);
        if (file != null) {
            row.addProperty(key, link(file, name));
        }
    }

    private static Path resolve(String path, Path base) {
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
     * A thumbnail rendered at its size: the source and the map both scaled down, the colour laid on
     * as on the overlay, the worst patch outlined; no bar or caption to shrink into noise. When the
     * source or the map cannot be read, the overlay scaled down.
     */
    private static BufferedImage thumbnail(Mapped line, Path overlay, Path base) throws IOException {
        Path source = resolve(line.image(), base);
        Path mapFile = line.outputs().map() == null ? null : resolve(line.outputs().map(), base);
        if (source != null && mapFile != null) {
            try {
                BufferedImage image = new ImageLoader().load(source); // upright, as it was mapped
                Npy.Array2D map = Npy.read(mapFile);
                if (map.rows() == image.getHeight() && map.cols() == image.getWidth()) {
                    return smallPicture(line, image, map);
                }
            } catch (ImageLoadException | IOException | RuntimeException e) {
                // the overlay, scaled down, below
            }
        }
        return scaled(ImageIO.read(overlay.toFile()), THUMB_WIDTH);
    }

    private static BufferedImage smallPicture(Mapped line, BufferedImage image, Npy.Array2D map) {
        int w = Math.min(THUMB_WIDTH, image.getWidth());
        int h = Math.max(1, image.getHeight() * w / image.getWidth());
        float[] small = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                small[y * w + x] = map.data()[(y * map.rows() / h) * map.cols() + x * map.cols() / w];
            }
        }
        Legend legend = new Legend(line.map() == dev.occlude.occlusion.MapKind.DROP, line.cleanProbability(), List.of());
        MinPatch m = line.min();
        List<OverlayRenderer.Mark> marks = m == null ? List.of() : List.of(new OverlayRenderer.Mark(new Rectangle(
                m.x() * w / image.getWidth(), m.y() * h / image.getHeight(), Math.max(2, m.width() * w / image.getWidth()),
                Math.max(2, m.height() * h / image.getHeight())), null));
        return new OverlayRenderer().picture(scaled(image, w), small, marks, legend);
    }

    private static BufferedImage scaled(BufferedImage image, int width) {
        if (image.getWidth() <= width) {
            return image;
        }
        int h = Math.max(1, image.getHeight() * width / image.getWidth());
        BufferedImage small = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, width, h, null);
        g.dispose();
        return small;
    }

    private static String template() throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/report/index.html")) {
            if (in == null) {
                throw new IOException("the report template is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
