package dev.occlude.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.ImageMaps;
import dev.occlude.occlusion.MapKind;
import dev.occlude.occlusion.MapPlanner;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanSettings;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** README's "As a library" example, compiled and run here; the README block must equal the code below. */
@Tag("model")
class ReadmeExampleTest {
    @Test
    void theExampleRuns() throws Exception {
        Analysis a;
        ImageMaps maps;
        // README:begin
        ModelDirectory dir = ModelDirectory.open(Path.of("models/nexar-squeezenet"));
        BufferedImage image = new ImageLoader().load(Path.of("samples/nexar/night-red.png"));
        try (Classifier classifier = Classifier.load(dir);
             Occluder occluder = new Occluder(classifier, ScanSettings.exact(4))) {
            // one map: the predicted class at patch 64, stride 16 (source pixels)
            a = occluder.analyse(image, new PatchSize(64, 16));
            float[] map = a.map();            // [height * width], NaN where no patch covered a pixel
            Rectangle worst = a.minPatch();   // a.scan() keeps every class's probability per variant
            // every map an image can get: sizes and their mean, each class, repeated passes, worst variant
            AnalysisPlan plan = new AnalysisPlan(List.of(new PatchSize(64, 32), new PatchSize(32, 32)), true, true, 2,
                    0.5, true, MapKind.DROP);
            maps = new MapPlanner(occluder, plan).run(image);
        }
        // README:end
        assertEquals("red", a.targetName());
        assertEquals(455 * 256, a.map().length);
        assertEquals(2, maps.sizes().size());
        assertEquals(3, maps.classes().size());
        assertTrue(maps.combined().isPresent() && maps.worst().isPresent());
    }

    @Test
    void readmeShowsThisCode() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## As a library");
        int start = readme.indexOf("```java", section) + "```java".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        String source = Files.readString(Path.of("src/test/java/dev/occlude/docs/ReadmeExampleTest.java"));
        String code = source.substring(source.indexOf("// README:begin") + "// README:begin".length(),
                source.indexOf("        // README:end"));
        // the test assigns a and maps, declared above, so it can check them afterwards
        code = code.replace("a = occluder", "Analysis a = occluder").replace("maps = new", "ImageMaps maps = new");
        assertEquals(normalise(block), normalise(code), "README's example and this test differ");
    }

    private static String normalise(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce("", (x, y) -> x + y + "\n");
    }
}
