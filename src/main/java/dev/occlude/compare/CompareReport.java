package dev.occlude.compare;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.io.AtomicFiles;
import dev.occlude.io.OwnFiles;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DIR/index.html of a compare run: a card per frame with its compare picture (both maps and their
 * difference), the verdict, both predictions and kinds, where each looks; filters by verdict and by
 * kind; the end-of-run table. One page, no network; pictures linked where they lie.
 */
public final class CompareReport {
    private CompareReport() {}

    /** Whether a results file's line is a compare line (both sides and a compare object). */
    public static boolean isCompareLine(String line) {
        try {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            return o.has("models") && o.has("compare");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Writes DIR/index.html from compare lines; a picture's relative path is read against {@code base}
     * (the results file's folder) when it is not found as given. Returns the page's path.
     *
     * @throws IOException when the page cannot be written, or DIR/index.html is not this tool's
     */
    public static Path write(Path dir, List<JsonObject> lines, Path base) throws IOException {
        Path index = dir.resolve("index.html");
        if (!OwnFiles.absentOrOwn(index)) {
            throw new IOException(index + " is not a report this tool wrote; name another folder");
        }
        Files.createDirectories(dir);
        JsonArray cards = new JsonArray();
        CompareTally tally = null;
        for (JsonObject line : lines) {
            JsonArray models = line.getAsJsonArray("models");
            Outcome a = outcome(models.get(0));
            Outcome b = outcome(models.get(1));
            if (tally == null) {
                tally = new CompareTally(name(a), name(b));
            }
            JsonObject c = line.getAsJsonObject("compare");
            JsonObject card = new JsonObject();
            card.add("image", line.get("image"));
            card.add("time", line.get("time"));
            card.add("compare", c);
            card.addProperty("models", name(a) + " | " + name(b));
            card.add("errors", errors(models));
            if (c.has("picture")) {
                card.addProperty("picture", link(dir, c.get("picture").getAsString(), base));
            }
            cards.add(card);
            Double distance = c.has("focus_distance") && !c.get("focus_distance").isJsonNull()
                    ? c.get("focus_distance").getAsDouble() : null;
            tally.add(line.get("image").getAsString(), a, b, Verdict.of(a, b), distance);
        }
        JsonObject page = new JsonObject();
        page.add("cards", cards);
        page.addProperty("table", tally == null ? "" : tally.table());
        String html = template().replace("/*DATA*/", new Gson().toJson(page).replace("</", "<\\/"));
        AtomicFiles.write(index, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
        return index;
    }

    private static JsonArray errors(JsonArray models) {
        JsonArray e = new JsonArray();
        for (JsonElement m : models) {
            e.add(m.isJsonObject() && m.getAsJsonObject().has("error") ? m.getAsJsonObject().get("error") : null);
        }
        return e;
    }

    private static Outcome outcome(JsonElement side) {
        try {
            return side == null || side.isJsonNull() ? null : ResultCodec.fromLine(side.toString());
        } catch (IOException e) {
            return null;
        }
    }

    private static String name(Outcome o) {
        return o == null || o.classification() == null ? "?" : o.classification().model();
    }

    /** The picture's link from the report's folder: relative, percent-encoded; null when it is not there. */
    private static String link(Path dir, String picture, Path base) {
        Path p = Path.of(picture);
        if (!Files.isRegularFile(p) && base != null && Files.isRegularFile(base.resolve(picture))) {
            p = base.resolve(picture);
        }
        if (!Files.isRegularFile(p)) {
            return null;
        }
        Path rel = dir.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
        List<String> parts = new ArrayList<>();
        for (Path part : rel) {
            parts.add(URLEncoder.encode(part.toString(), StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }

    private static String template() throws IOException {
        try (InputStream in = CompareReport.class.getResourceAsStream("/report/compare.html")) {
            if (in == null) {
                throw new IOException("the compare report's page is missing from the tool");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
