package dev.occlude.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.MapKind;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON line of each outcome: field names and order as the contract says, and read back to an equal outcome. */
class ResultCodecTest {
    private static final Prediction PREDICTION = new Prediction(1, List.of("none", "red", "green"),
            List.of(0.1, 0.7, 0.2));
    private static final Classification CLEAN = new Classification(455, 256, "nexar", PREDICTION);
    private static final MinPatch MIN = new MinPatch(0.25, 64, 32, 64, 64);

    /** A mapped outcome with every part set. */
    static Mapped everything(FillSpec fill) {
        Outputs main = new Outputs("o/a.occlusion.png", "o/a.occlusion.npy", "o/a.worst.png", "o/a.flip.png",
                "o/a.patches.csv", null, null);
        return Mapped.builder().image("a.jpg").frame(new Frame(30, 1.0)).classification(CLEAN)
                .target(new ClassRef(1, "red")).scan(new ScanFacts(64, 16, 405, 3, 402, false, true)).fill(fill)
                .min(MIN).outputs(main).seconds(1.5).map(MapKind.DROP)
                .sizes(List.of(new SizeResult(64, 16, 405, MIN, new Outputs("o/a.p64.occlusion.png", null))))
                .combined(new Outputs("o/a.combined.occlusion.png", "o/a.combined.occlusion.npy"))
                .classes(List.of(new ClassResult("none", MIN, MIN, null), new ClassResult("red", MIN, null,
                        new Outputs("o/a.red.occlusion.png", null))))
                .passes(List.of(new PassResult(1, 0.7, MIN, main), new PassResult(2, 0.25, MIN, null)))
                .label(new Label("red", false)).existing(true).settings("0123456789abcdef")
                .region(new Box(1, 2, 3, 4)).flips(new Flips(2, Map.of("none", 2)))
                .metrics(new Metrics(2, 0.1, 0.9, 0.5, 0.5, List.of(0.7, 0.1, 0.0), List.of(0.0, 0.5, 0.7),
                        List.of(0.7, 0.4, 0.0), List.of(0.0, 0.3, 0.7)))
                .pointing(new Pointing(true, 1)).max(MIN).scale(new Scale(0.1552, 1))
                .triage(new Triage("other-light", 0.6, MIN, new Box(5, 6, 7, 8), "green")).build();
    }

    @Test
    void aMappedLineHasTheContractsFieldsInOrderAndReadsBack() throws IOException {
        for (FillSpec fill : List.of(FillSpec.grey(0.5), new FillSpec.Colour(0xff8000), new FillSpec.Mean(),
                new FillSpec.Blur(8), new FillSpec.Noise(42))) {
            Mapped m = everything(fill);
            String line = ResultCodec.toLine(m);
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            List<String> expected = new java.util.ArrayList<>(List.of("image", "frame", "time", "width", "height",
                    "model", "prediction", "target", "patch", "stride"));
            if (fill instanceof FillSpec.Grey) {
                expected.add("fill");
            }
            expected.addAll(List.of("variants", "skipped", "forward_passes", "refine", "min", "outputs", "seconds",
                    "map", "sizes", "combined", "classes", "passes", "label", "mistake", "existing", "settings",
                    "fill_kind"));
            if (fill instanceof FillSpec.Colour) {
                expected.add("fill_colour");
            } else if (fill instanceof FillSpec.Blur) {
                expected.add("blur_sigma");
            } else if (fill instanceof FillSpec.Noise) {
                expected.add("seed");
            }
            expected.addAll(List.of("region", "flips", "metrics", "pointing", "incremental", "max", "scale", "triage"));
            assertEquals(expected, List.copyOf(o.keySet()), line);
            assertEquals(m, ResultCodec.fromLine(line), "read back equal: " + line);
            assertEquals(line, ResultCodec.toLine(ResultCodec.fromLine(line)));
        }
        String grey = ResultCodec.toLine(everything(FillSpec.grey(0.5)));
        assertEquals("{\"class\":\"red\",\"probabilities\":{\"none\":0.1,\"red\":0.7,\"green\":0.2}}",
                JsonParser.parseString(grey).getAsJsonObject().get("prediction").toString());
        assertEquals("drop", JsonParser.parseString(grey).getAsJsonObject().get("map").getAsString());
    }

    @Test
    void classifiedAndFailedLinesHaveTheirOwnFewFields() throws IOException {
        Classified c = new Classified("b.jpg", null, CLEAN, new Label("red", false), false);
        String line = ResultCodec.toLine(c);
        assertEquals(List.of("image", "width", "height", "model", "prediction", "mapped", "label", "mistake"),
                List.copyOf(JsonParser.parseString(line).getAsJsonObject().keySet()));
        assertEquals(c, ResultCodec.fromLine(line));
        Failed f = new Failed("c.jpg", "c.jpg: not an image");
        assertEquals("{\"image\":\"c.jpg\",\"error\":\"c.jpg: not an image\"}", ResultCodec.toLine(f));
        assertEquals(f, ResultCodec.fromLine(ResultCodec.toLine(f)));
    }

    @Test
    void aLineThatIsNotAResultIsRefusedAsSuch() {
        String mapped = ResultCodec.toLine(everything(FillSpec.grey(0.5)));
        for (String bad : List.of("", "[]", "{}", "{\"image\":\"a\"}", "{\"image\":\"a\",\"prediction\":{}}", "{\"im",
                mapped.replace("\"target\":\"red\"", "\"target\":\"blue\""), mapped.replace("\"patch\":64,", ""))) {
            IOException e = assertThrows(IOException.class, () -> ResultCodec.fromLine(bad), bad);
            assertEquals(true, e.getMessage().startsWith("not a result line"), e.getMessage());
        }
    }
}
