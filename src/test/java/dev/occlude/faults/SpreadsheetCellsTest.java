package dev.occlude.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.TestData;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile file name in `--summary`: inputs named as spreadsheet formulas, given relative to the
 * working folder of a real child process (as a user's shell gives them), land in the CSV as text
 * that no spreadsheet runs, while the numbers stay numbers.
 */
@Tag("model")
class SpreadsheetCellsTest {
    @TempDir
    Path tmp;

    @Test
    void aFileNamedAsAFormulaIsTextInTheSummary() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        String hyperlink = "=HYPERLINK(\"example.invalid\",\"x\").png";
        String plus = "+cmd.png";
        String plain = "plain.png";
        for (String name : List.of(hyperlink, plus, plain)) {
            Files.copy(TestData.nexarFrame("night-red.png"), in.resolve(name));
        }
        Path summary = tmp.resolve("summary.csv");
        List<String> command = TestData.childJava("-Dai.djl.offline=true");
        command.addAll(List.of(hyperlink, plus, plain, "--model", TestData.nexarModel().toString(),
                "--patch", "128", "--stride", "128", "-q", "--summary", summary.toString()));
        Process p = new ProcessBuilder(command).directory(in.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("stderr").toFile()).start();
        assertEquals(0, p.waitFor(), Files.readString(tmp.resolve("stderr")));

        Map<String, CSVRecord> rows;
        try (Reader r = Files.newBufferedReader(summary, StandardCharsets.UTF_8)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords()
                    .stream().collect(Collectors.toMap(x -> x.get("image"), x -> x));
        }
        assertEquals(3, rows.size(), rows.keySet().toString());
        assertTrue(rows.containsKey("'" + hyperlink), rows.keySet().toString());
        assertTrue(rows.containsKey("'" + plus), rows.keySet().toString());
        assertTrue(rows.containsKey(plain), "a plain name is left as it is: " + rows.keySet());
        for (CSVRecord row : rows.values()) {
            assertTrue("=+-@".indexOf(row.get("overlay").charAt(0)) < 0, "no cell starts a formula: " + row.get("overlay"));
            double min = Double.parseDouble(row.get("min_probability"));
            assertTrue(min >= 0 && min <= 1, "numbers stay numbers: " + row.get("min_probability"));
        }
    }
}
