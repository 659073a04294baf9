package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.TestData;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/**
 * A page of another origin (another port of this machine) opened in the browser, even one that knows
 * the token: an auto-submitted form, a no-cors fetch upload and map, an image whose address is the
 * map link. None may start a map or upload anything; nor may the map link opened as a page.
 */
final class OtherOrigin {
    private OtherOrigin() {}

    /** Opens the hostile page against {@code target} (a server no one asked anything yet) and checks it did nothing. */
    static void attack(PageDriver page, ServeServer target) throws Exception {
        HttpServer evil = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try {
            byte[] body = hostilePage(target).getBytes(StandardCharsets.UTF_8);
            evil.createContext("/", x -> {
                x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            evil.start();
            page.driver.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
            page.until(d -> "done".equals(d.getTitle()));
            // the map link opened as the page itself: the frame and the compute button, no map
            page.driver.get(target.url("127.0.0.1") + "&frame=0%2Fgreen-two-lights.png&map=1");
            page.until(d -> page.text("map-status").equals("press compute to map this frame"));
        } finally {
            evil.stop(0);
        }
        String at = "http://127.0.0.1:" + target.port();
        HttpClient http = HttpClient.newHttpClient();
        JsonObject frames = JsonParser.parseString(http.send(HttpRequest.newBuilder(URI.create(at + "/api/frames?token="
                + target.token())).build(), HttpResponse.BodyHandlers.ofString()).body()).getAsJsonObject();
        assertEquals(3, frames.getAsJsonArray("frames").size(), "no upload was kept: " + frames);
        // the first map job the server ever queues is this one: nothing before it started one, nor used up an id
        HttpResponse<String> first = http.send(HttpRequest.newBuilder(URI.create(at + "/api/maps?image=0%2Fgreen-two-lights.png"
                + "&patch=256&stride=256&token=" + target.token())).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, first.statusCode(), first.body());
        assertEquals("m1", JsonParser.parseString(first.body()).getAsJsonObject().get("id").getAsString());
    }

    /** The page: for no token and for the right one, a form POST, an image of the map link, two no-cors fetches. */
    private static String hostilePage(ServeServer target) throws java.io.IOException {
        String at = "http://127.0.0.1:" + target.port();
        String png = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(TestData.nexarFrame("night-red.png")));
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html><body>");
        StringBuilder script = new StringBuilder("const bytes = Uint8Array.from(atob('" + png
                + "'), c => c.charCodeAt(0)); const waits = [];");
        int k = 0;
        for (String token : List.of("", "&token=" + target.token())) {
            String mapLink = at + "/?frame=0%2Fgreen-two-lights.png&map=1" + token;
            page.append("<iframe name='sink").append(k).append("'></iframe><form id='f").append(k)
                    .append("' method='POST' target='sink").append(k).append("' action='").append(at)
                    .append("/api/maps?patch=256&stride=256").append(token).append("'>")
                    .append("<input name='image' value='0/green-two-lights.png'></form>")
                    .append("<img id='i").append(k).append("' src='").append(mapLink).append("'>");
            script.append("waits.push(new Promise(r => { const i = document.getElementById('i").append(k)
                    .append("'); if (i.complete) r(); i.onload = i.onerror = r; }));")
                    .append("waits.push(new Promise(r => { document.getElementsByName('sink").append(k)
                    .append("')[0].onload = r; document.getElementById('f").append(k).append("').submit(); }));")
                    .append("waits.push(fetch('").append(at).append("/api/upload?name=evil.png").append(token)
                    .append("', { method: 'POST', mode: 'no-cors', body: new Blob([bytes]) }).catch(() => 0));")
                    .append("waits.push(fetch('").append(at).append("/api/maps?image=0%2Fgreen-two-lights.png")
                    .append(token).append("', { method: 'POST', mode: 'no-cors' }).catch(() => 0));");
            k++;
        }
        return page.append("<script>").append(script).append("Promise.all(waits).then(() => { document.title = 'done'; });")
                .append("</script></body></html>").toString();
    }
}
