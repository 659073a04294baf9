package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /** The servers started, stopped after each test even when it fails before stopping them itself. */
    private final List<Process> started = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopServers() {
        started.forEach(Process::destroyForcibly);
    }

    /** A serve child process with its own temporary folder, as a user starts it; its stderr goes to {@code err}. */
    private Process serve(Path temp, Path err, List<String> prefix, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(TestData.childJava("-Djava.io.tmpdir=" + temp));
        cmd.add("serve");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        started.add(p);
        return p;
    }

    @Test
    void servesUntilSigtermAndLeavesNothingBehind() throws Exception {
        Path temp = Files.createDirectories(tmp.resolve("java-tmp"));
        // a killed server's private folder (its process gone), and one of a server still running
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = temp.resolve("occlude-serve-" + gone.pid() + "-123");
        Files.createDirectories(stale.resolve("model-0/m1"));
        Path running = Files.createDirectories(temp.resolve("occlude-serve-" + ProcessHandle.current().pid() + "-456"));
        Path err = tmp.resolve("stderr.txt");
        Process p = serve(temp, err, List.of(), TestData.project("samples/nexar").toString(), "--port", "0");
        String url;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            url = out.readLine();
            assertTrue(url != null && url.matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{32}"), url + "\n"
                    + Files.readString(err));
            String root = url.substring(0, url.indexOf('?'));
            String token = url.substring(url.indexOf('?'));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> frames = http.send(HttpRequest.newBuilder(URI.create(root + "api/frames" + token)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, frames.statusCode());
            assertTrue(frames.body().contains("\"0/night-red.png\""), frames.body());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script src=\"app.js\">"), page.body());
            HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(root
                    + "api/probe" + token + "&image=0%2Fnight-red.png&x=65&y=113&w=64&h=64")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, probe.statusCode(), probe.body());
            assertEquals(401, http.send(HttpRequest.newBuilder(URI.create(root + "api/frames")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "no token, no answer");
            try (var listing = Files.list(temp)) {
                assertTrue(listing.anyMatch(f -> f.getFileName().toString().startsWith("occlude-serve-" + p.pid() + "-")),
                        "the private folder while serving, named by the server's process");
            }
            assertFalse(Files.exists(stale), "a killed server's folder is removed");
            assertTrue(Files.isDirectory(running), "a running server's folder is not");
            p.destroy(); // SIGTERM, as Ctrl-C or a service manager stops it
        }
        assertEquals(143, p.waitFor(), "stopped by SIGTERM");
        try (var listing = Files.list(temp)) {
            assertEquals(List.of(running), listing.toList(), "the private folder is removed at exit");
        }
        List<String> lines = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line of its own, no library's: " + lines);
        assertTrue(lines.get(0).startsWith("occlude serve: model nexar-squeezenet (incremental inference); 3 frames in ["),
                lines.get(0));
    }

    @Test
    void anUnreadableFolderIsLeftOutInOneLine() throws Exception {
        Path frames = Files.createDirectories(tmp.resolve("frames"));
        Files.copy(TestData.nexarFrame("night-red.png"), frames.resolve("night-red.png"));
        Path locked = Files.createDirectories(frames.resolve("locked"));
        Files.copy(TestData.nexarFrame("green-two-lights.png"), locked.resolve("hidden.png"));
        Files.setPosixFilePermissions(locked, java.util.Set.of());
        Path err = tmp.resolve("stderr.txt");
        // root reads any folder: the server runs without the capabilities that let it, as any other user
        Process p = serve(Files.createDirectories(tmp.resolve("java-tmp")), err, List.of("setpriv",
                "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"),
                frames.toString(), "--port", "0");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String url = out.readLine();
            assertTrue(url != null && url.contains("?token="), url + "\n" + Files.readString(err));
            String root = url.substring(0, url.indexOf('?'));
            HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root
                    + "api/frames" + url.substring(url.indexOf('?')))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, listed.statusCode(), listed.body());
            assertTrue(listed.body().contains("\"0/night-red.png\"") && !listed.body().contains("hidden.png"),
                    listed.body());
            p.destroy();
        } finally {
            Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(143, p.waitFor());
        List<String> lines = Files.readAllLines(err).stream().filter(l -> !l.isBlank()).toList();
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("occlude: " + frames.toRealPath().resolve("locked") + ": cannot be read (permission denied); left out",
                lines.get(0));
        assertTrue(lines.get(1).startsWith("occlude serve: model nexar-squeezenet (incremental inference); 1 frame in ["),
                lines.get(1));
    }

    /** A PNG of {@code side} x {@code side} grey pixels: a few hundred KB that decode to hundreds of MB. */
    private static byte[] hugeGreyPng(int side) throws Exception {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer header = java.nio.ByteBuffer.allocate(13).putInt(side).putInt(side).put((byte) 8)
                .put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", header.array());
        java.io.ByteArrayOutputStream idat = new java.io.ByteArrayOutputStream();
        try (java.util.zip.DeflaterOutputStream z = new java.util.zip.DeflaterOutputStream(idat)) {
            byte[] row = new byte[1 + 3 * side];
            java.util.Arrays.fill(row, 1, row.length, (byte) 0x80);
            for (int y = 0; y < side; y++) {
                z.write(row);
            }
        }
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(java.io.DataOutputStream out, String type, byte[] data) throws Exception {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        out.writeInt(data.length);
        out.write(type.getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void outOfMemoryIsAJsonAnswerAndTheServerGoesOn() throws Exception {
        Path err = tmp.resolve("oom.txt");
        // a heap of 200 MB against an upload that decodes to 243 MB
        Path temp = Files.createDirectories(tmp.resolve("java-tmp"));
        List<String> cmd = new ArrayList<>(TestData.childJava("-Xmx200m", "-Djava.io.tmpdir=" + temp));
        cmd.addAll(List.of("serve", TestData.project("samples/nexar").toString(), "--port", "0", "--max-pixels",
                "100000000"));
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        started.add(p);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String url = out.readLine();
            assertTrue(url != null && url.contains("?token="), url + "\n" + Files.readString(err));
            String root = url.substring(0, url.indexOf('?'));
            String token = url.substring(url.indexOf('=') + 1);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(root + "api/upload?name=huge.png"))
                    .header("X-Occlude-Token", token).POST(HttpRequest.BodyPublishers.ofByteArray(hugeGreyPng(9000)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, upload.statusCode(), upload.body());
            assertEquals("{\"error\":\"out of memory while answering; try a smaller image, patch grid or upload\"}",
                    upload.body());
            HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create(root
                    + "api/probe?image=0%2Fnight-red.png&x=65&y=113&w=64&h=64")).header("X-Occlude-Token", token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, probe.statusCode(), "the server goes on: " + probe.body());
            p.destroy();
        }
        assertEquals(143, p.waitFor());
        assertEquals(1, Files.readAllLines(err).stream().filter(l -> !l.isBlank()).count(), Files.readString(err));
    }

    @Test
    void anyAddressOfThisMachineAnswersItsOwnPrintedAddress() throws Exception {
        for (String host : List.of("127.0.0.2", "::ffff:7f00:1")) {
            Path err = tmp.resolve("host.txt");
            Process p = serve(Files.createDirectories(tmp.resolve("java-tmp")), err, List.of(), "--host", host,
                    "--port", "0");
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String url = out.readLine();
                assertTrue(url != null && url.startsWith(host.contains(":") ? "http://[" + host + "]:" : "http://" + host
                        + ":"), url + "\n" + Files.readString(err));
                // curl, as a user pastes the address (java.net.http will not send a v4-mapped address's Host)
                Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-g", url)
                        .redirectErrorStream(true).start();
                assertEquals("200", new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8), host);
                p.destroy();
            }
            assertEquals(143, p.waitFor());
        }
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
        for (String[] host : List.of(new String[] {"", "--host is empty"},
                new String[] {"192.0.2.1", "--host 192.0.2.1 is not an address of this machine"},
                new String[] {"no-such-host.invalid", "--host no-such-host.invalid: no such address"})) {
            CliRun bad = CliRun.of("serve", "--host", host[0], "--port", "0");
            assertEquals(2, bad.exit(), bad.toString());
            assertEquals(1, bad.stderrLines().size(), bad.toString());
            assertTrue(bad.stderr().contains(host[1]) && !bad.stderr().contains("port 0"), bad.stderr());
            assertEquals("", bad.stdout(), "no address when nothing is served");
        }
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
            assertEquals("occlude: cannot serve on 127.0.0.1:" + taken.getLocalPort() + " (Address already in use)",
                    lines.get(0));
            assertEquals("", Files.readString(tmp.resolve("out.txt")), "no address when nothing is served");
        }
    }
}
