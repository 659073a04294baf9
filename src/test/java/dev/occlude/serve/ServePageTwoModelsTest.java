package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.occlude.TestData;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * serve's page with two models side by side (the shipped network and the synthetic one), in
 * headless Chromium: one server and one browser shared. The tables line up row for row and column
 * for column; "scan again" gives each model its own worst patch and its own class.
 */
@Tag("model")
@Tag("browser")
class ServePageTwoModelsTest {
    @TempDir
    static Path shared;
    private static ModelDirectory nexar;
    private static ModelDirectory synthetic;
    private static Classifier a;
    private static Classifier b;
    private static ServeServer server;
    private static PageDriver page;

    @BeforeAll
    static void startTheServerAndTheBrowser() throws Exception {
        nexar = ModelDirectory.open(TestData.nexarModel());
        synthetic = ModelDirectory.open(TestData.syntheticModel());
        a = Classifier.load(nexar);
        b = Classifier.load(synthetic);
        server = ServeServer.start(List.of(new ServeServer.Model(a, nexar), new ServeServer.Model(b, synthetic)),
                new ServeServer.Config(List.of(TestData.project("samples/nexar")), "127.0.0.1", 0, 50_000_000L,
                        1_000_000L));
        page = new PageDriver(shared.resolve("chrome-profile"));
    }

    @AfterAll
    static void stopThem() throws Exception {
        PageDriver.closeAll(page, server, a, b);
    }

    @BeforeEach
    void openThePage() throws InterruptedException {
        page.open(server, 3);
        page.frame("0/night-red.png");
    }

    @Test
    void theTablesLineUpAndBothFollowTheMouse() throws Exception {
        assertEquals(List.of(nexar.name(), synthetic.name()), page.driver.findElements(By.cssSelector("#tables caption"))
                .stream().map(WebElement::getText).toList());
        page.moveTo(97, 145);
        page.until(d -> page.number("probs", "red", "occluded") < 0.5 && !page.cell("probs-1", "red", "occluded").isEmpty());
        // every column as wide in both tables, every row at the same height
        for (String cells : List.of("thead th", "tbody tr:first-child td", "tbody tr:last-child td")) {
            List<List<Double>> first = boxes("#probs " + cells);
            List<List<Double>> second = boxes("#probs-1 " + cells);
            assertEquals(first.size(), second.size(), cells);
            for (int i = 0; i < first.size(); i++) {
                assertEquals(first.get(i).get(2), second.get(i).get(2), 0.5, cells + " " + i + ": width");
                assertEquals(first.get(i).get(1), second.get(i).get(1), 0.5, cells + " " + i + ": top");
                assertEquals(first.get(i).get(0) - first.get(0).get(0), second.get(i).get(0) - second.get(0).get(0), 0.5,
                        cells + " " + i + ": left within its table");
            }
        }
    }

    /** Each element's left, top and width, in the page. */
    @SuppressWarnings("unchecked")
    private static List<List<Double>> boxes(String selector) {
        List<List<Number>> raw = (List<List<Number>>) page.script("return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.width]; });", selector);
        return raw.stream().map(r -> r.stream().map(Number::doubleValue).toList()).toList();
    }

    @Test
    void scanningAgainGivesEachModelItsOwnWorstPatchAndClass() throws Exception {
        JsonObject line = ServeTestBase.syntheticLine(shared.resolve("cli-synthetic"), "--passes", "2", "--stop-below", "0");
        JsonObject bFirst = line.getAsJsonObject("min");
        JsonObject bSecond = line.getAsJsonArray("passes").get(1).getAsJsonObject().getAsJsonObject("min");
        String bClass = line.get("target").getAsString();
        page.element("map-stride").clear();
        page.element("map-stride").sendKeys("32");
        page.click("map-button");
        page.until(d -> page.text("worst").contains("worst patch") && page.text("worst-1").contains("worst patch"));
        page.click("keep-worst");
        page.until(d -> page.text("worst").contains("pass 2") && page.text("worst-1").contains("pass 2")
                && page.picturesLoaded("pictures-1", 2));
        String second = page.text("worst-1");
        assertTrue(second.contains(synthetic.name() + ": pass 2, with patch 1 hidden: worst patch for " + bClass + ": ("
                + PageDriver.patch(bSecond) + ")"), second);
        String kept = page.text("kept");
        assertTrue(kept.contains("pass patch B1 (" + PageDriver.patch(bFirst) + ")"), kept);
        String aKept = kept.substring(kept.indexOf("pass patch A1 ("), kept.indexOf(")", kept.indexOf("pass patch A1 (")));
        assertNotEquals("pass patch A1 (" + PageDriver.patch(bFirst), aKept, "the models' worst patches differ on this frame");
    }

}
