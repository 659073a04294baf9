package dev.occlude.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** CSV files as spreadsheets write them. */
final class CsvFiles {
    private CsvFiles() {}

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
