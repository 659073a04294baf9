package dev.occlude.compare;

import java.util.List;
import java.util.Locale;

/**
 * {@code --fail-on}: the conditions under which a compare run exits with {@link #EXIT} once
 * everything is written, so that a training pipeline's CI step can stop on them.
 *
 * @param broke fail when model B gets wrong a labelled frame that model A got right
 * @param focusMoved fail when the two worst patches' centres lie more than this many source pixels
 *     apart on some frame; negative when not asked for
 */
public record Gate(boolean broke, double focusMoved) {
    /** The exit code of a run whose gate holds (0 ok, 1 some inputs failed, 2 usage). */
    public static final int EXIT = 3;

    /** No condition. */
    public static final Gate NONE = new Gate(false, -1);

    /**
     * The gate of the values given: {@code broke}, {@code focus-moved:PX}.
     *
     * @throws IllegalArgumentException naming a value that is neither
     */
    public static Gate parse(List<String> values) {
        boolean broke = false;
        double moved = -1;
        for (String v : values) {
            String s = v.trim().toLowerCase(Locale.ROOT);
            if (s.equals("broke")) {
                broke = true;
            } else if (s.matches("focus-moved:\\d+(\\.\\d+)?")) {
                moved = Double.parseDouble(s.substring("focus-moved:".length()));
            } else {
                throw new IllegalArgumentException("--fail-on takes broke or focus-moved:PX (e.g. focus-moved:40), got '"
                        + v + "'");
            }
        }
        return new Gate(broke, moved);
    }

    /** Whether this frame trips the gate. */
    boolean trips(Verdict v, Double distance) {
        return broke && "broke".equals(v.verdict()) || focusMoved >= 0 && distance != null && distance > focusMoved;
    }
}
