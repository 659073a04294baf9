package dev.occlude.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.io.Labels;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.MapKind;
import dev.occlude.render.AtlasRenderer;
import dev.occlude.result.ClassRef;
import dev.occlude.result.Classification;
import dev.occlude.result.Label;
import dev.occlude.result.Mapped;
import dev.occlude.result.MinPatch;
import dev.occlude.result.Prediction;
import dev.occlude.result.ScanFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The atlas's densities against worst patches placed by hand. */
class AtlasTest {
    private static final List<String> CLASSES = List.of("none", "red", "green");

    @TempDir
    Path tmp;

    private static Mapped frame(String image, int w, int h, int predicted, MinPatch min, Label label) {
        float[] p = new float[3];
        p[predicted] = 0.9f;
        p[(predicted + 1) % 3] = 0.1f;
        return Mapped.builder().image(image).classification(new Classification(w, h, "m", Prediction.of(CLASSES, p)))
                .target(new ClassRef(predicted, CLASSES.get(predicted))).scan(new ScanFacts(16, 16, 16, 0, 16, false,
                        true)).fill(FillSpec.grey(0.5)).min(min).map(MapKind.PROBABILITY).label(label).build();
    }

    @Test
    void densitiesCountTheWorstPatchesOfEachGroup() throws Exception {
        Path labels = Files.writeString(tmp.resolve("labels.csv"),
                "file,class,boxes\na.png,red,0 0 16 16 red\nb.png,red,\nc.png,none,\nd.png,green,\"64,64,32,32,green\"\n");
        Atlas atlas = new Atlas(tmp.resolve("atlas.png"), Optional.of(Labels.read(labels)));
        // three 64x64 frames predicted red: worst patches at the top-left cell twice, the top-right once
        atlas.accept(frame("a.png", 64, 64, 1, new MinPatch(0.1, 0, 0, 16, 16), new Label("red", false)));
        atlas.accept(frame("b.png", 64, 64, 1, new MinPatch(0.1, 0, 0, 32, 16), new Label("red", false)));
        atlas.accept(frame("c.png", 64, 64, 1, new MinPatch(0.1, 48, 0, 16, 16), new Label("none", true)));
        // a 128x128 frame predicted green: its worst patch at 64,64 lands on the canvas's 32,32
        atlas.accept(frame("d.png", 128, 128, 2, new MinPatch(0.1, 64, 64, 32, 32), null));

        List<AtlasRenderer.Panel> panels = atlas.panels();
        assertEquals(List.of("PREDICTED GREEN", "PREDICTED RED", "MISTAKES", "LABELLED BOXES"),
                panels.stream().map(AtlasRenderer.Panel::title).toList());
        Map<String, String[]> cells = new HashMap<>();
        String[] lines = atlas.csv(panels).split("\n");
        assertEquals(Atlas.HEADER, lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String[] v = lines[i].split(",");
            cells.put(v[0] + "@" + v[1] + "," + v[2], v);
        }
        assertEquals(4 * 16, lines.length - 1, "a 64x64 canvas has 16 cells per panel");
        // predicted red: 3 frames; the top-left cell is covered by two of them, the next by one, the right by one
        assertEquals("3", cells.get("predicted red@0,0")[5]);
        assertEquals(2 / 3.0, Double.parseDouble(cells.get("predicted red@0,0")[7]), 1e-6);
        assertEquals(1 / 3.0, Double.parseDouble(cells.get("predicted red@16,0")[7]), 1e-6);
        assertEquals(1 / 3.0, Double.parseDouble(cells.get("predicted red@48,0")[6]), 1e-6, "wholly covered once");
        assertEquals(0, Double.parseDouble(cells.get("predicted red@0,16")[7]));
        // the 128-pixel frame scaled onto the 64-pixel canvas
        assertEquals(1.0, Double.parseDouble(cells.get("predicted green@32,32")[6]), 1e-6);
        assertEquals(0, Double.parseDouble(cells.get("predicted green@16,16")[7]));
        // the mistake: c.png alone; the labelled box: a.png's
        assertEquals("1", cells.get("mistakes@48,0")[5]);
        assertEquals(1.0, Double.parseDouble(cells.get("mistakes@48,0")[6]), 1e-6);
        // two boxes: a.png's, and d.png's (written x,y,w,h,class in a quoted cell) scaled onto the canvas
        assertEquals("2", cells.get("labelled boxes@0,0")[5]);
        assertEquals(0.5, Double.parseDouble(cells.get("labelled boxes@0,0")[6]), 1e-6);
        assertEquals(0.5, Double.parseDouble(cells.get("labelled boxes@32,32")[6]), 1e-6);

        // the picture: a panel per group, the covered cells bright, the rest the dark canvas
        java.awt.image.BufferedImage picture = AtlasRenderer.render(panels, 64, 64);
        assertTrue(picture.getWidth() >= 2 * 64 && picture.getHeight() >= 2 * 64);
        assertEquals(0, atlas.finish(new Problems(new java.io.PrintWriter(java.io.Writer.nullWriter()))),
                "written without a failure");
        assertTrue(dev.occlude.io.PngFiles.isMarked(tmp.resolve("atlas.png")));
        assertTrue(dev.occlude.io.OwnFiles.absentOrOwn(tmp.resolve("atlas.csv")), "the numbers are known as the tool's");
    }
}
