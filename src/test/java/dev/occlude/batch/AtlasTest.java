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
        Atlas atlas = new Atlas(tmp.resolve("atlas.png"), Optional.of(Labels.read(labels)),
                dev.occlude.eval.MistakeTriage.Rules.DEFAULT);
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
        java.awt.image.BufferedImage picture = AtlasRenderer.render(panels, 64, 64,
                new AtlasRenderer.Sketch(null, 0, 4), 0.05);
        assertTrue(picture.getWidth() >= 2 * 64 && picture.getHeight() >= 2 * 64);
        assertEquals(0, atlas.finish(new Problems(new java.io.PrintWriter(java.io.Writer.nullWriter()))),
                "written without a failure");
        assertTrue(dev.occlude.io.PngFiles.isMarked(tmp.resolve("atlas.png")));
        assertTrue(dev.occlude.io.OwnFiles.absentOrOwn(tmp.resolve("atlas.csv")), "the numbers are known as the tool's");
    }

    /** The picture's pixel at (x, y) of panel {@code k}'s canvas. */
    private static int pixel(java.awt.image.BufferedImage atlas, AtlasRenderer.Layout layout, int k, int x, int y) {
        java.awt.Rectangle c = layout.canvas(k);
        return atlas.getRGB(c.x + x, c.y + y) & 0xffffff;
    }

    private static boolean grey(int rgb) {
        return (rgb >> 16 & 0xff) == (rgb >> 8 & 0xff) && (rgb >> 8 & 0xff) == (rgb & 0xff);
    }

    @Test
    void onlyWorstPatchesThatMoveTheirClassCountOnOneScaleOverTheMeanImage() throws Exception {
        Atlas atlas = new Atlas(tmp.resolve("atlas.png"), Optional.empty(), dev.occlude.eval.MistakeTriage.Rules.DEFAULT);
        // the still images under the densities: white frames on disk
        java.awt.image.BufferedImage white = new java.awt.image.BufferedImage(160, 96,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = white.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 160, 96);
        g.dispose();
        // predicted green, p 0.9, worst patches lowering it by 0.5: two over 32x32, two over 16x16 at the corner
        for (int i = 0; i < 4; i++) {
            Path f = tmp.resolve("g" + i + ".png");
            javax.imageio.ImageIO.write(white, "png", f.toFile());
            int side = i < 2 ? 32 : 16;
            atlas.accept(frame(f.toString(), 160, 96, 2, new MinPatch(0.4, 0, 0, side, side), new Label("green", false)));
        }
        // predicted red: two at the corner, two far off; the largest share is 0.5 here, 1.0 in green's
        atlas.accept(frame("r0.png", 160, 96, 1, new MinPatch(0.4, 0, 0, 32, 32), new Label("red", false)));
        atlas.accept(frame("r2.png", 160, 96, 1, new MinPatch(0.4, 0, 0, 32, 32), new Label("red", false)));
        atlas.accept(frame("r1.png", 160, 96, 1, new MinPatch(0.4, 96, 0, 32, 32), new Label("red", false)));
        // 50 mistakes predicted none whose worst patch lowers p(none) by 0.009: the triage's no-focus
        for (int i = 0; i < 50; i++) {
            atlas.accept(frame("n" + i + ".png", 160, 96, 0, new MinPatch(0.891, 64, 32, 32, 32), new Label("red", true)));
        }
        // one at exactly the threshold (0.05) counts, as the triage's focus does
        atlas.accept(frame("edge.png", 160, 96, 1, new MinPatch(0.85, 128, 64, 32, 32), new Label("red", false)));

        List<AtlasRenderer.Panel> panels = atlas.panels();
        assertEquals(List.of("PREDICTED GREEN", "PREDICTED NONE", "PREDICTED RED", "MISTAKES"),
                panels.stream().map(AtlasRenderer.Panel::title).toList());
        assertEquals(List.of(4, 0, 4, 0), panels.stream().map(AtlasRenderer.Panel::frames).toList(), "counted");
        assertEquals(List.of(0, 50, 0, 50), panels.stream().map(AtlasRenderer.Panel::leftOut).toList(), "left out");
        assertTrue(atlas.write());

        // the numbers agree: the mistakes count none and leave 50 out; nothing covered
        for (String line : Files.readAllLines(tmp.resolve("atlas.csv")).subList(1, 1 + 4 * 60)) {
            String[] v = line.split(",");
            if (v[0].equals("mistakes") || v[0].equals("predicted none")) {
                assertEquals("0", v[5], line);
                assertEquals("50", v[8], line);
                assertEquals(0, Double.parseDouble(v[7]), line);
            }
        }

        java.awt.image.BufferedImage picture = javax.imageio.ImageIO.read(tmp.resolve("atlas.png").toFile());
        AtlasRenderer.Layout layout = AtlasRenderer.Layout.of(panels, 160, 96);
        // one scale: a share of 0.5 is one colour in green's panel (largest 1.0) and red's (largest 0.5)
        int greenHalf = pixel(picture, layout, 0, 20, 20);
        int redHalf = pixel(picture, layout, 2, 20, 20);
        int greenAll = pixel(picture, layout, 0, 5, 5);
        assertEquals(greenHalf, redHalf, "the same share, the same colour");
        assertTrue(!grey(greenAll) && greenAll != redHalf, "a share of 1.0 is another colour than red's largest 0.5");
        // under the colour, the mean of the four white frames in grey (not the dark canvas)
        int ground = pixel(picture, layout, 0, 150, 90);
        assertTrue(grey(ground) && (ground & 0xff) > 100, "the mean image lies under: " + Integer.toHexString(ground));
        // the empty panels: no colour at all, and a dark band with text saying why
        for (int k : new int[] {1, 3}) {
            int black = 0;
            int text = 0;
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 160; x++) {
                    int rgb = pixel(picture, layout, k, x, y);
                    assertTrue(grey(rgb), "panel " + k + " at " + x + "," + y + " is coloured");
                    black += rgb == 0 ? 1 : 0;
                    text += rgb == 0xf0f0f0 ? 1 : 0;
                }
            }
            assertTrue(black > 500 && text > 100, "panel " + k + " says why it is empty");
        }
    }
}
