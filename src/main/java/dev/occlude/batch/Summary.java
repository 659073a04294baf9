package dev.occlude.batch;

import dev.occlude.io.AtomicFiles;
import dev.occlude.result.ImageResult;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The summary CSV: one row per image (or video frame, with its frame and time), flattened from
 * its result; written atomically at the end.
 */
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
                "label", "mistake", "overlay", "map", "seconds", "error", "fill_kind", "flips", "deletion_auc", "insertion_auc",
                "random_deletion_auc", "random_insertion_auc", "pointing_hit", "frame", "time"));
        return h;
    }

    void add(ImageResult r) {
        List<String> row = new ArrayList<>();
        row.add(r.image());
        row.add(text(r.width()));
        row.add(text(r.height()));
        row.add(text(r.model()));
        ImageResult.Prediction prediction = r.prediction();
        row.add(prediction == null ? "" : prediction.className());
        for (String c : classes) {
            row.add(prediction == null ? "" : text(prediction.probabilities().get(c)));
        }
        row.add(text(r.target()));
        ImageResult.MinPatch min = r.min();
        if (min == null) {
            row.addAll(List.of("", "", "", "", ""));
        } else {
            row.addAll(List.of(text(min.probability()), text(min.x()), text(min.y()), text(min.width()), text(min.height())));
        }
        row.add(text(r.variants()));
        row.add(text(r.skipped()));
        row.add(text(r.label()));
        row.add(text(r.mistake()));
        row.add(r.outputs() == null ? "" : text(r.outputs().overlay()));
        row.add(r.outputs() == null ? "" : text(r.outputs().map()));
        row.add(text(r.seconds()));
        row.add(text(r.error()));
        row.add(text(r.fillKind()));
        row.add(r.flips() == null ? "" : text(r.flips().count()));
        ImageResult.Metrics m = r.metrics();
        row.add(m == null ? "" : text(m.deletionAuc()));
        row.add(m == null ? "" : text(m.insertionAuc()));
        row.add(m == null ? "" : text(m.randomDeletionAuc()));
        row.add(m == null ? "" : text(m.randomInsertionAuc()));
        row.add(r.pointing() == null ? "" : text(r.pointing().hit()));
        row.add(text(r.frame()));
        row.add(text(r.time()));
        rows.add(row);
    }

    /** A field as the JSON line writes it; empty when absent. */
    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
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
