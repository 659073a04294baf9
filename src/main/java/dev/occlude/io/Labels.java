package dev.occlude.io;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A labels file: CSV with a header, columns {@code file,class} and optionally {@code boxes}
 * ("x y w h" per object, separated by ';', in source pixels). Files are matched by their path as
 * written, or by file name.
 */
public final class Labels {
    /** One labelled image. */
    public record Entry(String file, String label, List<Rectangle> boxes) {}

    private final Map<String, Entry> byFile = new LinkedHashMap<>();

    private Labels() {}

    public static Labels read(Path csv) throws IOException {
        Labels labels = new Labels();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
        if (!Files.exists(csv)) {
            throw new IOException(csv + ": no such labels file");
        }
        if (!Files.isRegularFile(csv)) {
            throw new IOException(csv + ": not a labels file (a CSV with the columns file,class is expected)");
        }
        try (Reader r = CsvFiles.open(csv)) {
            var parser = format.parse(r);
            if (!parser.getHeaderMap().containsKey("file") || !parser.getHeaderMap().containsKey("class")) {
                throw new IOException(csv + ": a labels file needs a header with the columns file,class");
            }
            boolean hasBoxes = parser.getHeaderMap().containsKey("boxes");
            for (CSVRecord row : parser) {
                String file = row.get("file");
                List<Rectangle> boxes = hasBoxes && row.isSet("boxes") ? parseBoxes(csv, row.get("boxes")) : List.of();
                labels.byFile.put(file, new Entry(file, row.get("class"), boxes));
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(csv + ": not a readable labels CSV (" + e.getMessage() + ")");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(csv + ": not UTF-8 text");
        }
        return labels;
    }

    static List<Rectangle> parseBoxes(Path csv, String text) throws IOException {
        List<Rectangle> boxes = new ArrayList<>();
        if (text.isBlank()) {
            return boxes;
        }
        for (String box : text.split(";")) {
            String[] v = box.trim().split("\\s+");
            if (v.length != 4) {
                throw new IOException(csv + ": a box is 'x y width height', got '" + box + "'");
            }
            try {
                boxes.add(new Rectangle(Integer.parseInt(v[0]), Integer.parseInt(v[1]),
                        Integer.parseInt(v[2]), Integer.parseInt(v[3])));
            } catch (NumberFormatException e) {
                throw new IOException(csv + ": a box is 'x y width height', got '" + box + "'");
            }
        }
        return boxes;
    }

    public List<Entry> entries() {
        return new ArrayList<>(byFile.values());
    }

    /** The label of an image, by its path as given or by its file name; null when unlabelled. */
    public Entry find(Path image) {
        Entry e = byFile.get(image.toString());
        if (e == null) {
            e = byFile.get(image.getFileName().toString());
        }
        return e;
    }
}
