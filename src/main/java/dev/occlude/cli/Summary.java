package dev.occlude.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.occlude.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** --summary FILE.csv: one row per image, flattened from its JSON line; written atomically at the end. */
final class Summary {
    private final Path file;
    private final List<String> classes;
    private final List<List<String>> rows = new ArrayList<>();

    Summary(Path file, List<String> classes) {
        this.file = file;
        this.classes = classes;
    }

    List<String> header() {
        List<String> h = new ArrayList<>(List.of("image", "width", "height", "model", "predicted"));
        for (String c : classes) {
            h.add("p_" + c);
        }
        h.addAll(List.of("target", "min_probability", "min_x", "min_y", "min_width", "min_height", "variants", "skipped",
                "label", "mistake", "overlay", "map", "seconds", "error"));
        return h;
    }

    void add(JsonObject json) {
        List<String> row = new ArrayList<>();
        row.add(text(json, "image"));
        row.add(text(json, "width"));
        row.add(text(json, "height"));
        row.add(text(json, "model"));
        JsonObject prediction = json.has("prediction") ? json.getAsJsonObject("prediction") : new JsonObject();
        row.add(text(prediction, "class"));
        JsonObject p = prediction.has("probabilities") ? prediction.getAsJsonObject("probabilities") : new JsonObject();
        for (String c : classes) {
            row.add(text(p, c));
        }
        row.add(text(json, "target"));
        JsonObject min = json.has("min") ? json.getAsJsonObject("min") : new JsonObject();
        for (String k : new String[] {"probability", "x", "y", "width", "height"}) {
            row.add(text(min, k));
        }
        row.add(text(json, "variants"));
        row.add(text(json, "skipped"));
        row.add(text(json, "label"));
        row.add(text(json, "mistake"));
        JsonObject outputs = json.has("outputs") ? json.getAsJsonObject("outputs") : new JsonObject();
        row.add(text(outputs, "overlay"));
        row.add(text(outputs, "map"));
        row.add(text(json, "seconds"));
        row.add(text(json, "error"));
        rows.add(row);
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    void write() throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header().toArray(String[]::new)).build())) {
                for (List<String> row : rows) {
                    printer.printRecord(row);
                }
            }
        });
    }
}
