package dev.occlude.model.incremental;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.occlude.model.score.ModelException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model directory's {@code stages.json}: the network as a chain of stages, each one window
 * operation (a convolution or a pooling) followed by pointwise work, so that an occluded
 * variant's activations can be recomputed only where the patch reaches. Each stage names the
 * TorchScript method that computes it <em>without padding</em>, and the window it slides: kernel,
 * stride, padding, ceil mode and the value padding stands for (0 for convolutions, -inf for max
 * pooling). {@code head} names the method from the last stage's output to the class scores.
 * {@code scripts/export-incremental} writes it.
 *
 * @param stages the stages in order, from the model input
 * @param head the TorchScript method from the last stage's output to the probabilities
 */
public record Stages(List<Stage> stages, String head) {
    /** The file's name beside serving.properties. */
    public static final String FILE = "stages.json";
    static final String FORMAT = "occlude-stages/1";

    /**
     * One window operation. Its output length along an axis of input length n is torch's:
     * {@code (n + 2p - k) / s + 1}, rounded up in ceil mode (a last window must start inside the
     * input or its left padding).
     */
    public record Stage(String method, int kernelY, int kernelX, int strideY, int strideX, int padY, int padX,
                        boolean ceilMode, float padValue) {

        /** The stage's output height for an input of {@code inHeight} rows (torch's arithmetic). */
        public int outHeight(int inHeight) {
            return outLength(inHeight, kernelY, strideY, padY);
        }

        /** The stage's output width for an input of {@code inWidth} columns (torch's arithmetic). */
        public int outWidth(int inWidth) {
            return outLength(inWidth, kernelX, strideX, padX);
        }

        /** Padded input height the no-padding method needs for the whole output (ceil mode may add rows). */
        public int paddedHeight(int inHeight) {
            return Math.max(inHeight + 2 * padY, (outHeight(inHeight) - 1) * strideY + kernelY);
        }

        /** The input width with the padding the tool adds. */
        public int paddedWidth(int inWidth) {
            return Math.max(inWidth + 2 * padX, (outWidth(inWidth) - 1) * strideX + kernelX);
        }

        private int outLength(int n, int k, int s, int p) {
            if (!ceilMode) {
                return Math.floorDiv(n + 2 * p - k, s) + 1;
            }
            int out = -Math.floorDiv(-(n + 2 * p - k), s) + 1;
            return (out - 1) * s >= n + p ? out - 1 : out;
        }
    }

    /**
     * Reads {@code stages.json} from a model directory.
     *
     * @throws ModelException naming the file and what is wrong in it
     */
    public static Stages read(Path dir) throws ModelException {
        Path file = dir.resolve(FILE);
        String where = "model " + dir + ": " + FILE + ": ";
        JsonObject root;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonElement e = JsonParser.parseReader(r);
            if (!e.isJsonObject()) {
                throw new ModelException(where + "not a JSON object");
            }
            root = e.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new ModelException(where + "unreadable (" + e.getMessage() + ")");
        }
        try {
            String format = root.has("format") ? root.get("format").getAsString() : "";
            if (!format.equals(FORMAT)) {
                throw new ModelException(where + "format \"" + format + "\" is not " + FORMAT);
            }
            JsonArray list = root.getAsJsonArray("stages");
            if (list == null || list.isEmpty()) {
                throw new ModelException(where + "no stages");
            }
            List<Stage> stages = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                stages.add(stage(list.get(i).getAsJsonObject(), where + "stage " + i + ": "));
            }
            String head = root.has("head") ? root.get("head").getAsString() : "";
            if (!head.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ModelException(where + "head must name a TorchScript method");
            }
            return new Stages(List.copyOf(stages), head);
        } catch (IllegalStateException | ClassCastException | UnsupportedOperationException | NullPointerException e) {
            throw new ModelException(where + "malformed (" + e.getMessage() + ")");
        }
    }

    private static Stage stage(JsonObject o, String where) throws ModelException {
        String method = o.get("method").getAsString();
        if (!method.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ModelException(where + "method \"" + method + "\" is not a method name");
        }
        int[] k = pair(o, "kernel", where, 1);
        int[] s = pair(o, "stride", where, 1);
        int[] p = pair(o, "padding", where, 0);
        boolean ceil = o.has("ceilMode") && o.get("ceilMode").getAsBoolean();
        JsonElement v = o.get("padValue");
        float pad;
        if (v == null) {
            pad = 0f;
        } else if (v.getAsJsonPrimitive().isString()) {
            String text = v.getAsString();
            if (!text.equals("-inf") && !text.equals("inf")) {
                throw new ModelException(where + "padValue \"" + text + "\" is not a number, \"-inf\" or \"inf\"");
            }
            pad = text.equals("-inf") ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        } else {
            pad = v.getAsFloat();
        }
        return new Stage(method, k[0], k[1], s[0], s[1], p[0], p[1], ceil, pad);
    }

    private static int[] pair(JsonObject o, String key, String where, int least) throws ModelException {
        JsonArray a = o.getAsJsonArray(key);
        if (a == null || a.size() != 2) {
            throw new ModelException(where + key + " must be [height, width]");
        }
        int[] v = {a.get(0).getAsInt(), a.get(1).getAsInt()};
        if (v[0] < least || v[1] < least) {
            throw new ModelException(where + key + " must be at least " + least);
        }
        return v;
    }
}
