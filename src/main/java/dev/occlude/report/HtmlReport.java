package dev.occlude.report;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.occlude.io.AtomicFiles;
import dev.occlude.io.PngFiles;
import dev.occlude.result.ImageResult;
import dev.occlude.util.Text;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * One HTML page for a run, built from its JSON lines: thumbnails that open the full overlay,
 * predictions, labels and mistakes, sorting, filters and a clickable confusion matrix. Everything
 * it shows lives in its folder (images copied in, data and script inline), so it works from
 * file://, from any static server, and after the folder is moved.
 */
public final class HtmlReport {
    private static final int THUMB_WIDTH = 360;

    private final Path dir;

    public HtmlReport(Path dir) {
        this.dir = dir;
    }

    /**
     * Writes DIR/index.html and DIR/images/. Overlay paths in the lines are read as given when they
     * exist, else relative to {@code base} (the folder of a results file).
     */
    public Path write(List<ImageResult> lines, Path base) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        JsonArray images = new JsonArray();
        JsonArray errors = new JsonArray();
        Set<String> classes = new LinkedHashSet<>();
        boolean labelled = false;
        JsonObject settings = new JsonObject();
        int n = 0;
        for (ImageResult line : lines) {
            if (line.failed()) {
                JsonObject e = new JsonObject();
                e.addProperty("image", line.image());
                e.addProperty("error", line.error());
                errors.add(e);
                continue;
            }
            n++;
            ImageResult.Prediction prediction = line.prediction();
            classes.addAll(prediction.probabilities().keySet());
            JsonObject row = new JsonObject();
            row.addProperty("image", line.image());
            row.addProperty("predicted", prediction.className());
            JsonObject probabilities = new JsonObject();
            prediction.probabilities().forEach(probabilities::addProperty);
            row.add("probabilities", probabilities);
            if (line.target() != null) {
                row.addProperty("target", line.target());
            }
            if (line.min() != null) {
                row.addProperty("min", line.min().probability());
            }
            if (line.region() != null) {
                ImageResult.Box r = line.region();
                row.addProperty("region", r.x() + "," + r.y() + " " + r.width() + "x" + r.height());
            }
            if (line.fillKind() != null) {
                row.addProperty("fill", line.fillKind() + (line.fillColour() != null ? " " + line.fillColour()
                        : line.blurSigma() != null ? " sigma " + line.blurSigma() : line.seed() != null ? " seed " + line.seed()
                        : line.fill() != null ? " " + line.fill() : ""));
            }
            if (line.flips() != null) {
                JsonObject flips = new JsonObject();
                flips.addProperty("count", line.flips().count());
                JsonObject to = new JsonObject();
                line.flips().to().forEach(to::addProperty);
                flips.add("to", to);
                row.add("flips", flips);
            }
            if (line.metrics() != null) {
                row.add("metrics", new Gson().toJsonTree(line.metrics()));
            }
            if (line.pointing() != null) {
                row.addProperty("hit", line.pointing().hit());
            }
            if (line.label() != null) {
                labelled = true;
                row.addProperty("label", line.label());
                row.addProperty("mistake", Boolean.TRUE.equals(line.mistake()));
            }
            if (line.outputs() != null) {
                Path overlay = resolve(line.outputs().overlay(), base);
                if (overlay != null) {
                    String stem = String.format(Locale.ROOT, "%05d-%s", n,
                            Text.safeFileName(Path.of(line.image()).getFileName().toString()));
                    Path full = dir.resolve("images").resolve(stem + ".png");
                    Path thumb = dir.resolve("images").resolve(stem + ".thumb.png");
                    AtomicFiles.write(full, out -> Files.copy(overlay, out));
                    BufferedImage small = thumbnail(ImageIO.read(overlay.toFile()));
                    AtomicFiles.write(thumb, out -> PngFiles.writeMarked(small, out));
                    row.addProperty("full", "images/" + full.getFileName());
                    // the class-change picture and the per-patch table travel with the report too
                    copyBeside(row, "flipsFile", line.outputs().flips(), base, stem + ".flip.png");
                    copyBeside(row, "tableFile", line.outputs().table(), base, stem + ".patches.csv");
                    row.addProperty("thumb", "images/" + thumb.getFileName());
                }
            }
            if (settings.size() == 0) {
                settings.addProperty("model", line.model());
                settings.addProperty("patch", line.patch() != null ? line.patch().toString() : "-");
                settings.addProperty("stride", line.stride() != null ? line.stride().toString() : "-");
            }
            images.add(row);
        }
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

    /** Copies an optional output into images/ and names it in the row; nothing when absent. */
    private void copyBeside(JsonObject row, String key, String path, Path base, String name) throws IOException {
        Path file = path == null ? null : resolve(path, base);
        if (file != null) {
            AtomicFiles.write(dir.resolve("images").resolve(name), out -> Files.copy(file, out));
            row.addProperty(key, "images/" + name);
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

    private static BufferedImage thumbnail(BufferedImage image) {
        if (image.getWidth() <= THUMB_WIDTH) {
            return image;
        }
        int h = Math.max(1, image.getHeight() * THUMB_WIDTH / image.getWidth());
        BufferedImage small = new BufferedImage(THUMB_WIDTH, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, THUMB_WIDTH, h, null);
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
