package dev.occlude.options;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** --version: the tool's, DJL's and the engines' versions, as the build recorded them. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties v = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/occlude/version.properties")) {
            if (in != null) {
                v.load(in);
            }
        }
        return new String[] {
            "occlude " + v.getProperty("occlude", "?"),
            "DJL " + v.getProperty("djl", "?"),
            "PyTorch " + v.getProperty("pytorch", "?") + " (libtorch for CPU, " + v.getProperty("pytorch.classifier", "?")
                    + ") for TorchScript models",
            "ONNX Runtime " + v.getProperty("onnxruntime", "?") + " for ONNX models",
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
