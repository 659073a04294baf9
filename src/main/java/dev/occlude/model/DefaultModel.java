package dev.occlude.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the shipped default model (the article's Nexar SqueezeNet) lives in an installation. */
public final class DefaultModel {
    /** The default model's directory, relative to the project (or installation) root. */
    public static final String RELATIVE_PATH = "models/nexar-squeezenet";

    private DefaultModel() {}

    /**
     * The default model's directory: below {@code -Docclude.home} when set, else below the root
     * of the project or installation this code was loaded from (its jar or classes folder sits in
     * {@code target/} or {@code lib/}), else relative to the working directory.
     */
    public static Path locate() {
        String home = System.getProperty("occlude.home");
        if (home != null) {
            return Paths.get(home, RELATIVE_PATH);
        }
        try {
            Path code = Paths.get(DefaultModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = code.getParent() == null ? null : code.getParent().getParent();
            if (root != null && Files.isDirectory(root.resolve(RELATIVE_PATH))) {
                return root.resolve(RELATIVE_PATH);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Paths.get(RELATIVE_PATH);
    }
}
