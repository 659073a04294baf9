package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import java.awt.Rectangle;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * occlude serve's parameter checks, without a model (the fast tier): numbers, sides and kept patches read
 * from a real request's query and form, each problem one message naming the parameter.
 */
class ParamsTest {
    private static Javalin app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = Javalin.create()
                .get("/side", ctx -> ctx.result(String.valueOf(Params.side(ctx, "patch", 32))))
                .post("/side", ctx -> ctx.result(String.valueOf(Params.side(ctx, "patch"))))
                .exception(IllegalArgumentException.class, (e, ctx) -> ctx.status(400).result(e.getMessage()))
                .start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static HttpResponse<String> get(String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/side" + query)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSideFromTheQueryOrItsDefault() throws Exception {
        assertEquals("48", get("?patch=48").body());
        assertEquals("32", get("").body(), "the default when not given");
    }

    @Test
    void aSideFromTheForm() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/side"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("patch=16")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("16", r.body());
    }

    @Test
    void badSidesAreNamed() throws Exception {
        for (String bad : List.of("0", "-3", "100001", "1.5", "ten", "1234567")) {
            HttpResponse<String> r = get("?patch=" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertTrue(r.body().startsWith("patch must be"), r.body());
        }
    }

    @Test
    void aNumberOutOfRangeNamesTheRangeHoweverLong() throws Exception {
        assertEquals("patch must be 1 to 100000, got 1000000", get("?patch=1000000").body());
        assertEquals("patch must be 1 to 100000, got 99999999999999999999999", get("?patch=99999999999999999999999")
                .body());
        assertEquals("patch must be 1 to 100000, got -5", get("?patch=-5").body());
        assertEquals("patch must be a whole number of pixels, got 1e6", get("?patch=1e6").body());
    }

    @Test
    void keptPatches() {
        assertEquals(List.of(new Rectangle(1, 2, 3, 4), new Rectangle(5, 6, 7, 8)), Params.rectangles("1,2,3,4; 5,6,7,8"));
        assertEquals(List.of(), Params.rectangles(""));
        assertEquals(List.of(), Params.rectangles(null));
        for (String bad : List.of("1,2,3", "a,b,c,d", "1,2,0,4", "1,2,3,100001")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Params.rectangles(bad));
            assertTrue(e.getMessage().contains(bad.contains("100001") || bad.contains(",0,") ? "sides" : "keep"),
                    e.getMessage());
        }
        // as many as passes may be asked for: a probe hiding every pass's worst patch is never refused
        assertEquals(100, Params.MAX_KEPT);
        assertEquals(dev.occlude.occlusion.Limits.MAX_PASSES, Params.MAX_KEPT);
        assertEquals(100, Params.rectangles(String.join(";", java.util.Collections.nCopies(100, "1,1,1,1"))).size());
        String many = String.join(";", java.util.Collections.nCopies(101, "1,1,1,1"));
        assertEquals("keep takes up to 100 patches as x,y,w,h;x,y,w,h, got 101 patches",
                assertThrows(IllegalArgumentException.class, () -> Params.rectangles(many)).getMessage());
    }
}
