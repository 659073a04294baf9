package dev.occlude.spark;

import com.google.gson.JsonObject;
import dev.occlude.compare.Comparison;
import dev.occlude.occlusion.ScanResult;
import dev.occlude.picture.OutputFiles;
import dev.occlude.render.OverlayStyle;
import dev.occlude.result.Failed;
import dev.occlude.result.Frame;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
import dev.occlude.result.Source;
import dev.occlude.util.Text;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * On an executor, one decoded image mapped by both models of a compare (each side as a plain job's
 * row makes it, its pictures under OUT/overlays/a-NAME and b-NAME, as {@code occlude compare}
 * names its sides' folders) into the row of {@code occlude compare}'s line: both sides' lines and
 * the compare, and with --overlays NAME.compare.png in OUT/overlays. The row adds two columns to
 * the line: {@code settings} (both sides', to resume) and {@code error} (a side's, when one failed).
 */
final class CompareRows implements PictureStep {
    /** One model's rows and what the compare needs of it. */
    record Model(String name, List<String> classes, PictureRows rows) {}

    private final Model a;
    private final Model b;
    private final Optional<String> fixedClass;
    private final OverlayStyle style;
    private final Configuration conf;
    private final java.nio.file.Path temp;
    private final String overlays;

    /**
     * @param fixedClass the class both models map (--class NAME), compared where each looks; empty:
     *     the true class with labels, else model A's prediction
     * @param temp the task's own temporary folder
     * @param overlays the qualified OUT/overlays directory
     */
    CompareRows(Model a, Model b, Optional<String> fixedClass, OverlayStyle style, Configuration conf,
                java.nio.file.Path temp, String overlays) {
        this.a = a;
        this.b = b;
        this.fixedClass = fixedClass;
        this.style = style;
        this.conf = conf;
        this.temp = temp;
        this.overlays = overlays;
    }

    @Override
    public Row map(String path, String stem, BufferedImage image, Frame frame, String range, Source source,
                   PictureRows.Pictures pictures, double seconds) {
        ScanResult[] scans = new ScanResult[2];
        Row ra = a.rows().map(path, stem, image, frame, range, source, pictures, seconds, (o, i, m) -> scans[0] = m.scan());
        Row rb = b.rows().map(path, stem, image, frame, range, source, pictures, 0, (o, i, m) -> scans[1] = m.scan());
        Comparison c = Comparison.of(side(ra, scans[0], a), side(rb, scans[1], b), fixedClass);
        String picture = null;
        String problem = null;
        if (pictures != PictureRows.Pictures.NONE && c.measured()) {
            String target = overlays + "/" + stem + ".compare.png";
            try {
                upload(c.picture(image, a.name(), b.name(), style), new Path(target));
                picture = target;
            } catch (IOException | RuntimeException e) {
                problem = path + ": cannot write the compare picture " + target + " (" + Text.oneLine(e) + ")";
            }
        }
        return row(path, c.line(picture), range, problem);
    }

    @Override
    public Row failed(String path, String message, String range) {
        return failure(path, message, range);
    }

    /** The row of an input that failed before either model saw it: both sides fail alike, as on the command line. */
    static Row failure(String path, String message, String range) {
        Failed f = new Failed(path, Text.oneLine(message));
        String line = ResultCodec.toLine(f);
        Comparison c = Comparison.of(new Comparison.Side(line, f, null, List.of()),
                new Comparison.Side(line, f, null, List.of()), Optional.empty());
        return row(path, c.line(null), range, null);
    }

    /** The table's row: the compare line, both sides' settings, and the first error of the frame. */
    private static Row row(String path, JsonObject line, String range, String problem) {
        String error = problem;
        StringBuilder settings = new StringBuilder();
        for (var side : line.getAsJsonArray("models")) {
            JsonObject s = side.isJsonObject() ? side.getAsJsonObject() : null;
            if (error == null && s != null && s.has("error")) {
                error = s.get("error").getAsString();
            }
            settings.append(settings.length() > 0 ? " " : "").append(s != null && s.has("settings")
                    ? s.get("settings").getAsString() : "-");
        }
        JsonObject stored = line.deepCopy();
        stored.addProperty("settings", settings.toString());
        if (error != null) {
            stored.addProperty("error", error);
        }
        return RowFactory.create(path, stored.toString(), null, null, null, range);
    }

    private static Comparison.Side side(Row row, ScanResult scan, Model m) {
        String line = row.getString(1);
        Outcome o;
        try {
            o = ResultCodec.fromLine(line);
        } catch (IOException e) {
            throw new IllegalStateException("a row's own line is not a result line", e);
        }
        return new Comparison.Side(line, o, o instanceof Mapped ? scan : null, m.classes());
    }

    /** Writes the picture marked as this tool's to a local file, then to its place through Hadoop. */
    private void upload(BufferedImage picture, Path target) throws IOException {
        java.nio.file.Path local = Files.createTempFile(temp, "compare-", ".png");
        try {
            OutputFiles.writePng(local, picture);
            PictureRows.upload(local, target, conf);
        } finally {
            Files.deleteIfExists(local);
        }
    }
}
