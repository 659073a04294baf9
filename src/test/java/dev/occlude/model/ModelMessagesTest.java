package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistakes a user's own network meets first (#42, item 4), each one line with what to do,
 * through the real command: a 32x32 network given frames at their own size, a folder whose .pt
 * has another name, a misspelt --model name, and several typos in serving.properties at once.
 */
@Tag("model")
class ModelMessagesTest {
    @TempDir
    Path tmp;

    /** The 1-channel 32x32 test network in a folder named {@code dir}, its .pt as {@code file}, with these properties. */
    private Path greyCnn(String dir, String file, String properties) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(dir));
        Path src = OwnModelTest.testModel("grey-cnn");
        Files.copy(src.resolve("grey-cnn.pt"), d.resolve(file));
        Files.copy(src.resolve("synset.txt"), d.resolve("synset.txt"));
        Files.writeString(d.resolve("serving.properties"), "engine=PyTorch\nflag=GRAYSCALE\nsynsetFileName=synset.txt\n"
                + properties);
        return d;
    }

    private CliRun occlude(Path model) {
        return CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model", model.toString(), "-q", "--out",
                tmp.resolve("out").toString());
    }

    /** A network that takes 32x32 only (its Linear after a flatten), probed on a frame at its own size. */
    @Test
    void aFixedSizeNetworkGivenFramesAtTheirOwnSizeIsToldToResize() {
        String line = EngineMessages.probe(new RuntimeException("The following operation failed in the TorchScript "
                + "interpreter.\nRuntimeError: mat1 and mat2 shapes cannot be multiplied (1x3640 and 160x10)"), 3, 256,
                455, false);
        assertEquals("the network fails on a 455x256 frame taken at its own size (serving.properties resizes nothing, "
                + "so every image goes in as it is): mat1 and mat2 shapes cannot be multiplied (1x3640 and 160x10); a "
                + "network trained on one size needs it in serving.properties, e.g. width=32, height=32 and "
                + "resize=true", line);
        String resized = EngineMessages.probe(new RuntimeException("RuntimeError: mat1 and mat2 shapes cannot be "
                + "multiplied (1x90 and 160x10)"), 3, 24, 24, true);
        assertTrue(resized.startsWith("the network fails on a 3x24x24 input, the size serving.properties gives")
                && resized.endsWith("; set width and height to the size the network was trained on"), resized);
    }

    @Test
    void aMissingNetworkFileNamesTheOnesThereAndTheKey() throws Exception {
        Path model = greyCnn("mynet", "ten10.pt", "width=32\nheight=32\nresize=true\n");
        CliRun run = occlude(model);
        assertEquals(2, run.exit(), run.toString());
        assertEquals(List.of("occlude: model " + model + ": no mynet.pt (the TorchScript file) in the directory; it holds "
                + "ten10.pt: set option.modelName=ten10 in serving.properties (the file's name without .pt)"),
                run.stderrLines());
    }

    @Test
    void aMisspeltModelNameGetsTheNearestName() {
        CliRun run = CliRun.of("x.jpg", "--model", "synthetic-trafic-lights", "-q", "--out", tmp.toString());
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.stderr().contains("; did you mean synthetic-traffic-lights? (occlude models lists them)"),
                run.stderr());
    }

    @Test
    void everyTypoInServingPropertiesIsNamedInOneRun() throws Exception {
        Path model = greyCnn("typos", "typos.pt", "widht=32\nheigth=32\nresize=true\nrange=0,2\n");
        CliRun run = occlude(model);
        assertEquals(2, run.exit(), run.toString());
        assertEquals(List.of("occlude: model " + model + ": serving.properties: unknown keys heigth (did you mean "
                + "height?), widht (did you mean width?); range=0,2 is not supported (DJL knows 0,1 and -1,1)"),
                run.stderrLines());
    }
}
