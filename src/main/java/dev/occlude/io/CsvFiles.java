package dev.occlude.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVRecord;

/** CSV files as spreadsheets write them. */
final class CsvFiles {
    private CsvFiles() {}

    /** Why {@code csv} cannot be read as a {@code kind} file ("labels", "regions"), in one line naming it; null when it can. */
    static String problem(Path csv, String kind, String columns) {
        if (!Files.exists(csv)) {
            return InputFiles.missing(csv).replace(": no such file", ": no such " + kind + " file");
        }
        if (Files.isDirectory(csv)) {
            return csv + ": a folder, not a " + kind + " file (a CSV with the columns " + columns + ")";
        }
        if (!Files.isRegularFile(csv)) {
            return csv + ": a special file (FIFO, device or socket), not a " + kind + " file";
        }
        return Files.isReadable(csv) ? null : csv + ": permission denied";
    }

    /** The line a record starts on, for a file with a header line and no line breaks inside fields. */
    static long line(CSVRecord row) {
        return row.getRecordNumber() + 1;
    }

    /** A UTF-8 reader past the byte-order mark, when there is one (spreadsheets write one). */
    static BufferedReader open(Path csv) throws IOException {
        BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        r.mark(1);
        if (r.read() != '\uFEFF') {
            r.reset();
        }
        return r;
    }
}
