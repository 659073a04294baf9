package dev.occlude.model;

import dev.occlude.model.score.ModelException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The text files of a model directory read and checked: serving.properties' keys and the class
 * names. Each problem is one {@link ModelException} line naming the directory and the file.
 */
final class ModelFiles {
    private ModelFiles() {}

    /** serving.properties as key to trimmed value; a key given twice, a file too large or unreadable is refused. */
    static Map<String, String> readProperties(Path dir) throws ModelException {
        Path file = dir.resolve("serving.properties");
        if (!Files.exists(file)) {
            throw new ModelException("model " + dir + ": no serving.properties (it must state the preprocessing)");
        }
        String text = SmallFiles.read(file, "model " + dir + ": serving.properties");
        List<String> repeated = new ArrayList<>();
        Properties p = new Properties() {
            @Override
            public synchronized Object put(Object key, Object value) {
                Object before = super.put(key, value);
                if (before != null) {
                    repeated.add((String) key); // load() keeps the last silently: a second normalize= would win
                }
                return before;
            }
        };
        try (Reader r = new StringReader(text)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelException("model " + dir + ": serving.properties is unreadable (" + e.getMessage() + ")");
        }
        if (!repeated.isEmpty()) {
            throw new ModelException("model " + dir + ": serving.properties: the key " + repeated.get(0)
                    + " is given twice; keep one");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            map.put(key, p.getProperty(key).trim());
        }
        return map;
    }

    /** The class names from synset (inline) or the synset file, each non-empty and distinct. */
    static List<String> readSynset(Path dir, Map<String, String> props) throws ModelException {
        if (props.containsKey("synsetUrl")) {
            throw new ModelException("model " + dir + ": serving.properties: synsetUrl is not supported "
                    + "(runs are offline; use synsetFileName or synset)");
        }
        String inline = props.get("synset");
        if (inline != null) {
            return distinct(dir, "synset", Arrays.stream(inline.split(",", -1)).map(String::trim).toList());
        }
        String fileName = props.getOrDefault("synsetFileName", "synset.txt");
        Path file = dir.resolve(fileName);
        if (!Files.exists(file)) {
            throw new ModelException("model " + dir + ": no " + fileName + " (the class names, one per line)");
        }
        List<String> classes = new ArrayList<>();
        for (String line : SmallFiles.read(file, "model " + dir + ": " + fileName).split("\r?\n|\r")) {
            if (!line.isBlank()) {
                classes.add(line.trim());
            }
        }
        if (classes.isEmpty()) {
            throw new ModelException("model " + dir + ": " + fileName + " lists no classes");
        }
        return distinct(dir, fileName, classes);
    }

    /** The class names, each non-empty and named once: a repeated name would put one class's value under another's. */
    private static List<String> distinct(Path dir, String source, List<String> classes) throws ModelException {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            String c = classes.get(i);
            if (c.isEmpty()) {
                throw new ModelException("model " + dir + ": " + source + ": class " + i + " has no name");
            }
            Integer before = first.putIfAbsent(c, i);
            if (before != null) {
                throw new ModelException("model " + dir + ": " + source + ": classes " + before + " and " + i
                        + " are both named '" + c + "'; each class needs its own name");
            }
        }
        return List.copyOf(classes);
    }

    /** A true/false key of serving.properties, {@code fallback} when absent. */
    static boolean bool(Path dir, Map<String, String> props, String key, boolean fallback)
            throws ModelException {
        String v = props.get(key);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new ModelException("model " + dir + ": serving.properties: " + key + "=" + v + " is not true or false");
    }
}
