package dev.occlude.picture;

import dev.occlude.io.AtomicFiles;
import dev.occlude.occlusion.ScanResult;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** NAME.patches.csv: x, y, width, height (the clipped patch, source pixels) and every class's probability per variant. */
final class PatchTable {
    private PatchTable() {}

    static void write(Path file, ScanResult scan, List<String> classes) throws IOException {
        List<String> header = new ArrayList<>(List.of("x", "y", "width", "height"));
        for (String c : classes) {
            header.add("p_" + c);
        }
        AtomicFiles.write(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder()
                    .setHeader(header.toArray(String[]::new)).build())) {
                for (int i = 0; i < scan.variants(); i++) {
                    Rectangle r = scan.patches().get(i);
                    List<Object> row = new ArrayList<>(List.of(r.x, r.y, r.width, r.height));
                    for (float p : scan.probabilities()[i]) {
                        row.add(p);
                    }
                    printer.printRecord(row);
                }
            }
        });
    }
}
