package dev.occlude.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.occlusion.ScanResult;
import dev.occlude.render.OverlayStyle;
import dev.occlude.result.Outcome;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Optional;

/**
 * One frame compared from its two sides: the compare line (both sides' lines, what changed, where
 * each looks) and the compare picture. What {@link CompareRun} prints and the Spark job's rows
 * hold, made in one place.
 */
public final class Comparison {
    private final Side a;
    private final Side b;
    private final Column columnA;
    private final Column columnB;
    private final Focus focus;

    /**
     * One model's view of the frame.
     *
     * @param line its JSON line, as a plain run prints it (null when it gave none)
     * @param outcome that line read back (null likewise)
     * @param scan its main map's scan (null when it did not map the frame)
     * @param classes the model's classes, in its order
     */
    public record Side(String line, Outcome outcome, ScanResult scan, List<String> classes) {}

    private Comparison(Side a, Side b, Column columnA, Column columnB, Focus focus) {
        this.a = a;
        this.b = b;
        this.columnA = columnA;
        this.columnB = columnB;
        this.focus = focus;
    }

    /**
     * The frame compared; where each looks measured when both scanned the compared class on one
     * grid ({@code fixedClass}, else the true class, else model A's prediction).
     */
    public static Comparison of(Side a, Side b, Optional<String> fixedClass) {
        String c = a.outcome() == null ? null : compareClass(fixedClass, a.outcome());
        if (c == null || a.scan() == null || b.scan() == null || !a.classes().contains(c)) {
            return new Comparison(a, b, null, null, null);
        }
        Column ca = Column.of(a.scan(), a.classes().indexOf(c), c);
        Column cb = columnOf(ca, b.scan(), b.classes());
        return new Comparison(a, b, ca, cb, cb == null ? null : focus(ca, cb, b.scan()));
    }

    /** The class where each looks is compared: --class NAME, else the true class, else model A's prediction. */
    static String compareClass(Optional<String> fixedClass, Outcome a) {
        if (fixedClass.isPresent()) {
            return fixedClass.get();
        }
        if (a.label() != null) {
            return a.label().label();
        }
        return a.classification() == null ? null : a.classification().prediction().className();
    }

    /** Model B's column of A's class; null when B has no such class or scanned another grid (a region, refinement). */
    static Column columnOf(Column a, ScanResult scanB, List<String> classesB) {
        int index = classesB.indexOf(a.className());
        return index < 0 || scanB.variants() != a.values().length ? null : Column.of(scanB, index, a.className());
    }

    static Focus focus(Column a, Column b, ScanResult scanB) {
        return Focus.of(a, b, scanB.patches(), scanB.width(), scanB.height());
    }

    /** Whether where each looks was measured (then there is a picture to draw). */
    public boolean measured() {
        return focus != null;
    }

    /** NAME.compare.png's pixels: A's map, B's map, the difference; null when not measured. */
    public BufferedImage picture(BufferedImage image, String nameA, String nameB, OverlayStyle style) {
        return focus == null ? null : ComparePicture.render(image, focus, verdict(), nameA, nameB, style, columnA,
                columnB);
    }

    /** What changed. */
    Verdict verdict() {
        return Verdict.of(a.outcome(), b.outcome());
    }

    /** The compare line, naming {@code picture} (null for none). */
    public JsonObject line(String picture) {
        return line(a, b, focus, picture);
    }

    /** The compare line of two sides (either may have given no line), with {@code focus} measured or null. */
    static JsonObject line(Side a, Side b, Focus focus, String picture) {
        Side named = a.line() != null ? a : b;
        JsonObject record = new JsonObject();
        record.addProperty("image", named.outcome().image());
        JsonObject lineA = a.line() == null ? null : JsonParser.parseString(a.line()).getAsJsonObject();
        JsonObject lineB = b.line() == null ? null : JsonParser.parseString(b.line()).getAsJsonObject();
        JsonObject first = lineB != null ? lineB : lineA;
        for (String field : new String[] {"frame", "time"}) { // a video's frame: which one, as the sides say
            if (first.has(field)) {
                record.add(field, first.get(field));
            }
        }
        JsonArray models = new JsonArray();
        models.add(lineA == null ? JsonNull.INSTANCE : lineA);
        models.add(lineB == null ? JsonNull.INSTANCE : lineB);
        record.add("models", models);
        record.add("compare", CompareJson.of(Verdict.of(a.outcome(), b.outcome()), focus, picture));
        return record;
    }
}
