package dev.occlude.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML report in a real browser: Debian's chromium, headless, driven from JUnit by Selenium. One
 * browser serves the whole class (each test opens its page afresh, and no test may leave an error in
 * the page's log).
 */
@Tag("model")
@Tag("browser")
class ReportBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    /** One run of the nexar frames with labels, and its report; shared by the tests of the report's controls. */
    @TempDir
    static Path shared;
    private static Path in;
    private static Path report;
    private static Path moved;
    private static ChromeDriver driver;

    @BeforeAll
    static void runTheFramesAndOpenABrowser() throws Exception {
        in = Files.createDirectories(shared.resolve("frames"));
        for (String f : TestData.NEXAR_FRAMES) {
            Files.copy(TestData.nexarFrame(f), in.resolve(f));
        }
        // the shipped labels: true classes and the boxes of the lights (the pointing game)
        Path labels = Files.copy(TestData.project("samples/nexar/labels.csv"), shared.resolve("labels.csv"));
        report = shared.resolve("report");
        CliRun run = CliRun.of(in.toString(), "--model", TestData.nexarModel().toString(), "--out",
                shared.resolve("maps").toString(), "--patch", "128", "--stride", "64", "--labels", labels.toString(),
                "--report", report.toString(), "-q", "--metrics", "5", "--flips", "--table", "--region", "0,0,455,256",
                "--atlas", shared.resolve("maps/atlas.png").toString());
        assertEquals(0, run.exit(), run.toString());
        assertTrue(Files.isRegularFile(report.resolve("index.html")));

        // regenerated from the run's JSON lines by the subcommand, then the folder moved elsewhere
        Path results = shared.resolve("results.jsonl");
        Files.writeString(results, run.stdout(), StandardCharsets.UTF_8);
        Path again = shared.resolve("again");
        // copied: the folder can move (the report of the run links its overlays in place)
        CliRun sub = CliRun.of("report", results.toString(), "--out", again.toString(), "--copy");
        assertEquals(0, sub.exit(), sub.toString());
        moved = shared.resolve("elsewhere/moved-report");
        Files.createDirectories(moved.getParent());
        Files.move(again, moved, StandardCopyOption.ATOMIC_MOVE);
        driver = browser(shared);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** After each test of the shared run: nothing the page logged as an error. */
    @AfterEach
    void noConsoleErrors() {
        if (driver != null) {
            assertEquals(List.of(), severe(driver), "no console errors");
        }
    }

    /** The run's report ("run") or the one the subcommand made from its lines and that was moved ("moved"). */
    private static Path open(String which) {
        Path page = (which.equals("run") ? report : moved).resolve("index.html");
        driver.get(page.toUri().toString());
        return page;
    }

    private static List<String> fileNames(List<String> images) {
        return images.stream().map(s -> Paths.get(s).getFileName().toString()).toList();
    }

    @Test
    void theMovedReportHasNoNetworkReferencesAndTheRunsLinksItsOverlaysInPlace() throws Exception {
        String html = Files.readString(moved.resolve("index.html"));
        assertTrue(!html.contains("http://") && !html.contains("https://"), "no network references in the page");
        try (var images = Files.list(report.resolve("images"))) {
            assertTrue(images.allMatch(p -> p.getFileName().toString().endsWith(".thumb.jpg")),
                    "the run's report links the overlays in place: only its thumbnails in images/");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "moved"})
    void everyCardAndThumbnailLoads(String which) throws Exception {
        Path page = open(which);
        assertEquals(3, driver.findElements(By.cssSelector(".card")).size(), page.toString());
        assertTrue(thumbnailsDecode(driver, 3), "every thumbnail decodes: " + page);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "moved"})
    void sortingByNameAndMistakesFirst(String which) {
        open(which);
        List<String> byMin = order(driver);
        driver.findElement(By.cssSelector("#sort option[value='name']")).click();
        List<String> byName = order(driver);
        assertEquals(List.of("green-two-lights.png", "night-parking-signs.png", "night-red.png"), fileNames(byName));
        assertNotEquals(byName, byMin, "sorting changes the order");
        driver.findElement(By.cssSelector("#sort option[value='mistakes']")).click();
        assertTrue(order(driver).get(0).endsWith("night-parking-signs.png"), "mistakes first");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "moved"})
    void theMistakesOnlyFilter(String which) {
        open(which);
        driver.findElement(By.id("mistakes")).click();
        assertEquals(List.of("night-parking-signs.png"), fileNames(order(driver)), "mistakes only");
        driver.findElement(By.id("mistakes")).click();
        assertEquals(3, order(driver).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "moved"})
    void theConfusionMatrixFiltersAndTheHeaderGivesTheSettings(String which) {
        open(which);
        // the cell true none, predicted red filters to the mistake
        WebElement cell = driver.findElement(By.cssSelector("td.cell[data-truth='none'][data-pred='red']"));
        assertEquals("1", cell.getText());
        cell.click();
        assertEquals(1, order(driver).size());
        String header = driver.findElement(By.id("settings")).getText();
        for (String setting : List.of("nexar-squeezenet", "patch 128", "stride 64",
                "probability maps of the predicted class", "passes 1", "fill grey 0.5", "focus look")) {
            assertTrue(header.contains(setting), setting + " in the header: " + header);
        }
        cell.click();
        assertEquals(3, order(driver).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "moved"})
    void theRunsAtlasIsAClickAway(String which) {
        Path page = open(which);
        // the report made again from the lines has none
        if (which.equals("run")) {
            driver.findElement(By.cssSelector("#atlas summary")).click();
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) driver).executeScript(
                    "const i = document.getElementById('atlas-image'); return i.complete && i.naturalWidth > 400;"),
                    "the atlas shows: " + page);
            driver.findElement(By.cssSelector("#atlas summary")).click();
        } else {
            assertTrue(!driver.findElement(By.id("atlas")).isDisplayed());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "moved"})
    void mistakesByKindFilterWithTheirEvidence(String which) {
        open(which);
        // the parking frame is a false light; its count filters to it
        WebElement kind = driver.findElement(By.cssSelector("#kinds td[data-kind='false-light'][data-cell='none → red']"));
        assertEquals("1", kind.getText());
        kind.click();
        assertEquals(List.of("night-parking-signs.png"), fileNames(order(driver)), "by kind");
        assertTrue(driver.findElement(By.cssSelector(".card .extra.triage")).getText()
                .matches("false-light: focus \\d+,\\d+ \\d+x\\d+ lowers red by 0\\.\\d{3}"), "the evidence");
        kind.click();
        assertEquals(3, order(driver).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "moved"})
    void theTrueClassFilter(String which) {
        open(which);
        driver.findElement(By.cssSelector("#truth option[value='none']")).click();
        assertEquals(List.of("night-parking-signs.png"), fileNames(order(driver)), "true class none");
        driver.findElement(By.cssSelector("#truth option[value='']")).click();
        assertEquals(3, order(driver).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "moved"})
    void everyCardShowsItsAnalyses(String which) throws Exception {
        open(which);
        // fill, class changes, pointing game, the metrics' curves
        for (WebElement card : driver.findElements(By.cssSelector(".card"))) {
            assertTrue(card.findElement(By.cssSelector(".extra.fill")).getText().contains("grey"));
            assertTrue(card.findElement(By.cssSelector(".extra.scale")).getText().matches(
                    "colour scale 0\\.\\d{3} to [01]\\.\\d{3} \\(all of its maps\\)"), "the card gives its scale");
            assertEquals("region 0,0 455x256", card.findElement(By.cssSelector(".extra.region")).getText());
            assertTrue(card.findElement(By.cssSelector(".extra.flips")).getText().startsWith("hiding"));
            assertEquals(4, card.findElements(By.cssSelector(".extra.metrics svg polyline")).size());
            String key = card.findElement(By.cssSelector(".extra.metrics")).getText();
            assertTrue(key.contains("deletion (orange) AUC") && key.contains("insertion (blue) AUC")
                    && key.contains("dashed: the random baseline"), key);
            // each colour word written in its line's colour, the plot's words at 11 px or more
            List<WebElement> solid = card.findElements(By.cssSelector(".extra.metrics svg polyline:not([stroke-dasharray])"));
            List<WebElement> words = card.findElements(By.cssSelector(".extra.metrics b"));
            assertEquals(List.of("orange", "blue"), words.stream().map(WebElement::getText).toList());
            for (int k = 0; k < 2; k++) { // deletion, then insertion: the solid lines in that order
                assertEquals(solid.get(k).getAttribute("stroke"),
                        hex(words.get(k).getCssValue("color")));
            }
            assertTrue(Double.parseDouble(card.findElement(By.cssSelector(".extra.metrics svg text"))
                    .getCssValue("font-size").replace("px", "")) >= 11);
            String flipPicture = card.findElement(By.cssSelector("a.flip-link")).getAttribute("href");
            assertTrue(Files.isRegularFile(Paths.get(java.net.URI.create(flipPicture))), flipPicture);
            String table = card.findElement(By.cssSelector("a.table-link")).getAttribute("href");
            assertTrue(Files.readString(Paths.get(java.net.URI.create(table))).startsWith("x,y,width,height,p_none"));
            boolean lights = !card.getAttribute("data-image").endsWith("night-parking-signs.png");
            assertEquals(lights ? 1 : 0, card.findElements(By.cssSelector(".extra.pointing")).size(),
                    "the pointing game where the label has boxes");
        }
    }

    @Test
    void theViewerStepsAndTheAddressKeepsTheState() throws Exception {
        viewerStepsAndTheAddressKeepsTheState(driver, report.resolve("index.html"), in);
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path shot = Paths.get(System.getProperty("user.dir"), "target", "report-screenshot.png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, png);
        assertTrue(png.length > 1000, "screenshot taken: " + shot);
    }

    @Test
    void tenThousandImagesOpenAtOnceWithEveryMapOneClickAway() throws Exception {
        // one real image with two passes and every class's map, its record repeated 10,000 times under other names
        Path maps = tmp.resolve("maps");
        CliRun run = CliRun.of(TestData.nexarFrame("green-two-lights.png").toString(), "--model",
                TestData.nexarModel().toString(), "--out", maps.toString(), "--patch", "128", "--stride", "64",
                "--passes", "2", "--stop-below", "0.01", "--class", "all", "-q");
        assertEquals(0, run.exit(), run.toString());
        String line = run.stdoutLines().get(0);
        String image = TestData.nexarFrame("green-two-lights.png").toString();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            // the same files; a name of its own (the report finds the source under it beside the results)
            lines.append(line.replace("\"image\":\"" + image.replace("\\", "\\\\") + "\"",
                    String.format("\"image\":\"frames/drive-%05d.png\"", i))).append('\n');
        }
        Path results = Files.writeString(tmp.resolve("results.jsonl"), lines.toString());
        long start = System.nanoTime();
        CliRun report = CliRun.of("report", results.toString(), "--out", tmp.resolve("report").toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(0, report.exit(), report.toString());

        driver.get(tmp.resolve("report/index.html").toUri().toString());
        JavascriptExecutor js = driver;
        // how fast is the benchmark's to say (printed below); the test asserts that the script finished
        double ready = Double.parseDouble(driver.findElement(By.tagName("body")).getAttribute("data-ready"));
        Number heap = (Number) js.executeScript("return performance.memory.usedJSHeapSize;");
        System.err.printf("10,000-row report: written in %.1f s, script done at %.0f ms, JS heap %d MB%n", seconds,
                ready, heap.longValue() >> 20);
        assertTrue(heap.longValue() < 200L << 20, "JS heap " + (heap.longValue() >> 20) + " MB");
        assertEquals(60, driver.findElements(By.cssSelector(".card")).size(), "one page of cards");
        assertEquals("page 1 of 167", driver.findElement(By.id("page")).getText());
        assertEquals("10000 of 10000 shown", driver.findElement(By.id("count")).getText());
        assertTrue(thumbnailsDecode(driver, 60), "the page's thumbnails in view decode");
        // (the rows share one thumbnail here, so that loading cannot be counted: the attribute is checked)
        assertEquals(60L, js.executeScript(
                "return Array.from(document.querySelectorAll('img.thumb')).filter(i => i.loading === 'lazy').length;"),
                "pictures load as they scroll into view");
        driver.findElement(By.id("next")).click();
        assertEquals("page 2 of 167", driver.findElement(By.id("page")).getText());

        driver.findElement(By.id("search")).sendKeys("drive-09999");
        assertEquals(List.of("frames/drive-09999.png"), order(driver));
        assertEquals("page 1 of 1", driver.findElement(By.id("page")).getText());

        // every map of the image one click away: main, the second pass with its probability, each class
        WebElement card = driver.findElement(By.cssSelector(".card"));
        List<String> names = card.findElements(By.cssSelector(".maps a")).stream().map(WebElement::getText).toList();
        assertTrue(names.get(0).startsWith("main: "), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.matches("pass 2 \\(p 0\\.\\d{4} with earlier patches hidden\\)")),
                names.toString());
        for (String c : List.of("none", "red", "green")) {
            assertTrue(names.contains("class " + c), names.toString());
        }
        card.findElements(By.cssSelector(".maps a")).get(1).click();
        WebElement viewer = driver.findElement(By.id("viewer"));
        assertTrue(viewer.isDisplayed());
        int buttons = viewer.findElements(By.cssSelector("#viewer-maps button")).size();
        assertEquals(names.size(), buttons, "the viewer offers every map");
        for (int i = 0; i < buttons; i++) {
            // each click draws the buttons anew: found again each time
            driver.findElement(By.cssSelector("#viewer-maps button[data-map='" + i + "']")).click();
            String src = driver.findElement(By.id("viewer-image")).getAttribute("src");
            assertTrue(Files.isRegularFile(Paths.get(java.net.URI.create(src))), "linked in place: " + src);
            assertTrue(src.contains("/maps/"), src);
        }
        driver.findElement(By.id("viewer-close")).click();
        assertTrue(!viewer.isDisplayed());
        assertEquals(List.of(), severe(driver), "no console errors");
    }

    /** A video beside an image: one card for the video, its timeline as picture, its video and frames a click away. */
    @Test
    void aVideoIsOneCardWithItsTimelineItsVideoAndItsFrames() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        dev.occlude.video.Clips.drive(in);
        Files.copy(TestData.nexarFrame("night-red.png"), in.resolve("night-red.png"));
        Path report = tmp.resolve("report");
        CliRun run = CliRun.of(in.toString(), "--out", tmp.resolve("maps").toString(), "--patch", "128", "--stride", "64",
                "--frames", "--report", report.toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        driver.get(report.resolve("index.html").toUri().toString());
        assertEquals(List.of(in.resolve("drive.mp4").toString(), in.resolve("night-red.png").toString()), order(driver));
        assertTrue(thumbnailsDecode(driver, 2), "the timeline and the image's thumbnail decode");
        WebElement card = driver.findElements(By.cssSelector(".card")).get(0);
        String text = card.findElement(By.cssSelector(".video")).getText();
        assertTrue(text.startsWith("video: 3 sampled frames · most fragile at "), text);
        String mp4 = card.findElement(By.cssSelector("a.video-link")).getAttribute("href");
        assertEquals(tmp.resolve("maps/drive.occlusion.mp4"), Paths.get(java.net.URI.create(mp4)));
        assertEquals("3 frame overlays", card.findElement(By.cssSelector("a.frames-link")).getText());
        assertTrue(card.findElement(By.cssSelector(".key")).getText().startsWith(
                "lines: each class's probability per sampled frame (none, red, green)"), "the thumbnail's key");

        // without labels, the controls that need them say so and cannot be used
        WebElement mistakes = driver.findElement(By.id("mistakes-label"));
        assertTrue(mistakes.getText().contains("(needs --labels)"), mistakes.getText());
        assertTrue(!driver.findElement(By.id("mistakes")).isEnabled());
        assertTrue(!driver.findElement(By.cssSelector("#sort option[value='mistakes']")).isEnabled());
        assertTrue(!driver.findElement(By.id("truth")).isEnabled());

        card.findElement(By.cssSelector("img.thumb")).click();
        String src = driver.findElement(By.id("viewer-image")).getAttribute("src");
        assertEquals(tmp.resolve("maps/drive.timeline.png"), Paths.get(java.net.URI.create(src)), "the timeline first");
        List<String> maps = driver.findElements(By.cssSelector("#viewer-maps button")).stream()
                .map(WebElement::getText).toList();
        assertEquals(4, maps.size(), maps.toString());
        assertTrue(maps.get(1).startsWith("0.000 s: red, worst patch p "), maps.toString());
        // the arrow keys step through the frames
        for (String stamp : List.of("t000000.000", "t000001.000", "t000002.000")) {
            driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
            src = driver.findElement(By.id("viewer-image")).getAttribute("src");
            assertEquals(tmp.resolve("maps/drive." + stamp + ".occlusion.png"), Paths.get(java.net.URI.create(src)));
        }
        assertEquals(List.of(), severe(driver), "no console errors");
    }

    /**
     * A video's card is the drive: its predicted classes counted over its frames, found by the
     * Predicted filter for any of them, its true classes and mistaken frames counted with labels.
     */
    @Test
    void aVideosCardCountsItsFramesClassesAndIsFoundByAnyOfThem() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        dev.occlude.video.Clips.drive(in); // frames at 0, 1 and 2 s: the red light, the green lights, the parking signs
        Files.copy(TestData.nexarFrame("night-red.png"), in.resolve("night-red.png"));
        Path labels = Files.writeString(tmp.resolve("labels.csv"),
                "file,time,class\ndrive.mp4,0,red\ndrive.mp4,1,green\ndrive.mp4,2,none\nnight-red.png,,red\n");
        Path report = tmp.resolve("report");
        CliRun run = CliRun.of(in.toString(), "--out", tmp.resolve("maps").toString(), "--patch", "128", "--stride", "64",
                "--labels", labels.toString(), "--report", report.toString(), "-q");
        assertEquals(0, run.exit(), run.toString());
        // what the frames' lines say: each frame's predicted class, and how many the model gets wrong
        java.util.Map<String, Integer> predicted = new java.util.LinkedHashMap<>();
        int wrong = 0;
        for (String line : run.stdoutLines()) {
            com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(line).getAsJsonObject();
            if (o.has("frame")) {
                predicted.merge(o.getAsJsonObject("prediction").get("class").getAsString(), 1, Integer::sum);
                wrong += o.get("mistake").getAsBoolean() ? 1 : 0;
            }
        }
        assertTrue(predicted.size() >= 2, "the drive's frames are predicted as more than one class: " + predicted);
        driver.get(report.resolve("index.html").toUri().toString());
        WebElement card = driver.findElement(By.cssSelector(".card[data-image$='drive.mp4']"));
        String drive = card.findElement(By.cssSelector(".drive")).getText();
        for (var e : predicted.entrySet()) {
            assertTrue(drive.contains(e.getKey() + " " + e.getValue()), drive + " counts " + e);
        }
        assertTrue(drive.startsWith("predicted ") && drive.contains(" frames"), drive);
        assertTrue(drive.contains("true red 1 · green 1 · none 1 frames"), drive);
        assertTrue(card.findElement(By.cssSelector(".video")).getText().startsWith(
                "video: 3 sampled frames, " + wrong + " of 3 labelled wrong · most fragile at "), "mistakes per frame");
        // the Predicted filter finds the video by any of its frames' classes, the image by its one
        for (String cls : predicted.keySet()) {
            driver.findElement(By.cssSelector("#cls option[value='" + cls + "']")).click();
            List<String> shown = order(driver);
            assertTrue(shown.contains(in.resolve("drive.mp4").toString()), "predicted " + cls + " shows the video: " + shown);
        }
        driver.findElement(By.cssSelector("#cls option[value='']")).click();
        driver.findElement(By.cssSelector("#truth option[value='green']")).click();
        assertEquals(List.of(in.resolve("drive.mp4").toString()), order(driver), "true class green: the drive's second frame");
        driver.findElement(By.cssSelector("#truth option[value='']")).click();
        if (wrong > 0) {
            driver.findElement(By.id("mistakes")).click();
            assertTrue(order(driver).contains(in.resolve("drive.mp4").toString()), "a video with a mistaken frame");
        }
        assertEquals(List.of(), severe(driver), "no console errors");
    }

    /** A run with no result line, and one whose every input failed: pages that say so, without dashes or repeats. */
    @Test
    void anEmptyResultsFileAndAnEmptyFolderMakePagesThatSaySo() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.jsonl"));
        CliRun sub = CliRun.of("report", empty.toString(), "--out", tmp.resolve("none").toString());
        assertEquals(0, sub.exit(), sub.toString());
        assertEquals(List.of("occlude: " + empty + ": no result lines in it; the report says so"), sub.stderrLines());
        Path folder = Files.createDirectories(tmp.resolve("emptydir"));
        CliRun run = CliRun.of(folder.toString(), "--report", tmp.resolve("failed").toString(), "-q");
        assertEquals(1, run.exit(), run.toString());
        driver.get(tmp.resolve("none/index.html").toUri().toString());
        String header = driver.findElement(By.id("settings")).getText();
        assertTrue(header.startsWith("no cards · ") && !header.contains(" - "), header);
        assertTrue(driver.findElement(By.cssSelector("#grid .empty")).getText().startsWith("No results: "));
        assertEquals("0 of 0 shown", driver.findElement(By.id("count")).getText());

        driver.get(tmp.resolve("failed/index.html").toUri().toString());
        header = driver.findElement(By.id("settings")).getText();
        assertTrue(header.startsWith("no cards · ") && !header.contains("model -") && !header.contains("- maps of -"),
                header);
        String grid = driver.findElement(By.cssSelector("#grid .empty")).getText();
        assertTrue(grid.startsWith("No card: no input was mapped or classified") && !grid.contains("matches ."), grid);
        assertEquals("1 input failed", driver.findElement(By.cssSelector("#errors h3")).getText());
        String error = driver.findElement(By.cssSelector("#errors li")).getText();
        assertTrue(error.startsWith(folder + ": a directory with no images") && !error.contains(folder + ": " + folder),
                error);
        assertEquals(List.of(), severe(driver), "no console errors");
    }

    /**
     * In the viewer, the next and previous images the filters show and each image as it is; the
     * sort, the search and the open viewer survive a reload (they live in the address).
     */
    private static void viewerStepsAndTheAddressKeepsTheState(ChromeDriver driver, Path page, Path in) {
        driver.get(page.toUri().toString());
        driver.findElement(By.cssSelector("#sort option[value='name']")).click();
        List<String> names = order(driver);
        driver.findElements(By.cssSelector("img.thumb")).get(0).click();
        assertTrue(driver.findElement(By.id("viewer-title")).getText().startsWith(names.get(0)));
        assertTrue(!driver.findElement(By.id("viewer-previous")).isEnabled(), "no image before the first");
        driver.findElement(By.id("viewer-next")).click();
        assertTrue(driver.findElement(By.id("viewer-title")).getText().startsWith(names.get(1)),
                driver.findElement(By.id("viewer-title")).getText());
        driver.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.ARROW_DOWN);
        assertTrue(driver.findElement(By.id("viewer-title")).getText().startsWith(names.get(2)), "the down arrow steps on");
        List<WebElement> buttons = driver.findElements(By.cssSelector("#viewer-maps button"));
        WebElement original = buttons.get(buttons.size() - 1);
        assertEquals("original image", original.getText());
        original.click();
        String src = driver.findElement(By.id("viewer-image")).getAttribute("src");
        assertEquals(in.resolve(Paths.get(names.get(2)).getFileName()), Paths.get(java.net.URI.create(src)),
                "the image as it is");

        driver.navigate().refresh();
        assertEquals(names, order(driver), "sorted by name after a reload");
        assertEquals("name", driver.findElement(By.id("sort")).getAttribute("value"));
        assertTrue(driver.findElement(By.id("viewer")).isDisplayed(), "the viewer open after a reload");
        assertEquals(src, driver.findElement(By.id("viewer-image")).getAttribute("src"), "on the same picture");
        driver.findElement(By.id("viewer-close")).click();
        driver.findElement(By.id("search")).sendKeys("night");
        driver.navigate().refresh();
        assertEquals("night", driver.findElement(By.id("search")).getAttribute("value"));
        assertEquals(2, order(driver).size(), "the search after a reload");
    }

    /** A CSS colour as the browser gives it ("rgba(213, 94, 0, 1)") as #rrggbb. */
    private static String hex(String css) {
        String[] v = css.replaceAll("[^0-9,.]", "").split(",");
        return String.format("#%02x%02x%02x", Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]));
    }

    /** What the page logged as an error since the last call. */
    private static List<LogEntry> severe(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    }

    private static ChromeDriver browser(Path tmp) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Debian's chromium and chromium-driver are needed (scripts/test installs them): " + CHROMIUM + ", " + CHROMEDRIVER);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--enable-precise-memory-info", "--window-size=1400,1000",
                "--user-data-dir=" + tmp.resolve("chrome-profile-" + System.nanoTime()));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    /** The page holds {@code count} thumbnails, and those in view (loaded lazily) decode within ten seconds. */
    private static boolean thumbnailsDecode(ChromeDriver driver, int count) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Boolean ok = (Boolean) ((JavascriptExecutor) driver).executeScript(
                    "const t = Array.from(document.querySelectorAll('img.thumb')); "
                            + "const seen = t.filter(i => i.getBoundingClientRect().top < innerHeight); "
                            + "return t.length === " + count + " && seen.length > 0 "
                            + "&& seen.every(i => i.complete && i.naturalWidth > 0);");
            if (Boolean.TRUE.equals(ok)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private static List<String> order(ChromeDriver driver) {
        return driver.findElements(By.cssSelector(".card")).stream().map(c -> c.getAttribute("data-image")).toList();
    }

}
