package dev.occlude.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/LIBRARY.md's whole program, imports and all, compiled from the page and run. */
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

        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("MapOneFrame").getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(stdout);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(page.contains("`" + line + "`"), "the page says what the program prints: " + line);
        }
    }
}
