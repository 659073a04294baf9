package dev.occlude.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        return !tripped(v, distance).isEmpty();
    }

    /** The conditions this frame trips, as --fail-on names them (empty when none). */
    List<String> tripped(Verdict v, Double distance) {
        List<String> held = new ArrayList<>();
        if (broke && "broke".equals(v.verdict())) {
            held.add("broke");
        }
        if (focusMoved >= 0 && distance != null && distance > focusMoved) {
            held.add("focus-moved:" + (focusMoved == Math.rint(focusMoved) ? String.valueOf((long) focusMoved)
                    : String.valueOf(focusMoved)));
        }
        return held;
    }

    /**
     * What held, in words: each condition with the frames that tripped it ("broke on 2 frames,
     * focus-moved:40 on 1 frame").
     */
    static String said(Map<String, Integer> held) {
        List<String> parts = new ArrayList<>();
        held.forEach((condition, frames) -> parts.add(condition + " on " + frames + (frames == 1 ? " frame" : " frames")));
        return String.join(", ", parts);
    }
}
