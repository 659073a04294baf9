package dev.occlude.result;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads and writes {@link Outcome}s as JSON lines (one object per line, UTF-8). */
public final class ResultCodec {
    private static final Gson VALUES = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping()
            .create();
    private static final Gson GSON = VALUES.newBuilder()
            .registerTypeHierarchyAdapter(Outcome.class, new OutcomeAdapter(VALUES).nullSafe()).create();

    private ResultCodec() {}

    /** The result as one line of JSON, without the line break. */
    public static String toLine(Outcome result) {
        return GSON.toJson(result, Outcome.class);
    }

    /**
     * A result from one JSON line.
     *
     * @throws IOException when the line is not a JSON object of that shape
     */
    public static Outcome fromLine(String line) throws IOException {
        try {
            Outcome r = GSON.fromJson(line, Outcome.class);
            if (r == null || r.image() == null) {
                throw new IOException("not a result line (no image)");
            }
            return r;
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException
                 | UnsupportedOperationException e) {
            throw new IOException("not a result line (" + reason(e) + ")", e);
        }
    }

    /** Gson's message without the troubleshooting link it appends on a line of its own. */
    private static String reason(Exception e) {
        String m = String.valueOf(e.getMessage());
        int see = m.indexOf("\nSee ");
        m = (see >= 0 ? m.substring(0, see) : m).replaceAll("^[\\w.]+(Exception|Error): ", "");
        return m.replaceAll("\\s+", " ").trim() + (m.contains("Unterminated") || m.contains("End of input")
                ? "; cut short?" : "");
    }

    /**
     * Every result in a results file, reading on past a bad line: each one (a line cut short by a
     * killed run, text that is not a result) is told to {@code problems} as one line naming the
     * file and line. An IOException when the file cannot be read at all, or is not UTF-8 text.
     */
    public static List<Outcome> readLines(Path file, Consumer<String> problems) throws IOException {
        List<Outcome> results = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) {
                    try {
                        results.add(fromLine(line));
                    } catch (IOException e) {
                        problems.accept(file + ": line " + n + ": " + e.getMessage());
                    }
                }
            }
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text, so not the JSON lines of a run", e);
        }
        return results;
    }

    /** Every non-blank line of a results file; a bad line is an IOException naming the file and line. */
    public static List<Outcome> readLines(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Outcome> results = readLines(file, problems::add);
        if (!problems.isEmpty()) {
            throw new IOException(problems.get(0));
        }
        return results;
    }

    /** A video's record as JSON. */
    public static String toJson(VideoRecord record) {
        return GSON.toJson(record);
    }

    /** A video's record from its JSON; an IOException when it is not one. */
    public static VideoRecord videoFromJson(String json) throws IOException {
        try {
            VideoRecord r = GSON.fromJson(json, VideoRecord.class);
            if (r == null || r.video() == null || r.results() == null) {
                throw new IOException("not a video's record");
            }
            return r;
        } catch (JsonParseException | IllegalStateException | IllegalArgumentException | NullPointerException
                 | UnsupportedOperationException e) {
            throw new IOException("not a video's record (" + e.getMessage() + ")", e);
        }
    }

    /** Six decimals: enough to tell 0.999912 from 0.999991, short enough to read. */
    public static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
