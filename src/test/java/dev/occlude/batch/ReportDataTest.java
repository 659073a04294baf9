package dev.occlude.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.io.Labels;
import dev.occlude.report.HtmlReport;
import dev.occlude.result.ResultCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the report's page is given, read back from index.html: the cards, the errors, the links (no browser). */
class ReportDataTest {
    @TempDir
    Path tmp;

    private static JsonObject data(Path index) throws Exception {
        Matcher m = Pattern.compile("<script id=\"report-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL)
                .matcher(Files.readString(index));
        assertTrue(m.find(), "the page carries its data");
        return JsonParser.parseString(m.group(1)).getAsJsonObject();
    }

    @Test
    void everyOutcomeIsACardOrAnErrorWithItsFiguresAndLinks() throws Exception {
        Path lit = FakeBatch.scene(tmp.resolve("in/lit.png"), true);
        Path dark = FakeBatch.scene(tmp.resolve("in/dark.png"), false);
        Path broken = Files.writeString(tmp.resolve("in/broken.png"), "no");
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,class\nlit.png,light\ndark.png,light\n");
        Path report = tmp.resolve("report");
        FakeBatch.Run run = FakeBatch.run(FakeBatch.options(tmp.resolve("out")).labels(Labels.read(labels))
                .report(report).build(), lit.toString(), dark.toString(), broken.toString());
        JsonObject data = data(report.resolve("index.html"));
        assertTrue(data.get("labelled").getAsBoolean());
        assertEquals("[\"none\",\"light\"]", data.get("classes").toString());
        JsonArray images = data.getAsJsonArray("images");
        assertEquals(2, images.size());
        JsonObject first = images.get(0).getAsJsonObject();
        var mapped = (dev.occlude.result.Mapped) ResultCodec.fromLine(run.lines().get(0));
        assertEquals(lit.toString(), first.get("image").getAsString());
        assertEquals("light", first.get("predicted").getAsString());
        assertEquals(mapped.min().probability(), first.get("min").getAsDouble());
        assertEquals("grey 0.5", first.get("fill").getAsString());
        assertFalse(first.get("mistake").getAsBoolean());
        assertTrue(images.get(1).getAsJsonObject().get("mistake").getAsBoolean());
        String href = first.getAsJsonArray("maps").get(0).getAsJsonObject().get("href").getAsString();
        assertTrue(Files.isRegularFile(report.resolve(href)), "the main map is linked where it lies: " + href);
        assertTrue(Files.isRegularFile(report.resolve(first.get("thumb").getAsString())));
        JsonArray errors = data.getAsJsonArray("errors");
        assertEquals(1, errors.size());
        assertEquals(broken.toString(), errors.get(0).getAsJsonObject().get("image").getAsString());

        // occlude report on the run's lines gives the same cards
        Path results = Files.write(tmp.resolve("results.jsonl"), run.lines());
        Path again = new HtmlReport(tmp.resolve("again")).write(ResultCodec.readLines(results), tmp);
        JsonObject second = data(again);
        assertEquals(images.size(), second.getAsJsonArray("images").size());
        assertEquals(first.get("min"), second.getAsJsonArray("images").get(0).getAsJsonObject().get("min"));
    }
}
