package dev.occlude.model;

import dev.occlude.model.incremental.Stages;
import dev.occlude.model.preprocess.Preprocessing;
import dev.occlude.model.score.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A DJL model directory: {@code <name>.pt} (TorchScript, engine PyTorch) or {@code <name>.onnx}
 * (engine OnnxRuntime), a synset and {@code serving.properties} with the
 * image-classification translator's keys. Reading it validates everything that can be checked
 * without loading the network.
 */
public final class ModelDirectory {
    private static final String CLASSIFICATION_FACTORY =
            "ai.djl.modality.cv.translator.ImageClassificationTranslatorFactory";

    /** DJL's engine names, as serving.properties' engine key gives them. */
    public static final String PYTORCH = "PyTorch";
    /** DJL's name of the ONNX Runtime engine ({@code <name>.onnx}). */
    public static final String ONNX_RUNTIME = "OnnxRuntime";

    private final Path dir;
    private final String name;
    private final String engine;
    private final Path weights;
    private final List<String> classes;
    private final Map<String, String> properties;
    private final Preprocessing preprocessing;
    private final boolean applySoftmax;
    private final Stages stages;
    private List<String> warnings = List.of();

    private ModelDirectory(Path dir, String name, String engine, Path weights, List<String> classes,
                           Map<String, String> properties, Preprocessing preprocessing, boolean applySoftmax,
                           Stages stages) {
        this.dir = dir;
        this.name = name;
        this.engine = engine;
        this.weights = weights;
        this.classes = classes;
        this.properties = properties;
        this.preprocessing = preprocessing;
        this.applySoftmax = applySoftmax;
        this.stages = stages;
    }

    /**
     * Reads and checks a model directory; a ModelException names the directory and the problem in one line.
     */
    public static ModelDirectory open(Path dir) throws ModelException {
        if (!Files.exists(dir)) {
            throw new ModelException("model " + dir + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new ModelException("model " + dir + ": not a directory (a DJL model directory is expected)");
        }
        Map<String, String> props = ModelFiles.readProperties(dir);
        List<String> warnings = ServingKeys.check(dir, props);
        String engine = props.getOrDefault("engine", PYTORCH);
        if (!engine.equals(PYTORCH) && !engine.equals(ONNX_RUNTIME)) {
            throw new ModelException("model " + dir + ": serving.properties: engine=" + engine
                    + " is not supported (PyTorch for TorchScript .pt, OnnxRuntime for .onnx)");
        }
        String factory = props.get("translatorFactory");
        if (factory != null && !factory.equals(CLASSIFICATION_FACTORY)) {
            throw new ModelException("model " + dir + ": serving.properties: translatorFactory=" + factory
                    + " is not supported (only " + CLASSIFICATION_FACTORY + ")");
        }
        String dirName = dir.toAbsolutePath().normalize().getFileName().toString();
        String modelName = props.getOrDefault("option.modelName", dirName);
        String extension = engine.equals(PYTORCH) ? ".pt" : ".onnx";
        Path weights = dir.resolve(modelName + extension);
        if (!Files.isRegularFile(weights)) {
            throw new ModelException("model " + dir + ": no " + modelName + extension + " (the "
                    + (engine.equals(PYTORCH) ? "TorchScript" : "ONNX") + " file) in the directory"
                    + otherNetworks(dir, extension, props.containsKey("option.modelName")));
        }
        if (!Files.isReadable(weights)) {
            throw new ModelException("model " + dir + ": " + weights.getFileName() + ": permission denied");
        }
        List<String> classes = ModelFiles.readSynset(dir, props);
        boolean softmax = ModelFiles.bool(dir, props, "applySoftmax", false);
        Preprocessing preprocessing;
        try {
            preprocessing = Preprocessing.fromProperties(props);
        } catch (IllegalArgumentException e) {
            throw new ModelException("model " + dir + ": serving.properties: " + e.getMessage());
        }
        Stages stages = null;
        if (Files.exists(dir.resolve(Stages.FILE), LinkOption.NOFOLLOW_LINKS)) {
            if (!engine.equals(PYTORCH)) {
                throw new ModelException("model " + dir + ": " + Stages.FILE + ": incremental inference needs a TorchScript "
                        + "model (engine=PyTorch), not " + engine);
            }
            stages = Stages.read(dir);
        }
        ModelDirectory model = new ModelDirectory(dir, dirName, engine, weights, classes, props, preprocessing, softmax,
                stages);
        model.warnings = warnings;
        return model;
    }

    /** "; it holds ten10.pt: set option.modelName=ten10 in serving.properties", or "" when it holds none. */
    private static String otherNetworks(Path dir, String extension, boolean named) {
        List<String> present;
        try (var files = Files.list(dir)) {
            present = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            return "";
        }
        if (present.isEmpty()) {
            return "";
        }
        String first = present.get(0);
        return "; it holds " + String.join(", ", present) + ": " + (named ? "correct" : "set")
                + " option.modelName=" + first.substring(0, first.length() - extension.length())
                + " in serving.properties (the file's name without " + extension + ")";
    }

    /** What is worth a word about the directory though it loads: DJL keys this tool does not use. */
    public List<String> warnings() {
        return warnings;
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** The directory's name, used in JSON as "model". */
    public String name() {
        return name;
    }

    /** The base name of the network file, as DJL's option.modelName. */
    public String modelName() {
        String file = weights.getFileName().toString();
        return file.substring(0, file.lastIndexOf('.'));
    }

    /** The DJL engine that runs the network: {@link #PYTORCH} or {@link #ONNX_RUNTIME}. */
    public String engine() {
        return engine;
    }

    /** The network file ({@code <name>.pt} or {@code <name>.onnx}). */
    public Path weights() {
        return weights;
    }

    /** The class names, in the network's output order. */
    public List<String> classes() {
        return classes;
    }

    /** serving.properties as read. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The preprocessing serving.properties states. */
    public Preprocessing preprocessing() {
        return preprocessing;
    }

    /** Whether a softmax turns the network's outputs into probabilities. */
    public boolean applySoftmax() {
        return applySoftmax;
    }

    /** The stages stages.json declares, for incremental inference; empty when the directory has none. */
    public Optional<Stages> stages() {
        return Optional.ofNullable(stages);
    }

    private String fingerprint;

    /**
     * 16 hex digits that change when the network, its preprocessing or its classes change: a
     * digest of the weights file, serving.properties' keys and the class names.
     */
    public synchronized String fingerprint() {
        if (fingerprint == null) {
            try (InputStream in = Files.newInputStream(weights)) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sha.update(buffer, 0, n);
                }
                sha.update(new TreeMap<>(properties).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(classes.toString().getBytes(StandardCharsets.UTF_8));
                fingerprint = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            } catch (IOException | NoSuchAlgorithmException e) {
                fingerprint = name + "-unreadable";
            }
        }
        return fingerprint;
    }
}
