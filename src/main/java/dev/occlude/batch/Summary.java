package dev.occlude.batch;

import dev.occlude.io.AtomicFiles;
import dev.occlude.result.Classification;
import dev.occlude.result.Failed;
import dev.occlude.result.Frame;
import dev.occlude.result.Label;
import dev.occlude.result.Mapped;
import dev.occlude.result.Metrics;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Outcome;
import dev.occlude.result.Triage;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The summary CSV: one row per image (or video frame, with its frame and time), flattened from
 * its outcome; written atomically when the run is done. Text that comes from outside (file names,
 * labels, class names, errors) is written so that a spreadsheet shows it rather than runs it.
 */
final class Summary implements OutcomeSink {
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
                "random_deletion_auc", "random_insertion_auc", "pointing_hit", "frame", "time", "triage", "triage_drop",
                "focus_x", "focus_y", "focus_width", "focus_height"));
        return h;
    }

    @Override
    public void accept(Outcome r) {
        Mapped m = r instanceof Mapped x ? x : null;
        List<String> row = new ArrayList<>();
        row.add(SpreadsheetCells.text(r.image()));
        Classification c = r.classification();
        row.addAll(c == null ? blanks(3) : List.of(text(c.width()), text(c.height()),
                SpreadsheetCells.text(c.model())));
        row.add(c == null ? "" : SpreadsheetCells.text(c.prediction().className()));
        for (String name : classes) {
            row.add(c == null || c.prediction().classes().indexOf(name) < 0 ? ""
                    : text(c.prediction().probability(name)));
        }
        row.add(m == null ? "" : SpreadsheetCells.text(m.target().name()));
        MinPatch min = m == null ? null : m.min();
        row.addAll(min == null ? blanks(5) : List.of(text(min.probability()), text(min.x()), text(min.y()),
                text(min.width()), text(min.height())));
        row.add(m == null ? "" : text(m.scan().variants()));
        row.add(m == null ? "" : text(m.scan().skipped()));
        Label label = r.label();
        row.add(label == null ? "" : SpreadsheetCells.text(label.label()));
        row.add(label == null ? "" : text(label.mistake()));
        row.add(m == null || m.outputs() == null ? "" : SpreadsheetCells.text(text(m.outputs().overlay())));
        row.add(m == null || m.outputs() == null ? "" : SpreadsheetCells.text(text(m.outputs().map())));
        row.add(m == null ? "" : text(m.seconds()));
        row.add(r instanceof Failed f ? SpreadsheetCells.text(f.error()) : "");
        row.add(m == null ? "" : m.fill().kind());
        row.add(m == null || m.flips() == null ? "" : text(m.flips().count()));
        Metrics metrics = m == null ? null : m.metrics();
        row.addAll(metrics == null ? blanks(4) : List.of(text(metrics.deletionAuc()), text(metrics.insertionAuc()),
                text(metrics.randomDeletionAuc()), text(metrics.randomInsertionAuc())));
        row.add(m == null || m.pointing() == null ? "" : text(m.pointing().hit()));
        Frame frame = r.frame();
        row.add(frame == null ? "" : text(frame.index()));
        row.add(frame == null ? "" : text(frame.time()));
        Triage t = m == null ? null : m.triage();
        row.addAll(t == null ? blanks(6) : List.of(t.kind(), text(t.drop()), text(t.focus().x()), text(t.focus().y()),
                text(t.focus().width()), text(t.focus().height())));
        rows.add(row);
    }

    private static List<String> blanks(int n) {
        return Collections.nCopies(n, "");
    }

    /** A field as the JSON line writes it; empty when absent. */
    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    @Override
    public int finish(Problems problems) {
        try {
            write();
            return 0;
        } catch (IOException e) {
            return problems.report(file + ": cannot write the summary (" + e.getMessage() + ")");
        }
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
