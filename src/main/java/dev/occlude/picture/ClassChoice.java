package dev.occlude.picture;

import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.util.Text;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code --class} names, once the model's classes are known: a class by name, or by its index
 * when no class has that name; {@code all} (every class, up to {@link #MAX_ALL}) or {@code top:K}.
 */
public final class ClassChoice {
    /** The most classes {@code --class all} maps: past it, each image would get thousands of files. */
    public static final int MAX_ALL = 32;
    /** The most class names a message lists. */
    private static final int MAX_LISTED = 12;

    private ClassChoice() {}

    /**
     * The class {@code value} names, by name or else by index (0 is the first line of the synset).
     *
     * @throws IllegalArgumentException naming the value, the nearest class and the classes (or their count)
     */
    public static String resolve(String value, List<String> classes) {
        if (classes.contains(value)) {
            return value;
        }
        if (value.matches("\\d{1,9}")) {
            int i = Integer.parseInt(value);
            if (i < classes.size()) {
                return classes.get(i);
            }
            throw new IllegalArgumentException("class index " + i + " is past the model's " + classes.size()
                    + " classes (0 to " + (classes.size() - 1) + ")");
        }
        Optional<String> near = Text.closest(value, classes, Math.max(2, value.length() / 3));
        throw new IllegalArgumentException("unknown class '" + value + "'" + near.map(n -> " (did you mean " + n + "?)")
                .orElse("") + "; " + listed(classes));
    }

    /** Checks a plan that maps several classes against the model's count: all within the bound, K within the classes. */
    public static void check(AnalysisPlan plan, List<String> classes) {
        if (!plan.everyClass()) {
            return;
        }
        if (plan.topClasses() == 0 && classes.size() > MAX_ALL) {
            throw new IllegalArgumentException("--class all would map each of the model's " + classes.size()
                    + " classes (two files each, per image); --class top:K maps the K most probable of each image");
        }
        Map<String, String> byFileName = new HashMap<>();
        for (String c : classes) {
            String other = byFileName.putIfAbsent(Text.safeFileName(c), c);
            if (other != null) {
                throw new IllegalArgumentException("classes '" + other + "' and '" + c + "' would share the file name "
                        + Text.safeFileName(c) + " (characters other than letters, digits, - _ . become _); "
                        + "map one class at a time");
            }
        }
        if (plan.topClasses() > classes.size()) {
            throw new IllegalArgumentException("--class top:" + plan.topClasses() + " asks for more classes than the "
                    + "model's " + classes.size());
        }
    }

    /** The classes as a message gives them: all of a few, the count and the first ones of many. */
    public static String listed(List<String> classes) {
        if (classes.size() <= MAX_LISTED) {
            return "the model's classes are " + String.join(", ", classes) + " (or their index, 0 to "
                    + (classes.size() - 1) + ")";
        }
        return "the model has " + classes.size() + " classes (" + String.join(", ", classes.subList(0, 5))
                + ", ...): name one or give its index, 0 to " + (classes.size() - 1) + " (occlude models lists them)";
    }
}
