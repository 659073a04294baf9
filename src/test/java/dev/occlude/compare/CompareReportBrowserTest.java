package dev.occlude.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A compare run's report in chromium: a card per frame with its compare picture, the filters by
 * verdict and by kind, the summary table; the same page again from the run's lines by {@code occlude report}.
 */
@Tag("model")
@Tag("browser")
class CompareReportBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path tmp;

    @Test
    void cardsFiltersAndTableFromTheRunAndFromItsLines() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Debian's chromium and chromium-driver are needed: " + CHROMIUM + ", " + CHROMEDRIVER);
        }
        List<String> args = new ArrayList<>(List.of("compare", "--model", "nexar-squeezenet", "--model",
                "synthetic-traffic-lights", "--labels", TestData.project("samples/nexar/labels.csv").toString(),
                "--out", tmp.resolve("cmp").toString(), "--report", tmp.resolve("report").toString(),
                "--patch", "128", "--stride", "64", "-q"));
        TestData.NEXAR_FRAMES.forEach(f -> args.add(TestData.nexarFrame(f).toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.toString());
        Path results = Files.writeString(tmp.resolve("results.jsonl"), run.stdout());
        CliRun again = CliRun.of("report", results.toString(), "--out", tmp.resolve("again").toString());
        assertEquals(0, again.exit(), again.toString());
        assertEquals(tmp.resolve("again/index.html").toString(), again.stdout().trim());

        ChromeDriver driver = browser();
        try {
            for (Path page : List.of(tmp.resolve("report/index.html"), tmp.resolve("again/index.html"))) {
                driver.get(page.toUri().toString());
                assertEquals(3, driver.findElements(By.cssSelector(".card")).size(), page.toString());
                assertTrue(driver.findElement(By.id("table")).getText().contains("true class"));
                assertTrue(picturesDecode(driver, 3), "every card's compare picture loads: " + page);
                choose(driver, "verdict", "broke");
                assertEquals(2, shown(driver), "two broke");
                assertTrue(driver.findElement(By.id("count")).getText().startsWith("2 of 3"));
                choose(driver, "verdict", "fixed");
                assertEquals(1, shown(driver), "one fixed");
                choose(driver, "verdict", "");
                choose(driver, "kind", "false-light");
                assertEquals(1, shown(driver), "A's false light on the parking frame");
                choose(driver, "kind", "right");
                assertEquals(3, shown(driver), "each frame has a side that is right");
                for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                    assertTrue(e.getLevel().intValue() < Level.SEVERE.intValue(), "no errors in the console: " + e);
                }
            }
        } finally {
            driver.quit();
        }
    }

    private static long shown(ChromeDriver driver) {
        return driver.findElements(By.cssSelector(".card")).stream().filter(c -> c.isDisplayed()).count();
    }

    /** Chooses {@code value} in the select {@code id}, as a user does (a change event). */
    private static void choose(ChromeDriver driver, String id, String value) {
        ((JavascriptExecutor) driver).executeScript("const s = document.getElementById(arguments[0]); "
                + "s.value = arguments[1]; s.dispatchEvent(new Event('change'));", id, value);
    }

    /** Whether the page's {@code count} pictures all decode (the browser says when, however long it takes). */
    private static boolean picturesDecode(ChromeDriver driver, int count) {
        Object ok = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; "
                        + "const t = Array.from(document.querySelectorAll('.card img')); "
                        + "t.forEach(i => i.loading = 'eager'); "
                        + "Promise.all(t.map(i => i.decode())).then(() => done(t.length === " + count
                        + " && t.every(i => i.naturalWidth > 0)), () => done(false));");
        return Boolean.TRUE.equals(ok);
    }

    private ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + tmp.resolve("chrome-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }
}
