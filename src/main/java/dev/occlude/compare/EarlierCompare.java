package dev.occlude.compare;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.io.AtomicFiles;
import dev.occlude.io.OwnFiles;
import dev.occlude.result.Mapped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * NAME.compare.json beside NAME.compare.png: the frame's compare line, written last. With
 * {@code --skip-existing} a frame whose two sides are re-emitted has no scans to measure; where
 * each looks then comes from this record, when it was made from the same two settings and class.
 */
final class EarlierCompare {
    /** The fields of {@code compare} that need the scans. */
    private static final List<String> WHERE = List.of("class", "worst", "focus_distance", "overlap", "correlation",
            "picture");

    private EarlierCompare() {}

    /** The record's path for a compare picture's path. */
    static Path of(Path picture) {
        String name = picture.getFileName().toString();
        return picture.resolveSibling(name.substring(0, name.length() - ".png".length()) + ".json");
    }

    /** Writes the line as the frame's record, unless a file this tool did not write is there. */
    static void write(Path record, String line) throws IOException {
        if (!OwnFiles.absentOrOwn(record)) {
            throw new IOException(record + " is not a file this tool wrote; left as it is");
        }
        AtomicFiles.write(record, out -> out.write((line + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Copies into {@code compare} the earlier record's measures of where each looks, when its sides
     * had these settings and it measured {@code className}; returns whether it did.
     */
    static boolean reuse(Path record, Mapped a, Mapped b, String className, JsonObject compare) {
        try {
            if (!Files.isRegularFile(record)) {
                return false;
            }
            JsonObject earlier = JsonParser.parseString(Files.readString(record)).getAsJsonObject();
            var models = earlier.getAsJsonArray("models");
            JsonObject c = earlier.getAsJsonObject("compare");
            if (models == null || models.size() != 2 || c == null || !c.has("class")
                    || !c.get("class").getAsString().equals(className)
                    || !settings(models.get(0)).equals(a.settings()) || !settings(models.get(1)).equals(b.settings())) {
                return false;
            }
            for (String field : WHERE) {
                if (c.has(field)) {
                    compare.add(field, c.get(field));
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // unreadable or of another shape: the frame is compared without it
        }
    }

    private static String settings(JsonElement line) {
        return line.isJsonObject() && line.getAsJsonObject().has("settings")
                ? line.getAsJsonObject().get("settings").getAsString() : "";
    }
}
