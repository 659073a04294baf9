package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Headless Chromium on serve's page, driven as a user drives it: the page opened at the address
 * the server prints, the mouse moved to a source pixel of the frame (however large the page draws
 * it), the tables' cells and the canvas's pixels read back.
 */
final class PageDriver implements AutoCloseable {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    /** Not a time limit on the page: only what ends a wait that would otherwise hang the suite. */
    private static final Duration HANG = Duration.ofMinutes(5);

    final ChromeDriver driver;

    /** A browser whose profile lies in {@code profile}, its window 1400x1000. */
    PageDriver(Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("Debian's chromium and chromium-driver are needed (scripts/test installs them): " + CHROMIUM + ", "
                    + CHROMEDRIVER);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        driver = new ChromeDriver(service, options);
    }

    /** Opens the page at the address {@code server} prints (token and all) and waits for its list of {@code frames}. */
    void open(ServeServer server, int frames) throws InterruptedException {
        open(server.url("127.0.0.1"), frames);
    }

    /** Opens {@code url} and waits for a list of {@code frames} frames or more, the first of them open. */
    void open(String url, int frames) throws InterruptedException {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
        driver.get(url);
        until(d -> d.findElements(By.cssSelector("#frames li")).size() >= frames
                && !d.findElements(By.cssSelector("#frames li.current")).isEmpty());
    }

    /** Polls a condition of the page until it holds; only a hang ({@link #HANG}) ends it otherwise. */
    void until(Function<WebDriver, Boolean> condition) throws InterruptedException {
        until(condition, () -> "");
    }

    /** As {@link #until(Function)}; a failure says {@code state} (what the page shows instead). */
    void until(Function<WebDriver, Boolean> condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
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
        String now;
        try {
            now = state.get();
        } catch (RuntimeException e) {
            now = e.getMessage();
        }
        fail("the page never came to that state" + (last == null ? "" : " (" + last.getMessage() + ")") + "; "
                + "it shows: " + now);
    }

    /** Clicks the frame of that id in the list and waits until it is drawn and its probabilities are shown. */
    void frame(String id) throws InterruptedException {
        driver.findElement(By.cssSelector("#frames li[data-id='" + id + "']")).click();
        until(d -> (Boolean) script("return state.frame === arguments[0] && state.lastProbe !== null;", id));
    }

    WebElement element(String id) {
        return driver.findElement(By.id(id));
    }

    String text(String id) {
        return element(id).getText();
    }

    void click(String id) {
        element(id).click();
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Moves the mouse to source pixel (x, y) of the frame, however large the canvas is drawn. */
    void moveTo(double x, double y) {
        WebElement view = element("view");
        // the whole frame in view: a move is measured from the centre of the element's part in view
        script("arguments[0].scrollIntoView({ block: 'nearest', inline: 'nearest' });", view);
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) script("const c = arguments[0]; const b = c.getBoundingClientRect();"
                + "return [b.width, b.height, c.width, c.height];", view);
        double sx = box.get(0).doubleValue() / box.get(2).doubleValue();
        double sy = box.get(1).doubleValue() / box.get(3).doubleValue();
        int dx = (int) Math.round((x + 0.5) * sx - box.get(0).doubleValue() / 2);
        int dy = (int) Math.round((y + 0.5) * sy - box.get(1).doubleValue() / 2);
        new Actions(driver).moveToElement(view, dx, dy).perform();
    }

    /** A cell of a model's table ({@code probs}, {@code probs-1}): class {@code cls}, column {@code clean} or {@code occluded}. */
    String cell(String table, String cls, String column) {
        return driver.findElement(By.cssSelector("#" + table + " tr[data-class='" + cls + "'] td." + column)).getText();
    }

    double number(String table, String cls, String column) {
        String t = cell(table, cls, column);
        return t.isEmpty() ? Double.NaN : Double.parseDouble(t);
    }

    /** The canvas's pixel at source (x, y), as the page drew it: r, g, b, a. */
    @SuppressWarnings("unchecked")
    List<Long> pixel(int x, int y) {
        return (List<Long>) script("return Array.from(document.getElementById('view').getContext('2d')"
                + ".getImageData(arguments[0], arguments[1], 1, 1).data);", x, y);
    }

    /** Whether every picture under the element of that id is loaded, and there are {@code count} of them. */
    boolean picturesLoaded(String id, int count) {
        return (Boolean) script("const i = [...document.querySelectorAll('#' + arguments[0] + ' img')];"
                + "return i.length === arguments[1] && i.every(x => x.complete && x.naturalWidth > 0);", id, count);
    }

    /** The pictures' names under the element of that id. */
    List<String> pictureNames(String id) {
        return driver.findElements(By.cssSelector("#" + id + " img")).stream().map(i -> i.getAttribute("alt")).toList();
    }

    /** A patch of a record ({@code min}) as the page writes it: x, y, width, height. */
    static String patch(com.google.gson.JsonObject min) {
        return min.get("x") + ", " + min.get("y") + ", " + min.get("width") + ", " + min.get("height");
    }

    /** Closes what was opened (the browser, servers, models), the nulls of a failed start left out. */
    static void closeAll(AutoCloseable... opened) throws Exception {
        for (AutoCloseable c : opened) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
