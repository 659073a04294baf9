package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

/**
 * The page of {@code occlude serve} in headless Chromium, driven as a user drives it: one server
 * on the shipped model over the Nexar frames and one browser, shared; each test opens the page
 * afresh. It opens on a frame with a hint, draws it as large as the window allows, says when no
 * patch is on it, previews the patch opaque in its fill, shows the fall of a class as long as it
 * is; the patch follows the mouse, a click keeps it; a full map and one more pass are the command
 * line's.
 */
@Tag("model")
@Tag("browser")
class ServePageTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;
    private static Classifier classifier;
    private static ModelDirectory model;
    private static ServeServer server;
    private static PageDriver page;

    @BeforeAll
    static void startTheServerAndTheBrowser() throws Exception {
        model = ModelDirectory.open(TestData.nexarModel());
        classifier = Classifier.load(model);
        server = ServeServer.start(classifier, model, new ServeServer.Config(List.of(TestData.project("samples/nexar")),
                "127.0.0.1", 0, 50_000_000L, 1_000_000L));
        page = new PageDriver(shared.resolve("chrome-profile"));
    }

    @AfterAll
    static void stopThem() throws Exception {
        PageDriver.closeAll(page, server, classifier);
    }

    @BeforeEach
    void openThePage() throws InterruptedException {
        page.open(server, 3);
    }

    @Test
    void itOpensOnTheFirstFrameWithAOneLineHint() throws Exception {
        String first = page.driver.findElements(By.cssSelector("#frames li")).get(0).getAttribute("data-id");
        assertEquals(first, page.driver.findElement(By.cssSelector("#frames li.current")).getAttribute("data-id"));
        page.until(d -> (Boolean) page.script("return state.lastProbe !== null;"));
        // the frame itself on the canvas, not a blank one: a pixel of the canvas is the frame's
        java.awt.image.BufferedImage frame = ImageIO.read(TestData.project("samples/nexar/" + first.substring(2)).toFile());
        int rgb = frame.getRGB(100, 100);
        assertEquals(List.of((long) (rgb >> 16 & 255), (long) (rgb >> 8 & 255), (long) (rgb & 255), 255L),
                page.pixel(100, 100));
        String hint = page.text("hint");
        assertTrue(hint.startsWith(first.substring(2) + ": move the mouse over it"), hint);
        assertFalse(hint.contains("\n"), "one line: " + hint);
    }

    @Test
    void theFrameIsDrawnAsLargeAsTheWindowAllowsAndProbesStayInSourcePixels() throws Exception {
        page.frame("0/night-red.png");
        assertFits(1400, 1000);
        @SuppressWarnings("unchecked")
        List<Number> wide = (List<Number>) page.script("return [document.getElementById('view').getBoundingClientRect().width];");
        assertTrue(wide.get(0).doubleValue() >= 2 * 455, "a 455x256 frame in a 1400x1000 window: " + wide);
        // the patch over the red light, at its source pixels, whatever the drawing's size
        page.moveTo(97, 145);
        page.until(d -> page.text("probe-status").matches("^patch \\((6[4-6]), (11[2-4]), 64, 64\\).*"));
        page.driver.manage().window().setSize(new org.openqa.selenium.Dimension(900, 600));
        page.until(d -> (Boolean) page.script("return document.getElementById('view').getBoundingClientRect().height"
                + " <= window.innerHeight;"));
        assertFits(900, 600);
        page.moveTo(97, 145);
        page.until(d -> page.text("probe-status").matches("^patch \\((6[4-6]), (11[2-4]), 64, 64\\).*"));
    }

    /** The canvas keeps the frame's shape, fits in the window, and one of its sides meets the room it has. */
    private static void assertFits(int windowWidth, int windowHeight) {
        @SuppressWarnings("unchecked")
        List<Number> b = (List<Number>) page.script("const c = document.getElementById('view');"
                + "const r = c.getBoundingClientRect(); const e = document.getElementById('explore');"
                + "return [r.width, r.height, c.width, c.height, e.clientWidth, window.innerHeight];");
        double w = b.get(0).doubleValue();
        double h = b.get(1).doubleValue();
        String what = windowWidth + "x" + windowHeight + " window: drawn " + b;
        assertEquals(b.get(2).doubleValue() / b.get(3).doubleValue(), w / h, 0.01, what);
        assertTrue(w <= b.get(4).doubleValue() && h <= b.get(5).doubleValue(), what);
        assertTrue(w >= b.get(4).doubleValue() - 4 || h >= b.get(5).doubleValue() - 140, what);
    }

    @Test
    void withNoPatchOverTheFrameTheStatusSaysSo() throws Exception {
        page.until(d -> page.text("probe-status").startsWith("no patch over the frame: each class's probability of the"
                + " frame as it is"));
        page.moveTo(200, 100);
        page.until(d -> page.text("probe-status").startsWith("patch ("));
        new Actions(page.driver).moveToElement(page.element("hint")).perform(); // the mouse leaves the frame
        page.until(d -> page.text("probe-status").startsWith("no patch over the frame"));
        assertFalse(page.text("probe-status").contains("-10"), page.text("probe-status"));
    }

    @Test
    void thePreviewPatchIsOpaqueInTheFillsOwnColour() throws Exception {
        page.frame("0/night-red.png");
        page.moveTo(97, 145); // over the red lamp: none of it may show through
        page.until(d -> page.pixel(97, 145).equals(List.of(128L, 128L, 128L, 255L)));
        page.driver.findElement(By.cssSelector("#fill option[value='colour']")).click();
        page.script("const c = document.getElementById('fill-colour'); c.value = '#204060';"
                + "c.dispatchEvent(new Event('input'));");
        page.moveTo(98, 146);
        page.until(d -> page.pixel(98, 146).equals(List.of(32L, 64L, 96L, 255L)));
        // a blur: the pixels the probe's patch holds, as the server fills them
        page.driver.findElement(By.cssSelector("#fill option[value='blur']")).click();
        page.moveTo(97, 145);
        page.until(d -> (Boolean) page.script("return state.fillImage !== null && state.fillImage.src.includes('fill=blur');"));
        page.moveTo(98, 146);
        page.until(d -> {
            @SuppressWarnings("unchecked")
            List<Long> fill = (List<Long>) page.script("const c = document.createElement('canvas'); c.width = 455;"
                    + "c.height = 256; const g = c.getContext('2d'); g.drawImage(state.fillImage, 0, 0);"
                    + "return Array.from(g.getImageData(98, 146, 1, 1).data);");
            return page.pixel(98, 146).equals(fill);
        });
    }

    @Test
    void theFallingBarIsAsLongAsTheFallWhenTheFallIsLargest() throws Exception {
        page.frame("0/night-red.png");
        page.moveTo(97, 145); // the worst patch (65, 113): red falls from about 1 to 0.155
        page.until(d -> page.number("probs", "red", "occluded") < 0.5);
        double clean = page.number("probs", "red", "clean");
        double occluded = page.number("probs", "red", "occluded");
        Number fall = (Number) page.script("return document.querySelector('#probs tr[data-class=red] .fall')"
                + ".getBoundingClientRect().width;");
        Number bar = (Number) page.script("return document.querySelector('#probs tr[data-class=red] .bar')"
                + ".getBoundingClientRect().width;");
        assertEquals(200 * (clean - occluded), fall.doubleValue(), 1.5, "the orange fall");
        assertEquals(200 * occluded, bar.doubleValue(), 1.5, "the bar: p with the patch hidden");
        // a class that rises: no fall drawn
        Number none = (Number) page.script("return document.querySelector('#probs tr[data-class=none] .fall')"
                + ".getBoundingClientRect().width;");
        assertEquals(0, none.doubleValue(), 0.01);
    }

    @Test
    void thePatchFollowsTheMouseAndAClickKeepsIt() throws Exception {
        page.frame("0/green-two-lights.png");
        double clean = page.number("probs", "green", "clean");
        assertTrue(clean > 0.99, "green, nothing hidden: " + clean);
        page.moveTo(273, 81); // over the first light
        page.until(d -> page.number("probs", "green", "occluded") < clean - 0.2);
        page.moveTo(20, 240); // the road's corner
        page.until(d -> page.number("probs", "green", "occluded") > 0.99);
        page.moveTo(273, 81);
        page.until(d -> page.number("probs", "green", "occluded") < clean - 0.2);
        new Actions(page.driver).click().perform();
        page.until(d -> page.number("probs", "green", "clean") < clean - 0.2);
        assertTrue(page.text("kept").startsWith("("), "the kept patch is listed: " + page.text("kept"));
        page.click("clear-kept");
        page.until(d -> page.number("probs", "green", "clean") > 0.99);
    }

    /**
     * A full map finds the command line's first patch; "scan again" is its {@code --passes 2}: the
     * second light, each pass a line, and the pass's picture the CLI's pixel for pixel.
     */
    @Test
    void scanningAgainIsTheCommandLinesSecondPass() throws Exception {
        Path cli = tmp.resolve("cli");
        JsonObject line = ServeApiTest.twoPasses(cli);
        JsonObject first = line.getAsJsonObject("min");
        JsonObject second = line.getAsJsonArray("passes").get(1).getAsJsonObject().getAsJsonObject("min");
        page.frame("0/green-two-lights.png");
        page.click("map-button");
        page.until(d -> page.element("map-result").isDisplayed() && page.picturesLoaded("pictures", 1));
        assertTrue(page.text("worst").contains("(" + PageDriver.patch(first) + ")"), page.text("worst"));

        page.click("keep-worst");
        page.until(d -> page.text("worst").contains("pass 2, with patch 1 hidden: worst patch for green: ("
                + PageDriver.patch(second) + ")") && page.picturesLoaded("pictures", 2));
        assertTrue(page.text("kept").contains("pass patch 1 (" + PageDriver.patch(first) + ")"), page.text("kept"));
        assertEquals(List.of("map.occlusion.png", "map.pass2.occlusion.png"), page.pictureNames("pictures"));
        String src = page.driver.findElements(By.cssSelector("#pictures img")).get(1).getAttribute("src");
        HttpResponse<byte[]> png = HTTP.send(HttpRequest.newBuilder(URI.create(src)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        ServePassesTest.assertSamePixels(ImageIO.read(cli.resolve("green-two-lights.pass2.occlusion.png").toFile()),
                ImageIO.read(new java.io.ByteArrayInputStream(png.body())), "the page's pass 2");
        // the page as docs/SERVE.md shows it (scripts/docs-pictures copies it): the patch on the second light,
        // the first kept hidden, the second pass's picture below
        page.moveTo(second.get("x").getAsInt() + 32, second.get("y").getAsInt() + 32);
        page.until(d -> page.number("probs", "green", "occluded") < 0.1, () -> page.text("probe-status") + " | "
                + page.text("kept") + " | " + page.text("probs"));
        Files.write(Path.of("target", "serve-page.png"), page.driver.getScreenshotAs(
                org.openqa.selenium.OutputType.BYTES));
    }

    /**
     * "scan again" is off when one more pass would pass the server's limits (here lowered to 2 passes
     * on the page, so that the test scans twice, not a hundred times), and "cancel" stops a map under way.
     */
    @Test
    void scanningAgainStopsAtTheLimitsAndCancelStopsAMap() throws Exception {
        assertEquals(List.of(100L, 100L), page.script("return [state.limits.kept, state.limits.passes];"),
                "the server's rule: keep as many patches as passes");
        page.frame("0/green-two-lights.png");
        page.script("state.limits.passes = 2;");
        page.element("map-stride").clear(); // a coarse grid: the limit is what is checked, not the map
        page.element("map-stride").sendKeys("32");
        page.click("map-button");
        page.until(d -> page.element("map-result").isDisplayed() && page.picturesLoaded("pictures", 1));
        assertTrue(page.element("keep-worst").isEnabled(), "a second pass is within the limit");
        page.click("keep-worst");
        page.until(d -> page.text("worst").contains("pass 2") && page.picturesLoaded("pictures", 2));
        assertFalse(page.element("keep-worst").isEnabled(), "a third pass would pass the limit");
        assertEquals("at most 2 passes, and 100 patches kept hidden", page.element("keep-worst").getAttribute("title"));

        page.script("document.getElementById('map-patch').value = 8; document.getElementById('map-stride').value = 1;");
        page.click("map-button"); // 121,506 variants: long enough to be cancelled under way
        page.until(d -> page.element("map-cancel").isDisplayed());
        page.click("map-cancel");
        page.until(d -> "cancelled".equals(page.text("map-status")) && !page.element("map-cancel").isDisplayed());
    }

    @Test
    void everyClassAndTheClassChangesGiveTheCommandLinesFivePictures() throws Exception {
        page.frame("0/green-two-lights.png");
        page.click("map-every");
        page.click("map-flips");
        page.element("map-stride").clear();
        page.element("map-stride").sendKeys("32");
        page.click("map-button");
        page.until(d -> page.picturesLoaded("pictures", 5));
        assertEquals(List.of("map.flip.png", "map.green.occlusion.png", "map.none.occlusion.png", "map.occlusion.png",
                "map.red.occlusion.png"), page.pictureNames("pictures").stream().sorted().toList());
    }

    @Test
    void aColourFillChosenOnThePageGivesTheApisNumbersForThatFill() throws Exception {
        page.frame("0/green-two-lights.png");
        page.driver.findElement(By.cssSelector("#fill option[value='colour']")).click();
        page.script("const c = document.getElementById('fill-colour'); c.value = '#000000';"
                + "c.dispatchEvent(new Event('input'));");
        page.moveTo(273, 81);
        page.until(d -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^patch \\((-?\\d+), (-?\\d+), 64, 64\\)")
                    .matcher(page.text("probe-status"));
            if (!m.find() || Math.abs(Integer.parseInt(m.group(1)) - 241) > 2) {
                return false;
            }
            JsonObject black = JsonParser.parseString(get("/api/probe?image=0%2Fgreen-two-lights.png&x=" + m.group(1)
                    + "&y=" + m.group(2) + "&w=64&h=64&fill=%23000000")).getAsJsonObject();
            return page.cell("probs", "green", "occluded").equals(String.format(Locale.ROOT, "%.4f",
                    black.getAsJsonArray("probabilities").get(2).getAsDouble()));
        });
    }

    @Test
    void anImageDroppedOnThePageIsUploadedListedAndOpened() throws Exception {
        page.script("const done = 0; fetch(api('/api/image', { image: '0/night-red.png' })).then(r => r.blob()).then(b => {"
                + "  const dt = new DataTransfer();"
                + "  dt.items.add(new File([b], 'dropped.png', { type: 'image/png' }));"
                + "  document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));"
                + "});");
        page.until(d -> d.findElements(By.cssSelector("#frames li.current")).stream()
                .anyMatch(li -> li.getText().equals("dropped.png")));
        assertEquals("added dropped.png", page.text("upload-status"));
    }

    @Test
    void anEarlierRunsResultShowsItsMapReadyForOneMorePass() throws Exception {
        Path out = tmp.resolve("earlier");
        CliRun cli = CliRun.of(TestData.nexarFrame("green-two-lights.png").toString(), "--patch", "64", "--stride", "16",
                "--out", out.toString(), "-q");
        assertEquals(0, cli.exit(), cli.toString());
        Path results = tmp.resolve("results.jsonl");
        Files.writeString(results, cli.stdout());
        JsonObject first = JsonParser.parseString(cli.stdoutLines().get(0)).getAsJsonObject().getAsJsonObject("min");
        try (ServeServer earlier = ServeServer.start(classifier, model, new ServeServer.Config(List.of(),
                List.of(results), "127.0.0.1", 0, 50_000_000L, 1_000_000L))) {
            page.open(earlier, 1); // its only frame, opened at once: the result's map shows
            page.until(d -> page.text("worst").contains("(" + PageDriver.patch(first) + ")") && page.picturesLoaded("pictures", 1));
            page.click("keep-worst");
            page.until(d -> page.text("map-status").startsWith("done") && page.text("worst").contains("pass 2"));
            assertTrue(page.text("worst").contains("pass 2, with patch 1 hidden: worst patch for green: (337, 113, 64, 64)"),
                    page.text("worst"));
        }
    }

    @Test
    void aPageOfAnotherOriginStartsNoWorkAndUploadsNothing() throws Exception {
        try (ServeServer target = ServeServer.start(classifier, model, new ServeServer.Config(
                List.of(TestData.project("samples/nexar")), "127.0.0.1", 0, 50_000_000L, 1_000_000L))) {
            OtherOrigin.attack(page, target);
        }
    }


    private static String get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path
                    + "&token=" + server.token())).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
