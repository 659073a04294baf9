package dev.occlude.util;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Times as people write them on a command line or in a labels file. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+):)?(?:(\\d+):)?(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    private Durations() {}

    /**
     * A time in seconds: {@code 12.5}, {@code 12.5s}, {@code 500ms}, {@code 2m}, {@code 1h},
     * {@code 1:02.5} (minutes:seconds) or {@code 1:00:00} (hours:minutes:seconds).
     */
    public static double seconds(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches() || m.group(4) != null && m.group(1) != null) {
            throw new IllegalArgumentException("not a time: '" + text + "' (e.g. 1s, 0.5s, 500ms, 2m, 1:30)");
        }
        double value = Double.parseDouble(m.group(3));
        if (m.group(1) != null) {
            // 1:99 is no time: the seconds (and the minutes of h:mm:ss) stop at 59
            if (value >= 60 || m.group(2) != null && Double.parseDouble(m.group(2)) >= 60) {
                throw new IllegalArgumentException("not a time: '" + text + "' (minutes and seconds after a colon "
                        + "run from 0 to 59, as in 1:30 or 1:00:05)");
            }
            double hoursOrMinutes = Double.parseDouble(m.group(1));
            value += m.group(2) != null ? hoursOrMinutes * 3600 + Double.parseDouble(m.group(2)) * 60
                    : hoursOrMinutes * 60;
        }
        String unit = m.group(4) == null ? "s" : m.group(4);
        return switch (unit) {
            case "ms" -> value / 1000;
            case "m" -> value * 60;
            case "h" -> value * 3600;
            default -> value;
        };
    }

}
