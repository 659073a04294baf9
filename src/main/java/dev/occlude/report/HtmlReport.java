package dev.occlude.report;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.occlude.io.AtomicFiles;
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
import java.util.ArrayList;
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
    public Path write(List<JsonObject> lines, Path base) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        JsonArray images = new JsonArray();
        JsonArray errors = new JsonArray();
        Set<String> classes = new LinkedHashSet<>();
        boolean labelled = false;
        JsonObject settings = new JsonObject();
        int n = 0;
        for (JsonObject line : lines) {
            String image = string(line, "image");
            if (line.has("error")) {
                JsonObject e = new JsonObject();
                e.addProperty("image", image);
                e.addProperty("error", string(line, "error"));
                errors.add(e);
                continue;
            }
            n++;
            JsonObject prediction = line.getAsJsonObject("prediction");
            JsonObject probabilities = prediction.getAsJsonObject("probabilities");
            classes.addAll(probabilities.keySet());
            JsonObject row = new JsonObject();
            row.addProperty("image", image);
            row.addProperty("predicted", string(prediction, "class"));
            row.add("probabilities", probabilities);
            if (line.has("target")) {
                row.addProperty("target", string(line, "target"));
            }
            if (line.has("min")) {
                row.add("min", line.getAsJsonObject("min").get("probability"));
            }
            if (line.has("label")) {
                labelled = true;
                row.addProperty("label", string(line, "label"));
                row.addProperty("mistake", line.get("mistake").getAsBoolean());
            }
            if (line.has("outputs")) {
                Path overlay = resolve(string(line.getAsJsonObject("outputs"), "overlay"), base);
                if (overlay != null) {
                    String stem = String.format(Locale.ROOT, "%05d-%s", n, safe(Path.of(image).getFileName().toString()));
                    Path full = dir.resolve("images").resolve(stem + ".png");
                    Path thumb = dir.resolve("images").resolve(stem + ".thumb.png");
                    AtomicFiles.write(full, out -> Files.copy(overlay, out));
                    BufferedImage small = thumbnail(ImageIO.read(overlay.toFile()));
                    AtomicFiles.write(thumb, out -> ImageIO.write(small, "png", out));
                    row.addProperty("full", "images/" + full.getFileName());
                    row.addProperty("thumb", "images/" + thumb.getFileName());
                }
            }
            if (settings.size() == 0) {
                settings.addProperty("model", string(line, "model"));
                settings.addProperty("patch", line.has("patch") ? line.get("patch").getAsString() : "-");
                settings.addProperty("stride", line.has("stride") ? line.get("stride").getAsString() : "-");
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

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private static String template() throws IOException {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/report/index.html")) {
            if (in == null) {
                throw new IOException("the report template is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads a results file: one JSON object per line; blank lines skipped. */
    public static List<JsonObject> readLines(Path jsonl) throws IOException {
        List<JsonObject> lines = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(com.google.gson.JsonParser.parseString(line).getAsJsonObject());
            } catch (RuntimeException e) {
                throw new IOException(jsonl + ":" + number + ": not a JSON object line");
            }
        }
        return lines;
    }
}
