package dev.occlude.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/LIBRARY.md's whole program, imports and all, compiled from the page and run as a program of
 * its own from another folder, with the model by absolute path as the page says; the map it writes
 * is [height, width] on a frame that is not square.
 */
@Tag("model")
class LibraryExampleTest {
    @TempDir
    Path tmp;

    @Test
    void thePagesProgramCompilesRunsAndPrintsWhatThePageSays() throws Exception {
        String page = Files.readString(Path.of("docs/LIBRARY.md"), StandardCharsets.UTF_8);
        int start = page.indexOf("```java", page.indexOf("## A whole program")) + "```java".length();
        String source = page.substring(start, page.indexOf("```", start));
        Path file = Files.writeString(tmp.resolve("MapOneFrame.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int compiled = javac.run(null, diagnostics, diagnostics, "-d", tmp.toString(), "-cp",
                System.getProperty("java.class.path"), file.toString());
        assertEquals(0, compiled, diagnostics.toString(StandardCharsets.UTF_8));

        // a program of its own, as a user runs it: no logging settings given, nothing on stderr
        Path elsewhere = java.nio.file.Files.createDirectories(tmp.resolve("my-project"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                tmp + java.io.File.pathSeparator + System.getProperty("java.class.path"), "MapOneFrame",
                dev.occlude.TestData.nexarModel().toAbsolutePath().toString(),
                dev.occlude.TestData.nexarFrame("night-red.png").toAbsolutePath().toString(), "map.npy")
                .directory(elsewhere.toFile()).start();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        p.getInputStream().transferTo(printed);
        assertEquals(0, p.waitFor(), new String(err.get(), StandardCharsets.UTF_8));
        assertEquals("", new String(err.get(), StandardCharsets.UTF_8), "a library run says nothing on stderr");
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(page.contains("`" + line + "`"), "the page says what the program prints: " + line);
        }
        dev.occlude.io.Npy.Array2D map = dev.occlude.io.Npy.read(elsewhere.resolve("map.npy"));
        assertEquals(256, map.rows(), "rows are the frame's height");
        assertEquals(455, map.cols(), "columns its width");
    }
}
