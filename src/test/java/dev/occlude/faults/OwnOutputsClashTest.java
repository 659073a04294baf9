package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 40, items 4 and 8 through the real command: the run's own files (summary, atlas and its
 * numbers, report, table, record, overlay) never share a path, and a patch grid past the limit is
 * refused, each in one line with exit 2 before any image is mapped.
 */
@Tag("model")
class OwnOutputsClashTest {
    @TempDir
    Path tmp;

    private CliRun run(String... first) throws IOException {
        Path in = tmp.resolve("in");
        if (Files.notExists(in.resolve("red-day.jpg"))) {
            Files.createDirectories(in);
            Files.copy(TestData.generatedSample("red-day.jpg"), in.resolve("red-day.jpg"));
        }
        List<String> a = new ArrayList<>(List.of(in.resolve("red-day.jpg").toString(), "-q", "--model",
                TestData.syntheticModel().toString(), "--patch", "128", "--stride", "128"));
        a.addAll(List.of(first));
        return CliRun.of(a.toArray(String[]::new));
    }

    private void assertRefused(CliRun r, String line) throws IOException {
        assertEquals(2, r.exit(), r.toString());
        assertEquals(List.of("occlude: " + line), r.stderrLines());
        assertEquals("", r.stdout(), "no image mapped");
        try (Stream<Path> files = Files.walk(tmp)) {
            assertEquals(List.of(), files.filter(f -> f.toString().contains("occlusion") || f.toString().endsWith(".csv")
                    || f.toString().endsWith(".html")).toList(), "nothing written");
        }
    }

    @Test
    void theSummaryAndTheAtlasNumbersOnOnePath() throws Exception {
        Path s = tmp.resolve("s.csv");
        assertRefused(run("--out", tmp.resolve("o").toString(), "--summary", s.toString(), "--atlas",
                tmp.resolve("s.png").toString()), "--summary " + s + " and --atlas " + tmp.resolve("s.png")
                + "'s numbers " + s + " are one file; name another");
    }

    @Test
    void theAtlasOnTheOverlay() throws Exception {
        Path o = tmp.resolve("o");
        Path atlas = o.resolve("red-day.occlusion.png");
        assertRefused(run("--out", o.toString(), "--atlas", atlas.toString()), "--atlas " + atlas + " and "
                + tmp.resolve("in/red-day.jpg") + "'s output " + atlas + " are one file; name another");
    }

    @Test
    void theAtlasNumbersOnTheTable() throws Exception {
        Path o = tmp.resolve("o");
        Path atlas = o.resolve("red-day.patches.png");
        assertRefused(run("--out", o.toString(), "--table", "--atlas", atlas.toString()), "--atlas " + atlas
                + "'s numbers " + o.resolve("red-day.patches.csv") + " and " + tmp.resolve("in/red-day.jpg")
                + "'s output " + o.resolve("red-day.patches.csv") + " are one file; name another");
    }

    @Test
    void theSummaryOnTheRecordOrTheTable() throws Exception {
        Path o = tmp.resolve("o");
        Path record = o.resolve("red-day.occlusion.json");
        assertRefused(run("--out", o.toString(), "--summary", record.toString()), "--summary " + record + " and "
                + tmp.resolve("in/red-day.jpg") + "'s output " + record + " are one file; name another");
        Path table = o.resolve("red-day.patches.csv");
        assertRefused(run("--out", o.toString(), "--table", "--summary", table.toString()), "--summary " + table
                + " and " + tmp.resolve("in/red-day.jpg") + "'s output " + table + " are one file; name another");
    }

    /** Through a link to the folder and in another case: one file on a file system that ignores case. */
    @Test
    void linkedFoldersAndCaseAreSeenThrough() throws Exception {
        Path o = Files.createDirectories(tmp.resolve("o"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), o);
        Path summary = link.resolve("Red-Day.Occlusion.JSON");
        assertRefused(run("--out", o.toString(), "--summary", summary.toString()), "--summary " + summary + " and "
                + tmp.resolve("in/red-day.jpg") + "'s output " + o.resolve("red-day.occlusion.json")
                + " are one file; name another");
    }

    @Test
    void theSummaryInTheReportsPictures() throws Exception {
        Path r = tmp.resolve("r");
        Path summary = r.resolve("images").resolve("s.csv");
        Files.createDirectories(summary.getParent());
        assertRefused(run("--out", tmp.resolve("o").toString(), "--report", r.toString(), "--summary",
                summary.toString()), "--summary " + summary + " lies in --report " + r
                + "'s images folder, which the run writes; name another path");
    }

    /** Item 8: counts past an int once overflowed (exit 0, NaN maps) or ran for minutes. */
    @Test
    void gridsPastTheLimitAreRefusedAtOnce() throws Exception {
        for (int patch : new int[] {92619, 65473, 100000}) {
            CliRun r = run("--out", tmp.resolve("o").toString(), "--patch", String.valueOf(patch), "--stride", "1");
            assertEquals(2, r.exit(), r.toString());
            assertEquals(1, r.stderrLines().size(), r.stderr());
            assertTrue(r.stderr().startsWith(String.format(java.util.Locale.ROOT,
                    "occlude: --patch/--stride: patch %d with stride 1 gives %,d variants on any image; at most 1,000,000",
                    patch, (long) patch * patch)), r.stderr());
        }
    }
}
