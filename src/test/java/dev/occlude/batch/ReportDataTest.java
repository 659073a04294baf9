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
import java.util.List;
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

    /**
     * occlude report on what a killed or damaged run leaves: a cut last line, an empty overlay and
     * one that is not a PNG. The page is written with every card (placeholders for the pictures),
     * one line per problem, exit 1; random bytes or a folder are one line, no page.
     */
    @Test
    void aDamagedRunStillGetsItsReport() throws Exception {
        Path a = FakeBatch.scene(tmp.resolve("in/a.png"), true);
        Path b = FakeBatch.scene(tmp.resolve("in/b.png"), false);
        Path c = FakeBatch.scene(tmp.resolve("in/c.png"), true);
        FakeBatch.Run run = FakeBatch.run(FakeBatch.options(tmp.resolve("out")).build(), a.toString(), b.toString(),
                c.toString());
        List<dev.occlude.result.Mapped> mapped = new java.util.ArrayList<>();
        for (String line : run.lines()) {
            mapped.add((dev.occlude.result.Mapped) ResultCodec.fromLine(line));
        }
        for (int i = 0; i < 2; i++) { // the thumbnails fall back on the overlays
            Files.delete(Path.of(mapped.get(i).outputs().map()));
        }
        Files.write(Path.of(mapped.get(0).outputs().overlay()), new byte[0]);
        Files.write(Path.of(mapped.get(1).outputs().overlay()), "GIF89a not really".getBytes());
        String cut = run.lines().get(2).substring(0, run.lines().get(2).length() / 2);
        Path results = Files.writeString(tmp.resolve("results.jsonl"), String.join("\n", run.lines()) + "\n" + cut);
        Path report = tmp.resolve("report");
        dev.occlude.CliRun r = dev.occlude.CliRun.of("report", results.toString(), "--out", report.toString());
        assertEquals(1, r.exit(), r.toString());
        List<String> err = r.stderrLines();
        assertEquals(3, err.size(), r.toString());
        assertTrue(err.get(0).startsWith("occlude: " + results + ": line 4: not a result line (")
                && err.get(0).endsWith("cut short?)"), err.get(0));
        assertTrue(err.stream().anyMatch(l -> l.contains(mapped.get(0).outputs().overlay() + ": cannot be read")), r.toString());
        assertTrue(err.stream().anyMatch(l -> l.contains(mapped.get(1).outputs().overlay() + ": not a file this tool wrote")),
                r.toString()); // a GIF where its overlay was: not this tool's PNG
        assertFalse(r.stderr().contains("github.com") || r.stderr().contains("Exception:"), r.stderr());
        assertEquals(3, data(report.resolve("index.html")).getAsJsonArray("images").size(), "every whole line is a card");

        byte[] noise = new byte[4096];
        new java.util.Random(7).nextBytes(noise);
        Path random = Files.write(tmp.resolve("random.jsonl"), noise);
        dev.occlude.CliRun bytes = dev.occlude.CliRun.of("report", random.toString(), "--out", tmp.resolve("r2").toString());
        assertEquals(List.of("occlude: " + random + ": not UTF-8 text, so not the JSON lines of a run"), bytes.stderrLines());
        dev.occlude.CliRun folder = dev.occlude.CliRun.of("report", tmp.toString(), "--out", tmp.resolve("r3").toString());
        assertEquals(2, folder.exit());
        assertEquals(List.of("occlude: " + tmp + ": a folder; give the JSON lines a run printed (occlude ... > results.jsonl)"),
                folder.stderrLines());
    }

    /** A crafted results file naming files of other people as its pictures and input: none is copied, linked or drawn. */
    @Test
    void aResultsFileNamingOthersFilesGetsNoneOfThemIntoTheReport() throws Exception {
        Path a = FakeBatch.scene(tmp.resolve("in/a.png"), true);
        FakeBatch.Run run = FakeBatch.run(FakeBatch.options(tmp.resolve("out")).build(), a.toString());
        Path secret = Files.writeString(tmp.resolve("secret.png"), "TOP-SECRET not a picture of this tool");
        Path secretText = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET text");
        JsonObject line = JsonParser.parseString(run.lines().get(0)).getAsJsonObject();
        JsonObject outputs = line.getAsJsonObject("outputs");
        outputs.addProperty("overlay", secret.toString());
        outputs.addProperty("map", secretText.toString());
        line.addProperty("image", secretText.toString());
        Path results = Files.writeString(tmp.resolve("hostile.jsonl"), line + "\n");
        Path report = tmp.resolve("report");
        dev.occlude.CliRun r = dev.occlude.CliRun.of("report", results.toString(), "--copy", "--out", report.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.stderrLines().contains("occlude: " + secret + ": not a file this tool wrote; left out of the report"),
                r.toString());
        assertTrue(r.stderrLines().contains("occlude: " + secretText + ": not an image; left out of the report"),
                r.toString());
        try (java.util.stream.Stream<Path> files = Files.walk(report)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("TOP-SECRET"), f + " holds another's file");
            }
        }
    }

    /** A crafted line naming pictures no file system can (a NUL inside): they are not linked, no trace, the page is written. */
    @Test
    void aLineNamingAPathThatCannotBeIsLeftUnlinked() throws Exception {
        Path a = FakeBatch.scene(tmp.resolve("in/a.png"), true);
        FakeBatch.Run run = FakeBatch.run(FakeBatch.options(tmp.resolve("out")).build(), a.toString());
        JsonObject line = JsonParser.parseString(run.lines().get(0)).getAsJsonObject();
        line.getAsJsonObject("outputs").addProperty("overlay", "over\u0000lay.png");
        line.getAsJsonObject("outputs").addProperty("map", "m\u0000ap.npy");
        Path results = Files.writeString(tmp.resolve("nul.jsonl"), line + "\n");
        Path report = tmp.resolve("report");
        dev.occlude.CliRun r = dev.occlude.CliRun.of("report", results.toString(), "--out", report.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(), r.stderrLines(), r.toString());
        JsonObject card = data(report.resolve("index.html")).getAsJsonArray("images").get(0).getAsJsonObject();
        assertFalse(card.toString().contains("lay.png") || card.toString().contains("ap.npy"), card.toString());
    }

    /** A labels row whose class holds a terminal escape: the run's line about it is plain text, one line. */
    @Test
    void aLabelWithATerminalEscapeIsSaidAsPlainText() throws Exception {
        Path lit = FakeBatch.scene(tmp.resolve("in/lit.png"), true);
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,class\nlit.png,\"red\u001b[2J\u001b]0;PWNED\u0007\"\n");
        FakeBatch.Run run = FakeBatch.run(FakeBatch.options(tmp.resolve("out")).labels(Labels.read(labels)).build(),
                lit.toString());
        assertEquals(1, run.totals().failed(), run.err());
        assertTrue(run.err().contains("is not a class"), run.err());
        assertFalse(run.err().chars().anyMatch(c -> c == 0x1b || c == 0x07), "no escape reaches the terminal: " + run.err());
        assertTrue(run.err().contains("\\u001b[2J"), run.err());
    }
}
