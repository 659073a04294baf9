package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.TestData;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What occlude serve refuses: ids that lead out of its folders (and what the listing leaves out),
 * requests naming another host, uploads too large or not images, requests without the token on a
 * non-loopback address.
 */
@Tag("model")
class ServeRefusalsTest extends ServeTestBase {
    @Test
    void framesAreListedWithoutWhatLiesOutsideOrIsNoImage() throws Exception {
        JsonArray listed = getJson("/api/frames").getAsJsonArray("frames");
        List<String> ids = listed.asList().stream().map(e -> e.getAsJsonObject().get("id").getAsString())
                .filter(id -> !id.startsWith("upload/")).toList();
        assertEquals(List.of("0/green-two-lights.png", "0/night-parking-signs.png", "0/night-red.png", "0/sub/again.png"),
                ids);
    }

    @Test
    void idsThatLeadOutOfTheFoldersAreRefused() throws Exception {
        Path secret = tmp.resolve("outside/secret.png");
        for (String id : List.of("0/../outside/secret.png", "0/link-out.png", "0/dir-out/secret.png", secret.toString(),
                "0/" + secret, "0//" + secret, "0/sub/../../outside/secret.png", "0/./night-red.png", "1/night-red.png",
                "0/notes.txt", "0/sub", "../frames/night-red.png", "0\\..\\outside\\secret.png", "upload/999")) {
            HttpResponse<String> r = get("/api/image?image=" + q(id));
            assertEquals(404, r.statusCode(), id + ": " + r.body());
            assertEquals(404, get("/api/probe?image=" + q(id) + "&x=0&y=0&w=8&h=8").statusCode(), id);
        }
        assertEquals(200, get("/api/image?image=" + q("0/sub/again.png")).statusCode());
        // the path itself, not only the id
        String raw = RawHttp.get("127.0.0.1", server.port(), "/../outside/secret.png", "127.0.0.1:" + server.port());
        assertTrue(raw.startsWith("HTTP/1.1 400") || raw.startsWith("HTTP/1.1 404"), raw);
    }

    @Test
    void requestsNamingAnotherHostAreRefused() throws Exception {
        // java.net.http sends its own Host: a raw request says it as a browser led by another site would
        String answer = RawHttp.get("127.0.0.1", server.port(), "/api/frames", "evil.example");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(RawHttp.get("127.0.0.1", server.port(), "/api/frames", "localhost:" + server.port())
                .startsWith("HTTP/1.1 200"));
    }

    @Test
    void uploadsAreBoundedAndDecodedWithTheCliChecks() throws Exception {
        HttpResponse<String> big = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/upload?name=big.png"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2_000_001])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode(), big.body());
        HttpResponse<String> text = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/upload?name=a.png"))
                .POST(HttpRequest.BodyPublishers.ofString("not an image")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(422, text.statusCode(), text.body());
        assertTrue(text.body().contains("a.png"), text.body());
        HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/api/upload?name=..%2F..%2Fx.png"))
                .POST(HttpRequest.BodyPublishers.ofFile(TestData.nexarFrame("night-red.png"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        JsonObject up = JsonParser.parseString(ok.body()).getAsJsonObject();
        assertEquals("x.png", up.get("name").getAsString());
        JsonObject p = probe(up.get("id").getAsString(), 65, 113, 64, 64, null);
        JsonObject same = probe("0/night-red.png", 65, 113, 64, 64, null);
        for (int c = 0; c < 3; c++) {
            assertEquals(same.getAsJsonArray("probabilities").get(c).getAsDouble(),
                    p.getAsJsonArray("probabilities").get(c).getAsDouble(), 1e-6, "the uploaded copy");
        }
        assertFalse(Files.exists(frames.resolve("x.png")), "uploads are kept in memory");
    }

    @Test
    void anotherAddressNeedsThePrintedToken() throws Exception {
        try (ServeServer open = ServeServer.start(classifier, model, new ServeServer.Config(List.of(frames), "0.0.0.0", 0,
                50_000_000L, 1_000_000L))) {
            String token = open.token().orElseThrow();
            assertTrue(token.matches("[0-9a-f]{32}"), token);
            String at = "http://127.0.0.1:" + open.port();
            for (String path : List.of("/", "/api/frames", "/api/frames?token=" + "0".repeat(32),
                    "/api/probe?image=0%2Fnight-red.png&x=0&y=0&w=8&h=8")) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(at + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, r.statusCode(), path);
            }
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(at + "/api/frames?token=" + token)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(at + "/api/frames"))
                    .header("X-Occlude-Token", token).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            assertTrue(open.url("127.0.0.1").endsWith("/?token=" + token));
        }
    }
}
