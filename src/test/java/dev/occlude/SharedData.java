package dev.occlude;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The real models and frames in ../shared (read in place, never copied). A test that needs a file
 * that is missing fails with a message saying which file and where it was looked for.
 */
public final class SharedData {
    public static final List<String> NEXAR_FRAMES = List.of(
            "nexar-green-two-lights.png", "nexar-night-parking-signs.png", "nexar-night-red.png");

    private SharedData() {}

    public static Path root() {
        String env = System.getenv("OCCLUDE_SHARED");
        Path root = env != null ? Paths.get(env) : Paths.get(System.getProperty("user.dir")).resolve("../shared").normalize();
        return require(root);
    }

    public static Path nexarModel() {
        return require(root().resolve("models/nexar-squeezenet/nexar-squeezenet.pt")).getParent();
    }

    public static Path nexarFrame(String name) {
        return require(root().resolve("frames/nexar").resolve(name));
    }

    /** The project's shipped default model. */
    public static Path defaultModel() {
        return require(Paths.get(System.getProperty("user.dir")).resolve("models/traffic-lights/traffic-lights.pt"))
                .getParent();
    }

    public static Path project(String relative) {
        return require(Paths.get(System.getProperty("user.dir")).resolve(relative));
    }

    private static Path require(Path p) {
        if (!Files.exists(p)) {
            fail("missing test data: " + p.toAbsolutePath() + " (the real models and frames live in ../shared "
                    + "beside the project; set OCCLUDE_SHARED to point elsewhere)");
        }
        return p;
    }
}
