package dev.occlude.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an engine's failure says, in one line a user can act on: PyTorch's TorchScript errors put
 * the cause ("RuntimeError: ... expected input[1, 3, 224, 224] to have 1 channels") on the last of
 * many lines, below "The following operation failed in the TorchScript interpreter".
 */
final class EngineMessages {
    private static final Pattern CHANNELS = Pattern.compile(
            "expected input\\[[^\\]]*\\] to have (\\d+) channels, but got (\\d+) channels");

    private EngineMessages() {}

    /** The engine's own words for why it failed: its last "...Error: " line, else the first line of the innermost message. */
    static String cause(Throwable e) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            for (String line : m.split("\\R")) {
                String l = line.trim();
                int at = l.indexOf("Error: ");
                if (at > 0 && l.substring(0, at).matches("[A-Za-z.]*")) {
                    best = l.substring(at + "Error: ".length());
                }
            }
            if (best == null && t.getCause() == null) {
                best = m.split("\\R")[0].trim();
            }
        }
        return best == null ? e.getClass().getSimpleName() : best;
    }

    /**
     * The failure of a first forward pass on the input serving.properties describes, explained:
     * a channel count that differs (with both numbers and the flag to set), else the engine's cause
     * with the input's shape.
     */
    static String probe(Throwable e, int channels, int height, int width, boolean resized) {
        String cause = cause(e);
        Matcher m = CHANNELS.matcher(cause);
        if (m.find()) {
            int wants = Integer.parseInt(m.group(1));
            String fix = wants == 1 ? "; set flag=GRAYSCALE" : wants == 3 ? "; set flag=COLOR (or leave flag out)" : "";
            return "the network takes " + wants + "-channel images but serving.properties gives " + channels
                    + " (flag=" + (channels == 1 ? "GRAYSCALE" : "COLOR") + ")" + fix;
        }
        if (!resized) {
            // the size is the probe's own frame, which the user's file says nothing of: say where it comes from
            return "the network fails on a " + width + "x" + height + " frame taken at its own size (serving.properties "
                    + "resizes nothing, so every image goes in as it is): " + cause + "; a network trained on one size "
                    + "needs it in serving.properties, e.g. width=32, height=32 and resize=true";
        }
        return "the network fails on a " + channels + "x" + height + "x" + width + " input, the size serving.properties "
                + "gives (width, height, resize, centerCrop): " + cause + "; set width and height to the size the "
                + "network was trained on";
    }
}
