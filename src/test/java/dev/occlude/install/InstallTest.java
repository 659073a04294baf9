package dev.occlude.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.occlude.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/install as a user runs it, and the build's refusal of a platform without libtorch natives. */
@Tag("model")
@Tag("build")
class InstallTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String out) {}

    private static Result run(Path dir, List<String> cmd) throws Exception {
        Path log = Files.createTempFile("occlude-install", ".log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int exit = p.waitFor();
        return new Result(exit, Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void installedCommandRunsThroughALinkFromAnywhere() throws Exception {
        Path prefix = tmp.resolve("prefix");
        Result install = run(TestData.project("."), List.of(TestData.project("scripts/install").toString(),
                prefix.toString()));
        assertEquals(0, install.exit(), install.out());
        assertTrue(Files.isExecutable(prefix.resolve("bin/occlude")));
        assertTrue(Files.readString(prefix.resolve("bin/occlude.cmd")).contains("lib\\occlude\\occlude.jar"));
        assertTrue(Files.isDirectory(prefix.resolve("lib/occlude/models/nexar-squeezenet")), "the default model travels");

        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/bin"));
        Files.createSymbolicLink(elsewhere.resolve("occlude"), prefix.resolve("bin/occlude"));
        Result version = run(tmp, List.of(elsewhere.resolve("occlude").toString(), "--version"));
        assertEquals(0, version.exit(), version.out());
        assertTrue(version.out().contains("DJL 0.36.0") && version.out().contains("PyTorch 2.7.1")
                && version.out().contains("ONNX Runtime 1.21.1"), version.out());

        Path frame = Files.copy(TestData.nexarFrame("night-red.png"), tmp.resolve("frame.png"));
        Result map = run(tmp, List.of(elsewhere.resolve("occlude").toString(), frame.toString(), "--patch", "128",
                "--stride", "128", "-q", "--batch", "4", "--workers", "1"));
        assertEquals(0, map.exit(), map.out());
        String line = map.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        assertEquals("nexar-squeezenet", JsonParser.parseString(line).getAsJsonObject().get("model").getAsString(),
                "the installed default model");
        assertTrue(Files.exists(tmp.resolve("frame.occlusion.png")));

        Result completion = run(tmp, List.of(elsewhere.resolve("occlude").toString(), "completion"));
        assertEquals(0, completion.exit());
        assertTrue(completion.out().contains("complete -F") && completion.out().contains("--patch"), completion.out());
    }

    /**
     * The library from Maven, as docs/LIBRARY.md gives it: `mvn install` in the project (its classes
     * are those the tests run, up to date: Maven does not compile them again, as scripts/install's
     * `mvn package` above), then a project of the user's own with the page's dependency and program,
     * built and run: its output, and nothing on stderr.
     */
    @Test
    void aMavenProjectUsesTheInstalledLibrary() throws Exception {
        Result install = run(TestData.project("."), List.of("mvn", "-B", "-q", "-DskipTests", "install"));
        assertEquals(0, install.exit(), install.out());

        String page = Files.readString(TestData.project("docs/LIBRARY.md"), StandardCharsets.UTF_8);
        Path user = Files.createDirectories(tmp.resolve("user/src/main/java"));
        Files.writeString(tmp.resolve("user/pom.xml"), block(page, "## From Maven", "```xml"));
        Files.writeString(user.resolve("MapOneFrame.java"), block(page, "## A whole program", "```java"));
        Result build = run(tmp.resolve("user"), List.of("mvn", "-B", "-q", "compile", "dependency:build-classpath",
                "-Dmdep.outputFile=cp.txt"));
        assertEquals(0, build.exit(), build.out());
        String classpath = tmp.resolve("user/target/classes") + java.io.File.pathSeparator
                + Files.readString(tmp.resolve("user/cp.txt")).trim();
        Path err = tmp.resolve("stderr.txt");
        // from the user's own project, the model by absolute path, as the page says
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classpath, "MapOneFrame", TestData.nexarModel().toAbsolutePath().toString(),
                TestData.nexarFrame("night-red.png").toAbsolutePath().toString(), "map.npy")
                .directory(tmp.resolve("user").toFile()).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), Files.readString(err));
        assertTrue(out.startsWith("red: clean p 1.0000, worst patch p 0.1552"), out);
        assertEquals("", Files.readString(err), "nothing on stderr");
    }

    private static String block(String page, String section, String fence) {
        int start = page.indexOf(fence, page.indexOf(section)) + fence.length();
        return page.substring(start, page.indexOf("```", start));
    }

    @Test
    void aPlatformWithoutNativesStopsTheBuildWithAMessage() throws Exception {
        // no platform profile active: as on a machine Maven Central has no libtorch for
        Result build = run(TestData.project("."), List.of("mvn", "-B", "-q", "validate", "-P",
                "!linux-x86_64,!linux-aarch64,!osx-aarch64,!win-x86_64"));
        assertNotEquals(0, build.exit(), build.out());
        assertTrue(build.out().contains("no libtorch natives for this platform"), build.out());
    }
}
