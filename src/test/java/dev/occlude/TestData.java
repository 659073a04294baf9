package dev.occlude;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The models and frames the project ships: the article's Nexar SqueezeNet with the three real
 * frames in samples/nexar, and the synthetic model with its generated samples. Everything is
 * inside the project, so a fresh clone runs every test.
 */
public final class TestData {
    public static final List<String> NEXAR_FRAMES = List.of(
            "green-two-lights.png", "night-parking-signs.png", "night-red.png");

    private TestData() {}

    /** The article's network, the default model. */
    public static Path nexarModel() {
        return require(project("models/nexar-squeezenet/nexar-squeezenet.pt")).getParent();
    }

    public static Path nexarFrame(String name) {
        return project("samples/nexar/" + name);
    }

    /** The command that runs the tool in a child JVM with this test's class path, with {@code jvmOptions} first. */
    public static List<String> childJava(String... jvmOptions) {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), dev.occlude.cli.Main.class.getName()));
        return command;
    }

    /** The model trained on generated scenes, with ground-truth boxes for its samples. */
    public static Path syntheticModel() {
        return require(project("models/synthetic-traffic-lights/synthetic-traffic-lights.pt")).getParent();
    }

    public static Path generatedSample(String name) {
        return project("samples/generated/" + name);
    }

    public static Path project(String relative) {
        return require(Paths.get(System.getProperty("user.dir")).resolve(relative));
    }

    private static Path require(Path p) {
        if (!Files.exists(p)) {
            fail("missing project file: " + p.toAbsolutePath());
        }
        return p;
    }
}
