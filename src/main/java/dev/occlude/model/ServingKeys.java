package dev.occlude.model;

import dev.occlude.model.preprocess.Preprocessing;
import dev.occlude.model.score.ModelException;
import dev.occlude.util.Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** serving.properties' keys, read strictly: this tool's, DJL's others, and mistakes. */
final class ServingKeys {
    private ServingKeys() {}

    /** serving.properties keys this tool reads, with DJL's meaning of each. */
    static final Set<String> KEYS = Set.of("engine", "translatorFactory", "option.modelName",
            "synset", "synsetFileName", "synsetUrl", "applySoftmax", "width", "height", "flag", "pad", "centerFit",
            "batchifier", "toTensor", "resize", "resizeShort", "centerCrop", "normalize", "range");
    /** DJL keys for serving and other translators, which change nothing here: accepted with a warning. */
    static final Set<String> OTHER_DJL_KEYS = Set.of("topK", "application", "translator",
            "blockFactory", "minWorkers", "maxWorkers", "batch_size", "max_batch_delay", "max_idle_time",
            "job_queue_size", "load_on_devices", "required_memory_mb", "reserved_memory_mb", "padding");

    /**
     * Refuses a key that neither this tool nor DJL knows (a misspelt {@code widht=} would
     * otherwise leave the default in force), with the nearest known key; a DJL key that changes
     * nothing here is a warning.
     */
    static List<String> check(Path dir, Map<String, String> props) throws ModelException {
        List<String> warnings = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(props.keySet())) {
            if (KEYS.contains(key)) {
                continue;
            }
            if (OTHER_DJL_KEYS.contains(key) || key.startsWith("option.") || key.startsWith("gpu.")) {
                warnings.add("model " + dir + ": serving.properties: " + key + "=" + props.get(key)
                        + " is a DJL setting this tool does not use; ignored");
                continue;
            }
            Set<String> all = new TreeSet<>(KEYS);
            all.addAll(OTHER_DJL_KEYS);
            String near = Text.closest(key, all, Math.max(2, key.length() / 3))
                    .map(k -> " (did you mean " + k + "?)").orElse("");
            unknown.add(key + near);
        }
        // every mistake at once: a second typo should not take a second run
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("unknown key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown));
            try {
                Preprocessing.fromProperties(props);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        boolean sized = props.containsKey("width") || props.containsKey("height");
        boolean used = !"false".equals(props.getOrDefault("resize", "false"))
                || !"false".equals(props.getOrDefault("resizeShort", "false"))
                || "true".equals(props.getOrDefault("centerCrop", "false"));
        if (sized && !used) {
            problems.add("width and height take effect only with "
                    + "resize, resizeShort or centerCrop (DJL ignores them otherwise, and the network would see the "
                    + "frame at its own size); add resize=true, or remove them");
        }
        if (!problems.isEmpty()) {
            throw new ModelException("model " + dir + ": serving.properties: " + String.join("; ", problems));
        }
        return warnings;
    }
}
