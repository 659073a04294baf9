package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.TestData;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on the shipped model over a folder of the Nexar frames that also holds what must not be
 * served (a text file, links to a file and a folder outside it, names with {@code :} or a
 * backslash), and the requests the tests send, with the token of the address the server prints.
 */
@Tag("model")
abstract class ServeTestBase {
    @TempDir
    static Path tmp;
    static Classifier classifier;
    static ModelDirectory model;
    static ServeServer server;
    static Path frames;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        frames = Files.createDirectories(tmp.resolve("frames"));
        for (String f : TestData.NEXAR_FRAMES) {
            Files.copy(TestData.nexarFrame(f), frames.resolve(f));
        }
        Files.createDirectories(frames.resolve("sub"));
        Files.copy(TestData.nexarFrame("night-red.png"), frames.resolve("sub/again.png"));
        Files.writeString(frames.resolve("notes.txt"), "not a frame");
        // names an id cannot carry on every system (a drive, a separator): neither listed nor served
        Files.copy(TestData.nexarFrame("night-red.png"), frames.resolve("a:b.png"));
        Files.copy(TestData.nexarFrame("night-red.png"), frames.resolve("back\\slash.png"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.copy(TestData.nexarFrame("night-red.png"), outside.resolve("secret.png"));
        Files.createSymbolicLink(frames.resolve("link-out.png"), outside.resolve("secret.png"));
        Files.createSymbolicLink(frames.resolve("dir-out"), outside);
        model = ModelDirectory.open(TestData.nexarModel());
        classifier = Classifier.load(model);
        server = ServeServer.start(classifier, model, new ServeServer.Config(List.of(frames), "127.0.0.1", 0,
                50_000_000L, 2_000_000L));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (classifier != null) {
            classifier.close();
        }
    }

    /**
     * The synthetic model's CLI run on night-red at P64 S32 with {@code more} options (its JSON line,
     * its files in {@code out}).
     */
    static JsonObject syntheticLine(Path out, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(TestData.nexarFrame("night-red.png").toString(), "--model",
                TestData.syntheticModel().toString(), "--patch", "64", "--stride", "32", "--out", out.toString(), "-q"));
        args.addAll(List.of(more));
        dev.occlude.CliRun cli = dev.occlude.CliRun.of(args.toArray(String[]::new));
        assertEquals(0, cli.exit(), cli.toString());
        return JsonParser.parseString(cli.stdoutLines().get(0)).getAsJsonObject();
    }

    /** A server of the shared model and {@code second} side by side, over the shared frames. */
    static ServeServer withSecond(Classifier second, ModelDirectory secondDir) throws java.io.IOException {
        return ServeServer.start(List.of(new ServeServer.Model(classifier, model), new ServeServer.Model(second,
                secondDir)), new ServeServer.Config(List.of(frames), "127.0.0.1", 0, 50_000_000L, 1_000_000L));
    }

    static String base() {
        return "http://127.0.0.1:" + server.port();
    }

    static String q(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    /** The token of the address a server prints, as a user (or a script) takes it from there. */
    static String tokenOf(ServeServer s) {
        String query = URI.create(s.url("127.0.0.1")).getQuery();
        assertTrue(query != null && query.startsWith("token="), s.url("127.0.0.1"));
        return query.substring("token=".length());
    }

    /** A request to {@code s} with the token of its printed address, as scripts send it (a header). */
    static HttpRequest.Builder request(ServeServer s, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).header("X-Occlude-Token",
                tokenOf(s));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(server, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject getJson(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    static JsonObject probe(String image, int x, int y, int w, int h, String keep) throws Exception {
        return getJson("/api/probe?image=" + q(image) + "&x=" + x + "&y=" + y + "&w=" + w + "&h=" + h
                + (keep == null ? "" : "&keep=" + q(keep)));
    }

}
