package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code occlude serve} as a user starts it, in a child process: its address alone on stdout, one
 * line on stderr, the API answering, and SIGTERM stopping it with its private folder removed.
 * Mistakes in its options are one line and exit 2.
 */
@Tag("model")
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void servesUntilSigtermAndLeavesNothingBehind() throws Exception {
        Path temp = Files.createDirectories(tmp.resolve("java-tmp"));
        List<String> cmd = new ArrayList<>(TestData.childJava("-Djava.io.tmpdir=" + temp));
        cmd.addAll(List.of("serve", TestData.project("samples/nexar").toString(), "--port", "0"));
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String url;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            url = out.readLine();
            assertTrue(url != null && url.matches("http://127\\.0\\.0\\.1:\\d+/"), url + "\n" + Files.readString(err));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> frames = http.send(HttpRequest.newBuilder(URI.create(url + "api/frames")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, frames.statusCode());
            assertTrue(frames.body().contains("\"0/night-red.png\""), frames.body());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script src=\"app.js\">"), page.body());
            HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(url
                    + "api/probe?image=0%2Fnight-red.png&x=65&y=113&w=64&h=64")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, probe.statusCode(), probe.body());
            try (var listing = Files.list(temp)) {
                assertTrue(listing.anyMatch(f -> f.getFileName().toString().startsWith("occlude-serve-")),
                        "the private folder while serving");
            }
            p.destroy(); // SIGTERM, as Ctrl-C or a service manager stops it
        }
        assertEquals(143, p.waitFor(), "stopped by SIGTERM");
        try (var listing = Files.list(temp)) {
            assertTrue(listing.noneMatch(f -> f.getFileName().toString().startsWith("occlude-serve-")),
                    "the private folder is removed at exit");
        }
        List<String> lines = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line of its own, no library's: " + lines);
        assertTrue(lines.get(0).startsWith("occlude serve: model nexar-squeezenet (incremental inference); 3 frames in ["),
                lines.get(0));
    }

    @Test
    void mistakesAreOneLine() throws Exception {
        CliRun missing = CliRun.of("serve", tmp.resolve("nowhere").toString());
        assertEquals(2, missing.exit(), missing.toString());
        assertEquals(1, missing.stderrLines().size(), missing.toString());
        assertTrue(missing.stderr().contains("nowhere: not a folder"), missing.stderr());
        CliRun verbose = CliRun.of("serve", "--verbose", "--port", "-1");
        assertTrue(verbose.stderr().contains("--port must be 0 to 65535"), "--verbose is an option of serve: "
                + verbose.stderr());
        CliRun port = CliRun.of("serve", "--port", "70000");
        assertEquals(2, port.exit(), port.toString());
        assertTrue(port.stderr().contains("--port must be 0 to 65535"), port.stderr());
        // a port in use, in a child process: the web server's own error log would go to the real stderr
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<String> cmd = new ArrayList<>(TestData.childJava());
            cmd.addAll(List.of("serve", "--port", String.valueOf(taken.getLocalPort())));
            Path err = tmp.resolve("busy.txt");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(tmp.resolve("out.txt")
                    .toFile()).start();
            assertEquals(1, p.waitFor());
            List<String> lines = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("occlude: cannot serve on 127.0.0.1:" + taken.getLocalPort()), lines.get(0));
            assertEquals("", Files.readString(tmp.resolve("out.txt")), "no address when nothing is served");
        }
    }
}
