package dev.occlude.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.io.Labels;
import dev.occlude.result.Classified;
import dev.occlude.result.Failed;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch runner and its sinks on a fake model: lines, failures, files, resuming, labels, a closed output. */
class BatchRunnerTest {
    @TempDir
    Path tmp;

    private List<Outcome> outcomes(FakeBatch.Run run) throws Exception {
        List<Outcome> r = new ArrayList<>();
        for (String line : run.lines()) {
            r.add(ResultCodec.fromLine(line));
        }
        return r;
    }

    @Test
    void aFolderGivesALinePerFileAndABadFileFailsAlone() throws Exception {
        Path in = tmp.resolve("in");
        FakeBatch.scene(in.resolve("a-lit.png"), true);
        FakeBatch.scene(in.resolve("b-dark.png"), false);
        Files.writeString(in.resolve("c-broken.png"), "not a picture");
        Path out = tmp.resolve("out");
        FakeBatch.Run run = FakeBatch.run(FakeBatch.options(out).summary(tmp.resolve("summary.csv")).build(),
                in.toString());
        List<Outcome> o = outcomes(run);
        assertEquals(3, o.size(), run.toString());
        Mapped lit = assertInstanceOf(Mapped.class, o.get(0));
        assertEquals("light", lit.classification().prediction().className());
        assertEquals(1, lit.target().index());
        assertTrue(lit.min().rectangle().intersects(FakeBatch.LIGHT), "the worst patch lies on the light");
        assertTrue(lit.min().probability() < lit.cleanProbability() - 0.2, "hiding the light lowers p(light)");
        assertEquals("none", assertInstanceOf(Mapped.class, o.get(1)).target().name());
        Failed broken = assertInstanceOf(Failed.class, o.get(2));
        assertTrue(broken.error().contains("c-broken.png"), broken.error());
        assertEquals("occlude: " + broken.error() + "\n", run.err(), "one line on stderr, the failure's");
        assertEquals(new BatchRunner.Totals(3, 1, false), run.totals());
        assertTrue(Files.isRegularFile(out.resolve("a-lit.occlusion.png")) && Files.isRegularFile(out.resolve(
                "a-lit.occlusion.npy")));
        assertEquals(run.lines().get(0), Files.readString(out.resolve("a-lit.occlusion.json")).trim(),
                "the record holds the line");
        try (CSVParser csv = CSVParser.parse(tmp.resolve("summary.csv"), java.nio.charset.StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            List<CSVRecord> rows = csv.getRecords();
            assertEquals(3, rows.size());
            assertEquals("light", rows.get(0).get("predicted"));
            assertEquals(String.valueOf(lit.min().probability()), rows.get(0).get("min_probability"));
            assertEquals(broken.error(), rows.get(2).get("error"));
            assertEquals("", rows.get(2).get("width"));
        }
    }

    @Test
    void resumingReEmitsWithoutWritingAndLabelsTheLinesAnew() throws Exception {
        Path a = FakeBatch.scene(tmp.resolve("in/a.png"), true);
        Path out = tmp.resolve("out");
        FakeBatch.run(FakeBatch.options(out).build(), a.toString());
        Path record = out.resolve("a.occlusion.json");
        FileTime written = Files.getLastModifiedTime(record);
        Files.setLastModifiedTime(out.resolve("a.occlusion.png"), FileTime.fromMillis(1000));
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,class\na.png,none\n");
        FakeBatch.Run again = FakeBatch.run(FakeBatch.options(out).skipExisting(true).labels(Labels.read(labels))
                .build(), a.toString());
        Mapped resumed = assertInstanceOf(Mapped.class, outcomes(again).get(0));
        assertTrue(resumed.existing());
        assertEquals("none", resumed.label().label());
        assertTrue(resumed.label().mistake(), "labelled by today's file: the model says light");
        assertEquals(written, Files.getLastModifiedTime(record), "nothing written again");
        assertEquals(1000, Files.getLastModifiedTime(out.resolve("a.occlusion.png")).toMillis());
        assertTrue(again.err().contains("confusion matrix") && again.err().contains("1 image, 1 mistake\n"), again.err());
    }

    @Test
    void onlyMistakesClassifiesTheRightOnesAndCountsTheUnlabelled() throws Exception {
        Path right = FakeBatch.scene(tmp.resolve("in/right.png"), true);
        Path wrong = FakeBatch.scene(tmp.resolve("in/wrong.png"), false);
        Path unlisted = FakeBatch.scene(tmp.resolve("in/unlisted.png"), false);
        Path labels = Files.writeString(tmp.resolve("labels.csv"), "file,class\nright.png,light\nwrong.png,light\n");
        FakeBatch.Run run = FakeBatch.run(FakeBatch.options(tmp.resolve("out")).labels(Labels.read(labels))
                .onlyMistakes(true).build(), right.toString(), wrong.toString(), unlisted.toString());
        List<Outcome> o = outcomes(run);
        Classified c = assertInstanceOf(Classified.class, o.get(0));
        assertFalse(c.label().mistake());
        assertTrue(run.lines().get(0).contains("\"mapped\":false"), run.lines().get(0));
        assertFalse(Files.exists(tmp.resolve("out/right.occlusion.png")), "a right frame is not mapped");
        Mapped m = assertInstanceOf(Mapped.class, o.get(1));
        assertTrue(m.label().mistake());
        assertEquals(null, assertInstanceOf(Mapped.class, o.get(2)).label(), "not in the labels: mapped, no label");
        assertTrue(run.err().contains("1 image is not in the labels file"), run.err());
        assertTrue(run.err().contains("2 images, 1 mistake\n"), run.err());
    }

    @Test
    void aReaderThatHasGoneStopsTheRun() throws Exception {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inputs.add(FakeBatch.scene(tmp.resolve("in/f" + i + ".png"), i % 2 == 0).toString());
        }
        StringWriter text = new StringWriter();
        // a writer that fails after the first line, as System.out does on a closed pipe
        Writer closing = new Writer() {
            private int lines;

            @Override
            public void write(char[] c, int off, int len) throws java.io.IOException {
                if (lines > 0) {
                    throw new java.io.IOException("Broken pipe");
                }
                text.write(c, off, len);
                lines += new String(c, off, len).contains("\n") ? 1 : 0;
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        FakeBatch.Run run = FakeBatch.run(FakeBatch.options(tmp.resolve("out")).summary(tmp.resolve("s.csv")).build(),
                new PrintWriter(closing, true), text, new StringWriter(), FakeBatch.LIGHT, inputs.toArray(String[]::new));
        assertTrue(run.totals().outputClosed());
        assertEquals(1, run.totals().images(), "the images whose lines were read; the next one's line could not be written");
        assertFalse(Files.exists(tmp.resolve("out/f2.occlusion.png")), "nothing after it is mapped");
        assertTrue(Files.isRegularFile(tmp.resolve("s.csv")), "the sinks still finish");
    }
}
