package dev.occlude.io;

import dev.occlude.util.Durations;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A labels file: CSV with a header, columns {@code file,class} and optionally {@code boxes}
 * ("x y w h" per object, or "x y w h class" naming the object's class, separated by ';', in source
 * pixels; an empty cell under a boxes column says the image has none) and {@code time} (for a video: the
 * class holds from that time, in seconds or as m:ss, until the file's next row). A row names
 * every input whose path ends with its path ({@code ./} dropped), and two rows that could name
 * one file are refused; boxes must have an area and start inside the picture (and end inside
 * it, checked against each picture by {@link Entry#boxesOutside}).
 */
public final class Labels implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * One labelled image.
     *
     * @param file the file as the labels name it
     * @param label its true class
     * @param boxes its objects' boxes (source pixels)
     * @param boxClasses each box's class, or null where the box names none
     * @param boxesKnown whether the file has a boxes column: then no boxes means the image has no object
     * @param source the labels file, as messages name it (null for an entry made by hand)
     * @param line the entry's row in it (0 for an entry made by hand)
     */
    public record Entry(String file, String label, List<Rectangle> boxes, List<String> boxClasses, boolean boxesKnown,
                        String source, long line) implements Serializable {
        /** An entry whose boxes name no class. */
        public Entry(String file, String label, List<Rectangle> boxes) {
            this(file, label, boxes, Collections.nCopies(boxes.size(), null), !boxes.isEmpty());
        }

        /** An entry made by hand, of no labels file. */
        public Entry(String file, String label, List<Rectangle> boxes, List<String> boxClasses, boolean boxesKnown) {
            this(file, label, boxes, boxClasses, boxesKnown, null, 0);
        }

        /**
         * What is wrong with the boxes on a picture of this size: one line naming the labels file,
         * the row and the first box not wholly inside it; empty when every box is.
         */
        public Optional<String> boxesOutside(int width, int height) {
            for (Rectangle b : boxes) {
                if (b.x + (long) b.width > width || b.y + (long) b.height > height) {
                    return Optional.of((source != null ? source + ": line " + line + " (" + file + ")" : file)
                            + ": the box " + b.x + " " + b.y + " " + b.width + " " + b.height + " lies outside the "
                            + width + "x" + height + " picture");
                }
            }
            return Optional.empty();
        }
    }

    private final Map<String, Entry> byFile = new LinkedHashMap<>();
    /** Each file key ({@link FileKeys}) → the line of its first row. */
    private final Map<String, Long> lines = new HashMap<>();
    /** The file the labels came from, as messages name it. */
    private String source; // a String: the labels travel to Spark's executors, and a Path is not Serializable
    /** A video's rows with a time: the class from each time on. */
    private final Map<String, TreeMap<Double, Entry>> byFileAndTime = new LinkedHashMap<>();

    private Labels() {}

    /**
     * Reads a labels file (header {@code file,class}, optional {@code boxes}, {@code lamps}, {@code time}); an IOException names the file and line.
     */
    public static Labels read(Path csv) throws IOException {
        String problem = CsvFiles.problem(csv, "labels", "file,class");
        if (problem != null) {
            throw new IOException(problem);
        }
        try (Reader r = CsvFiles.open(csv)) {
            return parse(r, csv);
        }
    }

    /**
     * Labels from a labels file's text, as the driver of a distributed job read it (its executors
     * share no disk with it); {@code name} names the file in messages.
     */
    public static Labels parse(String text, Path name) throws IOException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return parse(new StringReader(body), name);
    }

    private static Labels parse(Reader r, Path csv) throws IOException {
        Labels labels = new Labels();
        labels.source = csv.toString();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
        Map<String, Long> firstLine = new HashMap<>();
        try {
            var parser = format.parse(r);
            if (!parser.getHeaderMap().containsKey("file") || !parser.getHeaderMap().containsKey("class")) {
                throw new IOException(csv + ": a labels file needs a header with the columns file,class");
            }
            boolean hasBoxes = parser.getHeaderMap().containsKey("boxes");
            boolean hasTime = parser.getHeaderMap().containsKey("time");
            for (CSVRecord row : parser) {
                String file = FileKeys.key(csv, CsvFiles.line(row), row.get("file"));
                labels.lines.putIfAbsent(file, CsvFiles.line(row));
                List<String> boxClasses = new ArrayList<>();
                List<Rectangle> boxes = hasBoxes && row.isSet("boxes")
                        ? parseBoxes(csv + ": line " + CsvFiles.line(row), row.get("boxes"), boxClasses) : List.of();
                Entry entry = new Entry(file, row.get("class"), boxes, boxClasses, hasBoxes, labels.source,
                        CsvFiles.line(row));
                boolean timed = hasTime && row.isSet("time") && !row.get("time").isBlank();
                String key = timed ? file + " at " + row.get("time") : file;
                Long earlier = firstLine.putIfAbsent(key, CsvFiles.line(row));
                if (earlier != null) {
                    throw new IOException(csv + ": line " + CsvFiles.line(row) + ": a second row for " + key
                            + " (the first is line " + earlier + "); one row per " + (timed ? "time" : "file"));
                }
                if (timed) {
                    labels.byFileAndTime.computeIfAbsent(file, f -> new TreeMap<>())
                            .put(time(csv, row.get("time")), entry);
                } else {
                    labels.byFile.put(file, entry);
                }
            }
            FileKeys.checkDistinct(csv, labels.lines);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new IOException(csv + ": not UTF-8 text");
            }
            throw new IOException(csv + ": not a readable labels CSV (" + e.getMessage() + ")");
        } catch (CharacterCodingException e) {
            throw new IOException(csv + ": not UTF-8 text");
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(csv.toString()) ? e
                    : new IOException(csv + ": cannot read (" + e.getMessage() + ")", e);
        }
        return labels;
    }

    private static double time(Path csv, String text) throws IOException {
        try {
            return Durations.seconds(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(csv + ": a time is seconds (12.5) or m:ss (1:02.5), got '" + text + "'");
        }
    }

    /** The boxes of a cell; each box's class (or null) is added to {@code classes}. */
    static List<Rectangle> parseBoxes(String csv, String text, List<String> classes) throws IOException {
        List<Rectangle> boxes = new ArrayList<>();
        if (text.isBlank()) {
            return boxes;
        }
        for (String box : text.split(";")) {
            String[] v = box.trim().split("[\\s,]+"); // x y w h [class], or x,y,w,h[,class] in a quoted cell
            if (v.length != 4 && v.length != 5) {
                throw new IOException(csv + ": a box is 'x y width height' or 'x y width height class', got '" + box + "'");
            }
            classes.add(v.length == 5 ? v[4] : null);
            Rectangle r;
            try {
                r = new Rectangle(Integer.parseInt(v[0]), Integer.parseInt(v[1]),
                        Integer.parseInt(v[2]), Integer.parseInt(v[3]));
            } catch (NumberFormatException e) {
                throw new IOException(csv + ": a box is 'x y width height' or 'x y width height class', got '" + box + "'");
            }
            if (r.x < 0 || r.y < 0 || r.width < 1 || r.height < 1) {
                throw new IOException(csv + ": the box '" + box.trim() + "' lies outside the picture or has no area "
                        + "(x and y from 0, width and height from 1)");
            }
            boxes.add(r);
        }
        return boxes;
    }

    /** Every row, in the file's order. */
    public List<Entry> entries() {
        List<Entry> all = new ArrayList<>(byFile.values());
        byFileAndTime.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /**
     * One input's labels, found once and carried with it: its row without a time, and a video's
     * rows by time.
     *
     * @param image the input's row without a time (null for none)
     * @param byTime a video's rows with a time, by their time (empty for none)
     */
    public record ForInput(Entry image, NavigableMap<Double, Entry> byTime) implements Serializable {
        /** An input of a run without labels, or that the labels do not name. */
        public static final ForInput NONE = new ForInput(null, new TreeMap<>());

        /**
         * The label of the video's frame at {@code time} seconds: the row with the latest time at or
         * before it, else the row without a time; null when there is none.
         */
        public Entry at(double time) {
            Map.Entry<Double, Entry> e = byTime.floorEntry(time + 1e-6);
            return e != null ? e.getValue() : image;
        }

        /** The label of the input, or with {@code time} (not null) of its frame at that time. */
        public Entry at(Double time) {
            return time == null ? image : at(time.doubleValue());
        }
    }

    /** The labels of the input at this path: its rows by the path's ending ({@link FileKeys}). */
    public ForInput of(Path input) {
        NavigableMap<Double, Entry> timed = new TreeMap<>();
        for (String key : FileKeys.of(input)) {
            if (byFileAndTime.containsKey(key)) {
                timed = byFileAndTime.get(key);
                break;
            }
        }
        return new ForInput(find(input), timed);
    }

    /** The label of a video's frame at {@code time} seconds ({@link ForInput#at(double)}). */
    public Entry find(Path video, double time) {
        return of(video).at(time);
    }

    /** The label of an image: the row whose path the image's path ends with ({@link FileKeys}); null when unlabelled. */
    public Entry find(Path image) {
        for (String key : FileKeys.of(image)) {
            Entry e = byFile.get(key);
            if (e != null) {
                return e;
            }
        }
        return null;
    }
}
