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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/** The HTML report in a real browser: Debian's chromium, headless, driven from JUnit by Selenium. */
class ReportBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void theReportLoadsSortsAndFiltersFromDisk() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Debian's chromium and chromium-driver are needed (scripts/test installs them): " + CHROMIUM + ", " + CHROMEDRIVER);
        }
        Path in = Files.createDirectories(tmp.resolve("frames"));
        for (String f : TestData.NEXAR_FRAMES) {
            Files.copy(TestData.nexarFrame(f), in.resolve(f));
        }
        // the shipped labels: true classes and the boxes of the lights (the pointing game)
        Path labels = Files.copy(TestData.project("samples/nexar/labels.csv"), tmp.resolve("labels.csv"));
        Path report = tmp.resolve("report");
        CliRun run = CliRun.of(in.toString(), "--model", TestData.nexarModel().toString(), "--out", tmp.resolve("maps").toString(),
                "--patch", "128", "--stride", "64", "--labels", labels.toString(), "--report", report.toString(), "-q",
                "--metrics", "5", "--flips", "--table", "--region", "0,0,455,256");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(Files.isRegularFile(report.resolve("index.html")));

        // regenerated from the run's JSON lines by the subcommand, then the folder moved elsewhere
        Path results = tmp.resolve("results.jsonl");
        Files.writeString(results, run.stdout(), StandardCharsets.UTF_8);
        Path again = tmp.resolve("again");
        CliRun sub = CliRun.of("report", results.toString(), "--out", again.toString());
        assertEquals(0, sub.exit(), sub.toString());
        Path moved = tmp.resolve("elsewhere/moved-report");
        Files.createDirectories(moved.getParent());
        Files.move(again, moved, StandardCopyOption.ATOMIC_MOVE);
        String html = Files.readString(moved.resolve("index.html"));
        assertTrue(!html.contains("http://") && !html.contains("https://"), "no network references in the page");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + tmp.resolve("chrome-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            for (Path page : List.of(report.resolve("index.html"), moved.resolve("index.html"))) {
                driver.get(page.toUri().toString());
                List<WebElement> cards = driver.findElements(By.cssSelector(".card"));
                assertEquals(3, cards.size(), page.toString());
                Boolean decoded = (Boolean) ((JavascriptExecutor) driver).executeScript(
                        "return Array.from(document.images).length === 3 && "
                                + "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0);");
                assertTrue(decoded, "every thumbnail decodes: " + page);

                List<String> byMin = order(driver);
                driver.findElement(By.cssSelector("#sort option[value='name']")).click();
                List<String> byName = order(driver);
                assertEquals(List.of("green-two-lights.png", "night-parking-signs.png", "night-red.png"),
                        byName.stream().map(s -> Paths.get(s).getFileName().toString()).toList());
                assertNotEquals(byName, byMin, "sorting changes the order");

                driver.findElement(By.cssSelector("#sort option[value='mistakes']")).click();
                assertTrue(order(driver).get(0).endsWith("night-parking-signs.png"), "mistakes first");
                driver.findElement(By.id("mistakes")).click();
                assertEquals(List.of("night-parking-signs.png"),
                        order(driver).stream().map(s -> Paths.get(s).getFileName().toString()).toList(), "mistakes only");
                driver.findElement(By.id("mistakes")).click();
                assertEquals(3, order(driver).size());

                // the confusion matrix: the cell true none, predicted red filters to the mistake
                WebElement cell = driver.findElement(By.cssSelector("td.cell[data-truth='none'][data-pred='red']"));
                assertEquals("1", cell.getText());
                cell.click();
                assertEquals(1, order(driver).size());
                assertTrue(driver.findElement(By.id("settings")).getText().contains("nexar-squeezenet"));
                cell.click();

                // the analyses on every card: fill, class changes, pointing game, the metrics' curves
                for (WebElement card : driver.findElements(By.cssSelector(".card"))) {
                    assertTrue(card.findElement(By.cssSelector(".extra.fill")).getText().contains("grey"));
                    assertEquals("region 0,0 455x256", card.findElement(By.cssSelector(".extra.region")).getText());
                    assertTrue(card.findElement(By.cssSelector(".extra.flips")).getText().startsWith("hiding"));
                    assertEquals(4, card.findElements(By.cssSelector(".extra.metrics svg polyline")).size());
                    assertTrue(card.findElement(By.cssSelector(".extra.metrics")).getText().contains("deletion AUC"));
                    String flipPicture = card.findElement(By.cssSelector("a.flip-link")).getAttribute("href");
                    assertTrue(Files.isRegularFile(Paths.get(java.net.URI.create(flipPicture))), flipPicture);
                    String table = card.findElement(By.cssSelector("a.table-link")).getAttribute("href");
                    assertTrue(Files.readString(Paths.get(java.net.URI.create(table))).startsWith("x,y,width,height,p_none"));
                    boolean lights = !card.getAttribute("data-image").endsWith("night-parking-signs.png");
                    assertEquals(lights ? 1 : 0, card.findElements(By.cssSelector(".extra.pointing")).size(),
                            "the pointing game where the label has boxes");
                }

                List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertEquals(List.of(), severe, "no console errors");
            }
            byte[] png = driver.getScreenshotAs(OutputType.BYTES);
            Path shot = Paths.get(System.getProperty("user.dir"), "target", "report-screenshot.png");
            Files.createDirectories(shot.getParent());
            Files.write(shot, png);
            assertTrue(png.length > 1000, "screenshot taken: " + shot);
        } finally {
            driver.quit();
        }
    }

    private static List<String> order(ChromeDriver driver) {
        return driver.findElements(By.cssSelector(".card")).stream().map(c -> c.getAttribute("data-image")).toList();
    }

}
