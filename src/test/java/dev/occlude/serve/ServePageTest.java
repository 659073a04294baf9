package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * The page of {@code occlude serve} in headless Chromium, driven as a user drives it: the patch
 * follows the mouse and the numbers follow it; a click keeps a patch hidden; a full map finds the
 * first light of the two-light frame, and keeping it hidden and scanning again finds the second,
 * where the command line's second pass finds it.
 */
@Tag("model")
@Tag("browser")
class ServePageTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    /** Not a time limit on the page: only what ends a wait that would otherwise hang the suite. */
    private static final Duration HANG = Duration.ofMinutes(5);

    @TempDir
    Path tmp;

    @Test
    void thePatchFollowsTheMouseAndKeepingTheWorstPatchFindsTheSecondLight() throws Exception {
        JsonObject line = ServeApiTest.twoPasses(tmp.resolve("cli"));
        JsonObject first = line.getAsJsonObject("min");
        JsonObject second = line.getAsJsonArray("passes").get(1).getAsJsonObject().getAsJsonObject("min");

        ModelDirectory model = ModelDirectory.open(TestData.nexarModel());
        try (Classifier classifier = Classifier.load(model);
             ServeServer server = ServeServer.start(classifier, model, new ServeServer.Config(
                     List.of(TestData.project("samples/nexar")), "127.0.0.1", 0, 50_000_000L, 1_000_000L))) {
            ChromeDriver driver = open(server, 3);
            try {
                Waiter wait = new Waiter(driver);
                driver.findElement(By.cssSelector("#frames li[data-id='0/green-two-lights.png']")).click();
                wait.until(d -> !cell(d, "green", "clean").isEmpty());
                double clean = Double.parseDouble(cell(driver, "green", "clean"));
                assertTrue(clean > 0.99, "green, nothing hidden: " + clean);

                WebElement view = driver.findElement(By.id("view"));
                // over the first light: green drops
                Function<WebDriver, Boolean> dropped = d -> number(d, "green", "occluded") < clean - 0.2;
                moveTo(driver, view, first.get("x").getAsInt() + 32, first.get("y").getAsInt() + 32);
                wait.until(dropped);
                // over the road's corner: back up
                moveTo(driver, view, 20, 240);
                wait.until(d -> number(d, "green", "occluded") > 0.99);

                // a click keeps the patch: the first column then has it hidden
                moveTo(driver, view, first.get("x").getAsInt() + 32, first.get("y").getAsInt() + 32);
                new Actions(driver).click().perform();
                wait.until(d -> number(d, "green", "clean") < clean - 0.2);
                assertTrue(driver.findElement(By.id("kept")).getText().startsWith("("), "the kept patch is listed");
                driver.findElement(By.id("clear-kept")).click();
                wait.until(d -> number(d, "green", "clean") > 0.99);

                // a full map: its worst patch is the CLI's first
                driver.findElement(By.id("map-button")).click();
                wait.until(d -> d.findElement(By.id("map-result")).isDisplayed());
                String worst = driver.findElement(By.id("worst")).getText();
                assertTrue(worst.contains("(" + patch(first) + ")"), worst);
                wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "const i = document.querySelector('#pictures img'); return i !== null && i.complete && i.naturalWidth > 0;"));
                // kept hidden and scanned again: the second light, as the CLI's second pass finds it
                driver.findElement(By.id("keep-worst")).click();
                wait.until(d -> d.findElement(By.id("worst")).getText().contains("(" + patch(second) + ")"));
                assertTrue(driver.findElement(By.id("kept")).getText().contains("(" + patch(first) + ")"));
                // the page as docs/SERVE.md shows it (scripts/docs-pictures copies it): the patch on the
                // second light, the first kept hidden, the second pass's map below
                moveTo(driver, view, second.get("x").getAsInt() + 32, second.get("y").getAsInt() + 32);
                wait.until(d -> number(d, "green", "occluded") < 0.1);
                wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "const i = document.querySelector('#pictures img'); return i !== null && i.complete && i.naturalWidth > 0;"));
                Files.write(Path.of("target", "serve-page.png"), driver.getScreenshotAs(
                        org.openqa.selenium.OutputType.BYTES));

                // every class's map and the class-change picture, on demand: the CLI's five pictures
                driver.findElement(By.id("clear-kept")).click();
                driver.findElement(By.id("map-every")).click();
                driver.findElement(By.id("map-flips")).click();
                driver.findElement(By.id("map-button")).click();
                wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "const i = [...document.querySelectorAll('#pictures img')];"
                        + "return i.length === 5 && i.every(x => x.complete && x.naturalWidth > 0);"));
                List<String> names = driver.findElements(By.cssSelector("#pictures img")).stream()
                        .map(i -> i.getAttribute("alt")).sorted().toList();
                assertEquals(List.of("map.flip.png", "map.green.occlusion.png", "map.none.occlusion.png",
                        "map.occlusion.png", "map.red.occlusion.png"), names);
            } finally {
                driver.quit();
            }
        }
    }

    /**
     * A page of another origin (another port of this machine) in the same browser, even one that
     * knows the token, starts no map and uploads nothing: an auto-submitted form, a no-cors fetch
     * upload, an image whose address is the map link. Nor does the map link opened as a page.
     */
    @Test
    void aPageOfAnotherOriginStartsNoWorkAndUploadsNothing() throws Exception {
        ModelDirectory model = ModelDirectory.open(TestData.nexarModel());
        com.sun.net.httpserver.HttpServer evil = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        try (Classifier classifier = Classifier.load(model);
             ServeServer server = ServeServer.start(classifier, model, new ServeServer.Config(
                     List.of(TestData.project("samples/nexar")), "127.0.0.1", 0, 50_000_000L, 1_000_000L))) {
            String at = "http://127.0.0.1:" + server.port();
            String png = java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(TestData.nexarFrame("night-red.png")));
            StringBuilder page = new StringBuilder("<!DOCTYPE html><html><body>");
            StringBuilder script = new StringBuilder("const bytes = Uint8Array.from(atob('" + png
                    + "'), c => c.charCodeAt(0)); const waits = [];");
            int k = 0;
            for (String token : List.of("", "&token=" + server.token())) {
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
            page.append("<script>").append(script).append("Promise.all(waits).then(() => { document.title = 'done'; });")
                    .append("</script></body></html>");
            byte[] body = page.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            evil.createContext("/", x -> {
                x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            });
            evil.start();
            ChromeDriver driver = browser();
            try {
                driver.get("http://127.0.0.1:" + evil.getAddress().getPort() + "/");
                new Waiter(driver).until(d -> "done".equals(d.getTitle()));
                // the map link opened as the page itself: the frame and the compute button, no map
                driver.get(server.url("127.0.0.1") + "&frame=0%2Fgreen-two-lights.png&map=1");
                new Waiter(driver).until(d -> d.findElement(By.id("map-status")).getText()
                        .equals("press compute to map this frame"));
            } finally {
                driver.quit();
            }
            JsonObject frames = JsonParser.parseString(get(at + "/api/frames?token=" + server.token())).getAsJsonObject();
            assertEquals(3, frames.getAsJsonArray("frames").size(), "no upload was kept: " + frames);
            // the first map job the server ever queues is this one: nothing before it started one, nor used up an id
            java.net.http.HttpResponse<String> first = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(at + "/api/maps?image=0%2Fgreen-two-lights.png"
                            + "&patch=256&stride=256&token=" + server.token())).POST(
                            java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(202, first.statusCode(), first.body());
            assertEquals("m1", JsonParser.parseString(first.body()).getAsJsonObject().get("id").getAsString());
        } finally {
            evil.stop(0);
        }
    }

    /** Polls a condition of the page until it holds; only a hang ({@link #HANG}) ends it otherwise. */
    private record Waiter(WebDriver driver) {
        void until(Function<WebDriver, Boolean> condition) throws InterruptedException {
            long end = System.nanoTime() + HANG.toNanos();
            RuntimeException last = null;
            while (System.nanoTime() < end) {
                try {
                    if (Boolean.TRUE.equals(condition.apply(driver))) {
                        return;
                    }
                } catch (org.openqa.selenium.WebDriverException | NumberFormatException e) {
                    last = e; // the page is redrawing its table
                }
                Thread.sleep(50);
            }
            fail("the page never came to that state" + (last == null ? "" : " (" + last.getMessage() + ")"));
        }
    }

    @Test
    void anEarlierRunsResultShowsItsMapReadyToKeepItsWorstPatch() throws Exception {
        Path out = tmp.resolve("earlier");
        CliRun cli = CliRun.of(TestData.nexarFrame("green-two-lights.png").toString(), "--patch", "64", "--stride", "16",
                "--out", out.toString(), "-q");
        assertEquals(0, cli.exit(), cli.toString());
        Path results = tmp.resolve("results.jsonl");
        Files.writeString(results, cli.stdout());
        JsonObject first = JsonParser.parseString(cli.stdoutLines().get(0)).getAsJsonObject().getAsJsonObject("min");
        ModelDirectory model = ModelDirectory.open(TestData.nexarModel());
        try (Classifier classifier = Classifier.load(model);
             ServeServer server = ServeServer.start(classifier, model, new ServeServer.Config(List.of(),
                     List.of(results), "127.0.0.1", 0, 50_000_000L, 1_000_000L))) {
            ChromeDriver driver = open(server, 1);
            try {
                Waiter wait = new Waiter(driver);
                driver.findElement(By.cssSelector("#frames li.result")).click();
                wait.until(d -> d.findElement(By.id("worst")).getText().contains("(" + patch(first) + ")"));
                wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "const i = document.querySelector('#pictures img'); return i !== null && i.complete && i.naturalWidth > 0;"));
                // its worst patch kept and the frame scanned again: the second light
                driver.findElement(By.id("keep-worst")).click();
                wait.until(d -> d.findElement(By.id("map-status")).getText().startsWith("done")
                        && !d.findElement(By.id("worst")).getText().contains("(" + patch(first) + ")"));
                assertTrue(driver.findElement(By.id("worst")).getText().contains("(337, 113, 64, 64)"),
                        driver.findElement(By.id("worst")).getText());

                // an image dropped on the page: uploaded, listed and opened
                ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                        + "fetch(api('/api/image', { image: 'r/0/0' })).then(r => r.blob()).then(b => {"
                        + "  const dt = new DataTransfer();"
                        + "  dt.items.add(new File([b], 'dropped.png', { type: 'image/png' }));"
                        + "  document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));"
                        + "  done(true); });");
                wait.until(d -> d.findElements(By.cssSelector("#frames li.current")).stream()
                        .anyMatch(li -> li.getText().equals("dropped.png")));
                assertEquals("added dropped.png", driver.findElement(By.id("upload-status")).getText());

                // a colour fill chosen on the page: the numbers shown are the API's for that fill and patch
                driver.findElement(By.cssSelector("#fill option[value='colour']")).click();
                ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                        "const c = document.getElementById('fill-colour'); c.value = '#000000';"
                        + "c.dispatchEvent(new Event('input'));");
                moveTo(driver, driver.findElement(By.id("view")), 273, 81);
                String id = driver.findElement(By.cssSelector("#frames li.current")).getAttribute("data-id");
                wait.until(d -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^patch \\((-?\\d+), (-?\\d+), 64, 64\\)")
                            .matcher(d.findElement(By.id("probe-status")).getText());
                    if (!m.find() || Math.abs(Integer.parseInt(m.group(1)) - 241) > 2) {
                        return false;
                    }
                    JsonObject black = JsonParser.parseString(get("http://127.0.0.1:" + server.port() + "/api/probe?token=" + server.token() + "&image="
                            + ServeApiTest.q(id) + "&x=" + m.group(1) + "&y=" + m.group(2) + "&w=64&h=64&fill=%23000000"))
                            .getAsJsonObject();
                    return cell(d, "green", "occluded").equals(String.format(java.util.Locale.ROOT, "%.4f",
                            black.getAsJsonArray("probabilities").get(2).getAsDouble()));
                });
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void twoModelsSideBySide() throws Exception {
        ModelDirectory nexar = ModelDirectory.open(TestData.nexarModel());
        ModelDirectory synthetic = ModelDirectory.open(TestData.syntheticModel());
        try (Classifier a = Classifier.load(nexar);
             Classifier b = Classifier.load(synthetic);
             ServeServer server = ServeServer.start(List.of(new ServeServer.Model(a, nexar),
                     new ServeServer.Model(b, synthetic)), new ServeServer.Config(
                     List.of(TestData.project("samples/nexar")), "127.0.0.1", 0, 50_000_000L, 1_000_000L))) {
            ChromeDriver driver = open(server, 3);
            try {
                Waiter wait = new Waiter(driver);
                driver.findElement(By.cssSelector("#frames li[data-id='0/night-red.png']")).click();
                wait.until(d -> !cell(d, "probs", "red", "clean").isEmpty() && !cell(d, "probs-1", "red", "clean").isEmpty());
                assertEquals(List.of(nexar.name(), synthetic.name()), driver.findElements(By.cssSelector("#tables caption"))
                        .stream().map(WebElement::getText).toList());
                // both tables follow the mouse: the red light hidden lowers red for the shipped network
                WebElement view = driver.findElement(By.id("view"));
                moveTo(driver, view, 97, 145);
                wait.until(d -> number(d, "probs", "red", "occluded") < 0.5
                        && !cell(d, "probs-1", "red", "occluded").isEmpty());
                driver.findElement(By.id("map-patch")).clear();
                driver.findElement(By.id("map-patch")).sendKeys("64");
                driver.findElement(By.id("map-stride")).clear();
                driver.findElement(By.id("map-stride")).sendKeys("32");
                driver.findElement(By.id("map-button")).click();
                wait.until(d -> d.findElement(By.id("worst")).getText().contains("worst patch")
                        && d.findElement(By.id("worst-1")).getText().contains("worst patch"));
                assertTrue(driver.findElement(By.id("worst-1")).getText().startsWith(synthetic.name() + ":"),
                        driver.findElement(By.id("worst-1")).getText());
                wait.until(d -> d.findElements(By.cssSelector(".pictures img")).size() == 2);
            } finally {
                driver.quit();
            }
        }
    }

    private static String patch(JsonObject min) {
        return min.get("x") + ", " + min.get("y") + ", " + min.get("width") + ", " + min.get("height");
    }

    /** Moves the mouse to source pixel (x, y) of the frame (drawn at its own size). */
    private static void moveTo(WebDriver driver, WebElement view, int x, int y) {
        int dx = x - view.getSize().getWidth() / 2;
        int dy = y - view.getSize().getHeight() / 2;
        new Actions(driver).moveToElement(view, dx, dy).perform();
    }

    private static String cell(WebDriver d, String cls, String column) {
        return cell(d, "probs", cls, column);
    }

    private static String cell(WebDriver d, String table, String cls, String column) {
        return d.findElement(By.cssSelector("#" + table + " tr[data-class='" + cls + "'] td." + column)).getText();
    }

    private static double number(WebDriver d, String cls, String column) {
        return number(d, "probs", cls, column);
    }

    private static double number(WebDriver d, String table, String cls, String column) {
        String t = cell(d, table, cls, column);
        return t.isEmpty() ? Double.NaN : Double.parseDouble(t);
    }

    private static String get(String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A browser on the server's page, once its list holds {@code frames} frames. */
    private ChromeDriver open(ServeServer server, int frames) throws InterruptedException {
        ChromeDriver driver = browser();
        try {
            driver.get(server.url("127.0.0.1")); // the address it prints, token and all, as a user opens it
            new Waiter(driver).until(d -> d.findElements(By.cssSelector("#frames li")).size() == frames);
            return driver;
        } catch (RuntimeException | InterruptedException | AssertionError e) {
            driver.quit();
            throw e;
        }
    }

    private ChromeDriver browser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Debian's chromium and chromium-driver are needed (scripts/test installs them): " + CHROMIUM + ", "
                    + CHROMEDRIVER);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + tmp.resolve("chrome-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        return new ChromeDriver(service, options);
    }
}
