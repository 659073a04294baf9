package dev.occlude.io;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A regions file: CSV with a header, columns {@code file,x,y,w,h} (source pixels), one region of
 * interest per image. Files are matched by their path as written, or by file name.
 */
public final class Regions {
    private final Map<String, Rectangle> byFile = new HashMap<>();

    private Regions() {}

    /** Reads a regions file (header {@code file,x,y,w,h}); an IOException names the file and line. */
    public static Regions read(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            throw new IOException(csv + ": no such regions file");
        }
        Regions regions = new Regions();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
        try (Reader r = CsvFiles.open(csv)) {
            var parser = format.parse(r);
            for (String column : new String[] {"file", "x", "y", "w", "h"}) {
                if (!parser.getHeaderMap().containsKey(column)) {
                    throw new IOException(csv + ": a regions file needs a header with the columns file,x,y,w,h");
                }
            }
            for (CSVRecord row : parser) {
                try {
                    Rectangle box = new Rectangle(Integer.parseInt(row.get("x")), Integer.parseInt(row.get("y")),
                            Integer.parseInt(row.get("w")), Integer.parseInt(row.get("h")));
                    if (box.width < 1 || box.height < 1) {
                        throw new NumberFormatException("empty");
                    }
                    regions.byFile.put(row.get("file"), box);
                } catch (NumberFormatException e) {
                    throw new IOException(csv + ": line " + row.getRecordNumber() + ": x,y,w,h must be whole numbers, "
                            + "w and h at least 1");
                }
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(csv + ": not a readable regions CSV (" + e.getMessage() + ")");
        }
        return regions;
    }

    /** The region of an image, by its path as given or by its file name. */
    public Optional<Rectangle> find(Path image) {
        Rectangle r = byFile.get(image.toString());
        if (r == null && image.getFileName() != null) {
            r = byFile.get(image.getFileName().toString());
        }
        return Optional.ofNullable(r);
    }
}
