package dev.occlude.model.incremental;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.occlude.model.SmallFiles;
import dev.occlude.model.score.ModelException;
import dev.occlude.model.score.Staging;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model directory's {@code stages.json}: the network as a graph of stages, so that an occluded
 * variant's activations can be recomputed only where the patch reaches. Map 0 is the model input;
 * stage {@code k} computes map {@code k + 1} from earlier maps, each read through its own
 * {@link Window} (a residual block reads the block input 1x1 and its branch 3x3; a strided
 * shortcut reads it 1x1 with stride 2). Each stage names the TorchScript method that computes it
 * <em>without padding</em>, one argument per input. The head names the method from the maps it
 * reads, whole, to the class scores: everything after the first operation that needs a whole map
 * (a global pooling, a squeeze-and-excitation scale). {@code scripts/export-incremental} writes it.
 *
 * <p>Format {@code occlude-stages/2}; the chain format {@code occlude-stages/1} (one window per
 * stage, each reading the one before) is read as the graph it is.
 *
 * @param stages the stages in order, from the model input
 * @param head the method from whole maps to the class scores
 */
public record Stages(List<Stage> stages, Head head) {
    /** The file's name beside serving.properties. */
    public static final String FILE = "stages.json";
    static final String FORMAT = "occlude-stages/2";
    static final String CHAIN_FORMAT = "occlude-stages/1";

    /** One map a stage reads, and how. */
    public record Input(int map, Window window) {}

    /**
     * A TorchScript method computing one map from windows of earlier maps.
     *
     * @param macsPerPosition the multiply-adds of one output position (0 when not declared)
     */
    public record Stage(String method, List<Input> inputs, long macsPerPosition) {}

    /**
     * @param method the TorchScript method from the maps to the scores
     * @param maps the maps it reads whole, in argument order
     * @param from where the head starts, in words (empty when not said)
     * @param macs the head's multiply-adds on one input of the declared size (-1 when not declared)
     * @param staged how many of the network's convolutions and poolings the stages hold, as the
     *     exporter wrote it ("2 of the network's 81 convolutions and poolings"; empty when not said)
     */
    public record Head(String method, List<Integer> maps, String from, long macs, String staged) {
        /** A head whose file does not say how much of the network is staged. */
        public Head(String method, List<Integer> maps, String from, long macs) {
            this(method, maps, from, macs, "");
        }

        /** "fully" or "partly" when {@link #staged} says, else "". */
        public String extent() {
            Matcher m = Pattern.compile("(\\d+) of the network's (\\d+)").matcher(staged);
            return !m.find() ? "" : m.group(1).equals(m.group(2)) ? "fully" : "partly";
        }
    }

    /**
     * How much incremental inference can save on an input of {@code height} x {@code width} with a
     * patch of {@code patch} input pixels ({@link StagingBound}); the record's patch is that one.
     */
    public Staging staging(int height, int width, int patch) {
        return StagingBound.of(this, height, width, patch);
    }

    /**
     * The largest distance, in input pixels, between neighbouring positions of any map (the
     * product of the strides on the way to it): variants whose changed regions agree modulo it, and
     * in size, reach windows of one size at every stage.
     */
    public int alignment() {
        int[] stride = new int[stages.size() + 1];
        stride[0] = 1;
        int largest = 1;
        for (int k = 0; k < stages.size(); k++) {
            for (Input in : stages.get(k).inputs()) {
                Window w = in.window();
                stride[k + 1] = Math.max(stride[k + 1], stride[in.map()] * Math.max(w.strideY(), w.strideX()));
            }
            largest = Math.max(largest, stride[k + 1]);
        }
        return largest;
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
        String text = SmallFiles.read(file, "model " + dir + ": " + FILE);
        try (Reader r = new StringReader(text)) {
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
            if (!format.equals(FORMAT) && !format.equals(CHAIN_FORMAT)) {
                throw new ModelException(where + "format \"" + format + "\" is not " + FORMAT + " (or " + CHAIN_FORMAT
                        + ")");
            }
            JsonArray list = root.getAsJsonArray("stages");
            if (list == null || list.isEmpty()) {
                throw new ModelException(where + "no stages");
            }
            boolean chain = format.equals(CHAIN_FORMAT);
            List<Stage> stages = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonObject o = list.get(i).getAsJsonObject();
                String at = where + "stage " + i + ": ";
                List<Input> inputs = new ArrayList<>();
                if (chain) {
                    inputs.add(new Input(i, window(o, at)));
                } else {
                    JsonArray in = o.getAsJsonArray("inputs");
                    if (in == null || in.isEmpty()) {
                        throw new ModelException(at + "reads no map");
                    }
                    for (JsonElement e : in) {
                        JsonObject io = e.getAsJsonObject();
                        int map = io.get("map").getAsInt();
                        if (map < 0 || map > i) {
                            throw new ModelException(at + "reads map " + map + ", which is not computed before it");
                        }
                        inputs.add(new Input(map, window(io, at)));
                    }
                }
                long macs = o.has("macsPerPosition") ? o.get("macsPerPosition").getAsLong() : 0;
                stages.add(new Stage(method(o.get("method"), at), List.copyOf(inputs), macs));
            }
            return new Stages(List.copyOf(stages), head(root, chain, stages.size(), where));
        } catch (IllegalStateException | ClassCastException | UnsupportedOperationException | NullPointerException e) {
            throw new ModelException(where + "malformed (" + e.getMessage() + ")");
        }
    }

    private static Head head(JsonObject root, boolean chain, int stages, String where) throws ModelException {
        JsonElement h = root.get("head");
        if (chain || h == null || h.isJsonPrimitive()) {
            return new Head(method(h, where + "head: "), List.of(stages), "", -1);
        }
        JsonObject o = h.getAsJsonObject();
        List<Integer> maps = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("inputs")) {
            int map = e.getAsInt();
            if (map < 1 || map > stages) {
                throw new ModelException(where + "head: reads map " + map + ", which no stage computes");
            }
            maps.add(map);
        }
        if (maps.isEmpty()) {
            throw new ModelException(where + "head: reads no map");
        }
        String from = o.has("from") ? o.get("from").getAsString() : "";
        long macs = o.has("macs") ? o.get("macs").getAsLong() : -1;
        String staged = o.has("staged") ? o.get("staged").getAsString() : "";
        return new Head(method(o.get("method"), where + "head: "), List.copyOf(maps), from, macs, staged);
    }

    private static String method(JsonElement e, String where) throws ModelException {
        String method = e == null ? "" : e.getAsString();
        if (!method.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new ModelException(where + "method \"" + method + "\" is not a TorchScript method name");
        }
        return method;
    }

    private static Window window(JsonObject o, String where) throws ModelException {
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
        return new Window(k[0], k[1], s[0], s[1], p[0], p[1], ceil, pad);
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
