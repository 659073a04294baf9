package dev.occlude.occlusion;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * A model directory copied with its TorchScript file saved again by the libtorch DJL runs (2.7.1):
 * a file as torch 2.x writes it, made on a machine that has only torch 1.13 for Python.
 */
final class LibtorchResave {
    private LibtorchResave() {}

    /** Copies {@code from} to {@code to}, writing {@code file} through libtorch's own serializer. */
    static void copy(Path from, Path to, String file) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(file)) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        ai.djl.engine.Engine.getEngine("PyTorch");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             OutputStream out = Files.newOutputStream(to.resolve(file))) {
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) manager, from.resolve(file), true, new String[0],
                    new String[0], false);
            JniUtils.writeModule(block, out, false);
        }
        try (ZipFile zip = new ZipFile(to.resolve(file).toFile())) {
            // torch 2.1 and later write a byteorder record; 1.13 never does
            assertTrue(zip.stream().anyMatch(e -> e.getName().endsWith("/byteorder")), "written by libtorch 2.x");
        }
    }
}
