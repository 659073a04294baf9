package dev.occlude.io;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
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
        String problem = CsvFiles.problem(csv, "regions", "file,x,y,w,h");
        if (problem != null) {
            throw new IOException(problem);
        }
        Map<String, Long> firstLine = new HashMap<>();
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
                    String file = FileKeys.key(csv, CsvFiles.line(row), row.get("file"));
                    Long earlier = firstLine.putIfAbsent(file, CsvFiles.line(row));
                    if (earlier != null) {
                        throw new IOException(csv + ": line " + CsvFiles.line(row) + ": a second row for "
                                + row.get("file") + " (the first is line " + earlier + "); one region per file");
                    }
                    regions.byFile.put(file, box);
                } catch (NumberFormatException e) {
                    throw new IOException(csv + ": line " + row.getRecordNumber() + ": x,y,w,h must be whole numbers, "
                            + "w and h at least 1");
                }
            }
            FileKeys.checkDistinct(csv, firstLine);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new IOException(csv + ": not UTF-8 text");
            }
            throw new IOException(csv + ": not a readable regions CSV (" + e.getMessage() + ")");
        } catch (CharacterCodingException e) {
            throw new IOException(csv + ": not UTF-8 text");
        }
        return regions;
    }

    /** The region of an image: the row whose path the image's path ends with ({@link FileKeys}). */
    public Optional<Rectangle> find(Path image) {
        for (String key : FileKeys.of(image)) {
            Rectangle r = byFile.get(key);
            if (r != null) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
