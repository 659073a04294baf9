package dev.occlude.bench;

import dev.occlude.cli.Main;
import dev.occlude.report.HtmlReport;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The report's figure of docs/BENCHMARKS.md: how long {@code occlude report} takes to write a
 * report of N images (one frame mapped once, its line repeated under N names, as the browser test
 * does), and how much its thumbnails weigh. The browser test prints the page's own timing.
 */
public final class ReportBenchmark {
    private ReportBenchmark() {}

    /** {@code ReportBenchmark MODEL_DIR FRAME [N]}: prints the figures (N defaults to 10,000). */
    public static void main(String[] args) throws Exception {
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        Path work = Files.createTempDirectory("occlude-report-bench");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(InputStream.nullInputStream(), out, new ByteArrayOutputStream(), false, args[1], "--model",
                args[0], "--out", work.resolve("maps").toString(), "--patch", "128", "--stride", "64", "-q");
        if (exit != 0) {
            throw new IllegalStateException("the frame could not be mapped (exit " + exit + ")");
        }
        String line = out.toString(StandardCharsets.UTF_8).trim();
        String image = ResultCodec.fromLine(line).image();
        List<Outcome> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(ResultCodec.fromLine(line.replace("\"image\":\"" + image.replace("\\", "\\\\") + "\"",
                    String.format(Locale.ROOT, "\"image\":\"frames/drive-%05d.png\"", i))));
        }
        long start = System.nanoTime();
        new HtmlReport(work.resolve("report")).write(lines, work);
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes;
        try (Stream<Path> files = Files.walk(work.resolve("report"))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "report of %d images: written in %.1f s, %.1f MB on disk (work folder %s)%n", n,
                seconds, bytes / 1e6, work);
    }
}
