package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
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
                "0/notes.txt", "0/sub", "../frames/night-red.png", "0\\..\\outside\\secret.png", "upload/999", "0/a:b.png",
                "0/back\\slash.png", "0/back/slash.png")) {
            HttpResponse<String> r = get("/api/image?image=" + q(id));
            assertEquals(404, r.statusCode(), id + ": " + r.body());
            assertEquals(404, get("/api/probe?image=" + q(id) + "&x=0&y=0&w=8&h=8").statusCode(), id);
        }
        assertEquals(200, get("/api/image?image=" + q("0/sub/again.png")).statusCode());
        // the path itself, not only the id
        String raw = RawHttp.get("127.0.0.1", server.port(), "/../outside/secret.png?token=" + tokenOf(server),
                "127.0.0.1:" + server.port());
        assertTrue(raw.startsWith("HTTP/1.1 400") || raw.startsWith("HTTP/1.1 404"), raw);
    }

    @Test
    void requestsNamingAnotherHostAreRefused() throws Exception {
        // java.net.http sends its own Host: a raw request says it as a browser led by another site would
        String frames = "/api/frames?token=" + tokenOf(server);
        String port = ":" + server.port();
        for (String host : List.of("evil.example", "evil.example" + port, "127.0.0.1.evil.example" + port,
                "localhost.evil.example" + port, "127.0.0.1:1", "localhost",
                // addresses of other machines: no rebinding, but not this server's address either
                "10.0.0.5" + port, "8.8.8.8" + port, "0.0.0.0" + port, "128.0.0.1" + port, "127.0.0.256" + port,
                "999.0.0.1" + port, "[2001:db8::1]" + port, "[::ffff:a00:5]" + port, "[::]" + port)) {
            String answer = RawHttp.get("127.0.0.1", server.port(), frames, host);
            assertTrue(answer.startsWith("HTTP/1.1 403"), host + ": " + answer);
        }
        // no address at all: the web server refuses it before the page's gate does
        String answer = RawHttp.get("127.0.0.1", server.port(), frames, "[:::::]" + port);
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        // this machine by name or by any loopback address: nothing another site can point here
        for (String host : List.of("localhost" + port, "127.0.0.1" + port, "127.0.0.2" + port, "127.255.0.1" + port,
                "[::1]" + port, "[::ffff:7f00:1]" + port, "[0:0:0:0:0:0:0:1]" + port)) {
            assertTrue(RawHttp.get("127.0.0.1", server.port(), frames, host).startsWith("HTTP/1.1 200"), host);
        }
    }

    @Test
    void uploadsAreBoundedAndDecodedWithTheCliChecks() throws Exception {
        HttpResponse<String> big = HTTP.send(request(server, "/api/upload?name=big.png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2_000_001])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, big.statusCode(), big.body());
        HttpResponse<String> text = HTTP.send(request(server, "/api/upload?name=a.png")
                .POST(HttpRequest.BodyPublishers.ofString("not an image")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(422, text.statusCode(), text.body());
        assertTrue(text.body().contains("a.png"), text.body());
        HttpResponse<String> ok = HTTP.send(request(server, "/api/upload?name=..%2F..%2Fx.png")
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
    void anotherAddressNeedsThePrintedTokenAsLoopbackDoes() throws Exception {
        try (ServeServer open = ServeServer.start(classifier, model, new ServeServer.Config(List.of(frames), "0.0.0.0", 0,
                50_000_000L, 1_000_000L))) {
            String token = tokenOf(open);
            assertTrue(token.matches("[0-9a-f]{32}"), token);
            assertNotEquals(tokenOf(server), token, "each server its own");
            assertTokenAsked(open);
        }
        assertTokenAsked(server);
    }

    /** Every request without the printed token, or with another, gets 401; with it in the query or the header, 200. */
    private static void assertTokenAsked(ServeServer s) throws Exception {
        String at = "http://127.0.0.1:" + s.port();
        String token = tokenOf(s);
        for (String path : List.of("/", "/api/frames", "/api/model", "/api/frames?token=" + "0".repeat(32),
                "/api/frames?token=" + token.substring(1), "/api/image?image=0%2Fnight-red.png",
                "/api/probe?image=0%2Fnight-red.png&x=0&y=0&w=8&h=8", "/api/maps/m1", "/api/results/0/0")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(at + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), path);
            assertTrue(r.body().startsWith("{\"error\":"), r.body());
        }
        for (String path : List.of("/api/maps?image=0%2Fnight-red.png&patch=256&stride=256", "/api/upload?name=a.png")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(at + path)).header("X-Occlude-Token",
                    "0".repeat(32)).POST(HttpRequest.BodyPublishers.ofFile(TestData.nexarFrame("night-red.png"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), path);
        }
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(at + "/api/frames?token=" + token)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, HTTP.send(request(s, "/api/frames").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode());
        assertTrue(s.url("127.0.0.1").endsWith("/?token=" + token));
    }

    @Test
    void anotherUserOfTheMachineReadsNothing() throws Exception {
        // a folder only its owner reads; the server's user serves it to the page, never to another user
        String at = "http://127.0.0.1:" + server.port();
        for (String path : List.of("/api/frames", "/api/image?image=0%2Fnight-red.png", "/")) {
            Process curl = new ProcessBuilder("runuser", "-u", "nobody", "--", "curl", "-s", "-o", "/dev/null", "-w",
                    "%{http_code}", at + path).redirectErrorStream(true).start();
            String status = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, curl.waitFor(), status);
            assertEquals("401", status, path);
        }
    }

    @Test
    void requestsFromAnotherOriginAreRefusedWhateverTheyCarry() throws Exception {
        // as a browser marks a page of another site (or another port) asking: refused before anything runs
        String maps = "/api/maps?image=0%2Fnight-red.png&patch=256&stride=256";
        List<String[]> marks = List.of(new String[] {"Origin", "http://evil.example"},
                new String[] {"Origin", "http://127.0.0.1:1"}, new String[] {"Origin", "null"},
                new String[] {"Sec-Fetch-Site", "cross-site"}, new String[] {"Sec-Fetch-Site", "same-site"});
        for (String[] mark : marks) {
            for (String path : List.of(maps, "/api/upload?name=a.png", "/api/frames", "/api/image?image=0%2Fnight-red.png")) {
                HttpResponse<String> r = HTTP.send(request(server, path).header(mark[0], mark[1]).method(
                        path.startsWith("/api/maps") || path.startsWith("/api/upload") ? "POST" : "GET",
                        HttpRequest.BodyPublishers.ofFile(TestData.nexarFrame("night-red.png"))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(403, r.statusCode(), mark[0] + ": " + mark[1] + " " + path + ": " + r.body());
            }
        }
        // its own page's marks pass (an id that names nothing: 404, past the gate, no work started)
        String missing = "/api/maps?image=0%2Fnone.png";
        assertEquals(404, HTTP.send(request(server, missing).header("Origin", "http://127.0.0.1:" + server.port())
                .header("Sec-Fetch-Site", "same-origin").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertTrue(getJson("/api/frames").getAsJsonArray("frames").asList().stream().noneMatch(f -> f.getAsJsonObject()
                .get("id").getAsString().startsWith("upload/") && f.getAsJsonObject().get("name").getAsString()
                .equals("a.png")), "no upload from another origin was kept");
    }

    @Test
    void badMapRequestsAreOneLine400sListingTheChoices() throws Exception {
        HttpResponse<String> kind = HTTP.send(request(server, "/api/maps?image=0%2Fnight-red.png&map=nonsense")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, kind.statusCode(), kind.body());
        assertEquals("map must be one of probability, drop, got nonsense", JsonParser.parseString(kind.body())
                .getAsJsonObject().get("error").getAsString());
        HttpResponse<String> huge = HTTP.send(request(server, "/api/maps?image=0%2Fnight-red.png&patch=100000&stride=1")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, huge.statusCode(), huge.body());
        String error = JsonParser.parseString(huge.body()).getAsJsonObject().get("error").getAsString();
        assertTrue(error.startsWith("patch 100000 with stride 1 gives 10,")
                && error.contains("variants on 455x256 image; at most 1,000,000 are allowed"), error);
    }

    @Test
    void unknownRequestsAndMethodsAreOneLineOfJson() throws Exception {
        HttpResponse<String> none = get("/api/nothing?x=1");
        assertEquals(404, none.statusCode());
        assertEquals("application/json", none.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"error\":\"no such request: GET /api/nothing\"}", none.body());
        HttpResponse<String> put = HTTP.send(request(server, "/api/frames").PUT(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
        assertEquals("{\"error\":\"PUT is not taken by /api/frames\"}", put.body());
        HttpResponse<String> job = get("/api/maps/m999999");
        assertEquals("{\"error\":\"no map job m999999\"}", job.body(), "a handler's own refusal is left as it is");
        HttpResponse<String> far = post("/api/maps?image=0%2Fnight-red.png&stride=1000000");
        assertEquals(400, far.statusCode());
        assertEquals("{\"error\":\"stride must be 1 to 100000, got 1000000\"}", far.body());
    }

    @Test
    void passesTimesTheGridPastTheVariantLimitIsOneLine400() throws Exception {
        HttpResponse<String> many = post("/api/maps?image=0%2Fnight-red.png&patch=1&stride=1&passes=100");
        assertEquals(400, many.statusCode(), many.body());
        assertEquals("application/json", many.headers().firstValue("Content-Type").orElse(""));
        assertEquals("patch 1 with stride 1 gives 116,480 variants on 455x256 image, times 100 passes 11,648,000; "
                + "at most 1,000,000 are allowed (fewer passes, a larger stride or a smaller patch)",
                JsonParser.parseString(many.body()).getAsJsonObject().get("error").getAsString());
    }

    @Test
    void mapJobsAreCancelledWithTheTokenQueuedOrRunning() throws Exception {
        // a long job (121,506 variants) holds the runner; a second waits behind it
        JsonObject running = JsonParser.parseString(post("/api/maps?image=0%2Fnight-red.png&patch=8&stride=1").body())
                .getAsJsonObject();
        JsonObject queued = JsonParser.parseString(post("/api/maps?image=0%2Fnight-red.png&patch=64&stride=32").body())
                .getAsJsonObject();
        String path = queued.get("result").getAsString();
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode(), anonymous.body());
        HttpResponse<String> stopped = delete(path);
        assertEquals(200, stopped.statusCode(), stopped.body());
        assertEquals("cancelled", JsonParser.parseString(stopped.body()).getAsJsonObject().get("state").getAsString());
        HttpResponse<String> stopping = delete(running.get("result").getAsString());
        assertTrue(stopping.statusCode() == 202 || stopping.statusCode() == 200, stopping.body());
        assertEquals("cancelled", lastEvent(running.get("events").getAsString()));
        HttpResponse<String> again = delete(running.get("result").getAsString());
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("{\"error\":\"map job " + running.get("id").getAsString() + " ended already (cancelled)\"}",
                again.body());
        assertEquals(404, delete("/api/maps/m999999").statusCode());
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(request(server, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> delete(String path) throws Exception {
        return HTTP.send(request(server, path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The name of a job's last server-sent event, once its stream ends. */
    private static String lastEvent(String events) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> r = HTTP.send(request(server, events)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        try (java.util.stream.Stream<String> lines = r.body()) {
            return lines.filter(l -> l.startsWith("event: ")).reduce((a, b) -> b).orElse("").substring(7);
        }
    }

    @Test
    void aResultsLineServesOnlyThisToolsPicturesInsideItsFolder() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        CliRun cli = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--patch", "128", "--stride", "128",
                "--out", run.resolve("maps").toString(), "-q");
        assertEquals(0, cli.exit(), cli.toString());
        JsonObject good = JsonParser.parseString(cli.stdoutLines().get(0)).getAsJsonObject();
        Path own = run.resolve("maps/night-red.occlusion.png");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.copy(own, elsewhere.resolve("theirs.occlusion.png"));
        Files.copy(TestData.nexarFrame("green-two-lights.png"), run.resolve("maps/unmarked.png"));
        Files.createSymbolicLink(run.resolve("maps/link-out.png"), elsewhere.resolve("theirs.occlusion.png"));
        Files.createSymbolicLink(run.resolve("maps/shadow.png"), Path.of("/etc/shadow"));
        List<String> named = List.of(own.toString(), "/etc/shadow", "../../../../../../../../etc/passwd",
                elsewhere.resolve("theirs.occlusion.png").toString(), "maps/link-out.png", "maps/shadow.png",
                "maps/unmarked.png");
        StringBuilder lines = new StringBuilder();
        for (String overlay : named) {
            JsonObject line = good.deepCopy();
            line.getAsJsonObject("outputs").addProperty("overlay", overlay);
            lines.append(line).append('\n');
        }
        Path results = run.resolve("evil.jsonl");
        Files.writeString(results, lines);
        try (ServeServer served = ServeServer.start(classifier, model, new ServeServer.Config(List.of(),
                List.of(results), "127.0.0.1", 0, 50_000_000L, 1_000_000L))) {
            for (int i = 0; i < named.size(); i++) {
                HttpResponse<String> r = HTTP.send(request(served, "/api/results/0/" + i).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                JsonObject outputs = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("record")
                        .getAsJsonObject("outputs");
                HttpResponse<byte[]> picture = HTTP.send(request(served, "/api/results/0/" + i + "/pictures/0").build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (i == 0) {
                    assertEquals("/api/results/0/0/pictures/0", outputs.get("overlay").getAsString());
                    assertEquals(200, picture.statusCode());
                    assertTrue(java.util.Arrays.equals(Files.readAllBytes(own), picture.body()), "the run's own overlay");
                } else {
                    assertTrue(outputs.get("overlay") == null || outputs.get("overlay").isJsonNull(), named.get(i)
                            + ": " + outputs);
                    assertEquals(404, picture.statusCode(), named.get(i));
                }
            }
            // the picture swapped after start: checked again as it is sent, on the very bytes sent
            Files.delete(own);
            Files.createSymbolicLink(own, Path.of("/etc/shadow"));
            assertEquals(404, HTTP.send(request(served, "/api/results/0/0/pictures/0").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode());
            Files.delete(own);
            Files.copy(TestData.nexarFrame("green-two-lights.png"), own);
            assertEquals(404, HTTP.send(request(served, "/api/results/0/0/pictures/0").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode());
            // a FIFO swapped in: refused before it is opened (opening it would hold a thread until a writer came)
            Files.delete(own);
            Process fifo = new ProcessBuilder("mkfifo", own.toString()).start();
            assertEquals(0, fifo.waitFor());
            assertEquals(404, HTTP.send(request(served, "/api/results/0/0/pictures/0").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode());
            // the picture's folder swapped for a link to a folder outside, holding a marked picture
            Files.delete(own);
            Path maps = run.resolve("maps");
            Path moved = Files.move(maps, run.resolve("maps-moved"));
            Path outside = Files.createDirectories(tmp.resolve("outside"));
            Files.copy(elsewhere.resolve("theirs.occlusion.png"), outside.resolve("night-red.occlusion.png"));
            Files.createSymbolicLink(maps, outside);
            assertEquals(404, HTTP.send(request(served, "/api/results/0/0/pictures/0").build(),
                    HttpResponse.BodyHandlers.ofByteArray()).statusCode());
            Files.delete(maps);
            Files.move(moved, maps);
        }
    }
}
