package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.CliRun;
import dev.occlude.TestData;
import dev.occlude.io.Npy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/export-incremental on the models people bring, made here with Debian's torch 1.13: a
 * traced and a scripted nn.Sequential are staged (and map as the unstaged network does); a ResNet
 * and a MobileNet are refused in words that say why; the tool says why a model runs full passes.
 */
@Tag("python")
@Tag("model")
class ExporterTest {
    @TempDir
    static Path tmp;

    private static final String MAKE = String.join("\n",
            "import os, sys, torch, torchvision",
            "from torch import nn",
            "def write(d, t, w):",
            "    os.makedirs(d)",
            "    name = os.path.basename(d)",
            "    t.save(os.path.join(d, name + '.pt'))",
            "    open(os.path.join(d, 'synset.txt'), 'w').write('none\\nred\\ngreen\\n')",
            "    open(os.path.join(d, 'serving.properties'), 'w').write('engine=PyTorch\\noption.modelName=%s\\n'",
            "        'width=%d\\nheight=%d\\nresize=true\\nsynsetFileName=synset.txt\\n' % (name, w, w))",
            "torch.manual_seed(1)",
            "chain = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding=1), nn.BatchNorm2d(8), nn.ReLU(),",
            "    nn.MaxPool2d(2), nn.Conv2d(8, 8, 3, padding=1), nn.LeakyReLU(),",
            "    nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True), nn.AdaptiveAvgPool2d(1), nn.Flatten(),",
            "    nn.Linear(8, 3), nn.Softmax(dim=1)).eval()",
            "out = sys.argv[1]",
            "write(os.path.join(out, 'traced'), torch.jit.trace(chain, torch.rand(1, 3, 64, 64)), 64)",
            "write(os.path.join(out, 'scripted'), torch.jit.script(chain), 64)",
            "write(os.path.join(out, 'resnet'), torch.jit.script(torchvision.models.resnet18(num_classes=3).eval()), 224)",
            "write(os.path.join(out, 'mobilenet'),",
            "    torch.jit.script(torchvision.models.mobilenet_v3_small(num_classes=3).eval()), 224)",
            "resize = nn.Sequential(nn.Upsample(size=(32, 32), mode='bilinear'), nn.Conv2d(3, 4, 3), nn.ReLU(),",
            "    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 3)).eval()",
            "write(os.path.join(out, 'resize'), torch.jit.trace(resize, torch.rand(1, 3, 64, 64)), 64)",
            "class Fft(nn.Module):",
            "    def forward(self, x):",
            "        return torch.fft.fft2(x).abs().mean(dim=(2, 3))",
            "write(os.path.join(out, 'fft'), torch.jit.trace(Fft(), torch.rand(1, 3, 16, 16)), 16)");

    @BeforeAll
    static void makeModels() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", MAKE, tmp.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "python3-torch and python3-torchvision (scripts/test installs them): " + out);
    }

    private static String[] export(String model) throws Exception {
        return script("export-incremental", tmp.resolve(model), tmp.resolve(model + "-staged"));
    }

    /** Runs scripts/NAME IN OUT as a child process: its exit code, and stdout and stderr together. */
    static String[] script(String name, Path in, Path out) throws Exception {
        Process p = new ProcessBuilder(TestData.project("scripts/" + name).toString(), in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return new String[] {String.valueOf(p.waitFor()), said};
    }

    @Test
    void tracedAndScriptedChainsAreStagedAndMapAlike() throws Exception {
        for (String model : List.of("traced", "scripted")) {
            String[] r = export(model);
            assertEquals("0", r[0], r[1]);
            assertTrue(r[1].contains("staged fully") && r[1].contains("they equal the original within"), r[1]);
            JsonObject staged = map(tmp.resolve(model + "-staged"), model + "-inc");
            JsonObject full = map(tmp.resolve(model), model + "-full");
            assertTrue(staged.get("incremental").getAsBoolean(), staged.toString());
            assertEquals("the model directory declares no stages (scripts/export-incremental writes them)",
                    full.get("full_passes").getAsString());
            assertEquals(full.getAsJsonObject("min").get("probability").getAsDouble(),
                    staged.getAsJsonObject("min").get("probability").getAsDouble(), 1e-5, model);
            float[] a = Npy.read(Path.of(staged.getAsJsonObject("outputs").get("map").getAsString())).data();
            float[] b = Npy.read(Path.of(full.getAsJsonObject("outputs").get("map").getAsString())).data();
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-5, model + " map value " + i);
            }
        }
    }

    private static JsonObject map(Path model, String out) throws Exception {
        CliRun run = CliRun.of(TestData.nexarFrame("night-red.png").toString(), "--model", model.toString(), "--patch",
                "64", "--stride", "32", "-q", "--out", tmp.resolve(out).toString());
        assertEquals(0, run.exit(), run.toString());
        return JsonParser.parseString(run.stdoutLines().get(0)).getAsJsonObject();
    }

    @Test
    void residualAndSqueezeExcitationNetworksAreStagedAsFarAsTheyCanBe() throws Exception {
        String[] resnet = export("resnet");
        assertEquals("0", resnet[0], resnet[1]);
        assertTrue(resnet[1].contains("staged fully, 18 stages holding 21 of the network's 21 convolutions and poolings; "
                + "the head starts at a global average pooling (after layer4.1.conv2)"), resnet[1]);
        String[] mobile = export("mobilenet");
        assertEquals("0", mobile[0], mobile[1]);
        assertTrue(mobile[1].contains("staged partly") && mobile[1].contains("the head starts at a "
                + "squeeze-and-excitation block (after features.1.block.0.0)"), mobile[1]);
        // never slower: staged up to its first block, its bound is near 1, so it runs full passes and says why
        JsonObject staged = map(tmp.resolve("mobilenet-staged"), "mobilenet-inc");
        assertTrue(!staged.get("incremental").getAsBoolean() && staged.get("full_passes").getAsString()
                .startsWith("partly staged, ") && staged.get("staged").getAsString().equals("partly")
                && staged.get("incremental_bound").getAsDouble() < 1.5, staged.toString());
    }

    @Test
    void aNetworkThatNeedsTheWholeImageFirstIsRefusedInWords() throws Exception {
        String[] resize = export("resize");
        assertEquals("2", resize[0], resize[1]);
        assertTrue(resize[1].contains("cannot be staged: its first operation on the image is a resize, which needs "
                + "the whole image; it runs with full forward passes"), resize[1]);
        assertTrue(!Files.exists(tmp.resolve("resize-staged/stages.json")), "nothing staged is left");
    }

    @Test
    void aFileThisTorchCannotReadIsNamedInOneLine() throws Exception {
        Path dir = tmp.resolve("unreadable");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("serving.properties"), "engine=PyTorch\noption.modelName=unreadable\n");
        Files.writeString(dir.resolve("unreadable.pt"), "not a TorchScript archive");
        String[] r = export("unreadable");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].startsWith("export-incremental: " + dir + ": unreadable.pt cannot be read by this torch ")
                && r[1].contains("OCCLUDE_PYTHON=") && !r[1].contains("Traceback") && r[1].lines().count() == 1, r[1]);
    }

    /** One line naming the directory, exit 2, no Python traceback. */
    private static void refused(String[] r, String expected) {
        assertEquals("2", r[0], r[1]);
        assertEquals(List.of(expected), r[1].lines().toList());
    }

    @Test
    void oneChannelNetworksExportAndStageBothWays() throws Exception {
        Path grey = OwnModelTest.testModel("grey-cnn").toAbsolutePath();
        String[] staged = script("export-incremental", grey, tmp.resolve("grey-staged"));
        assertEquals("0", staged[0], staged[1]);
        assertTrue(staged[1].contains("staged fully"), staged[1]);
        assertTrue(Files.readString(tmp.resolve("grey-staged/stages.json")).contains("\"input\": [\n  1,\n  32,\n  32"),
                "declared with one channel");
        String[] onnx = script("export-onnx", grey, tmp.resolve("grey-onnx"));
        assertEquals("0", onnx[0], onnx[1]);
        assertTrue(onnx[1].startsWith("export-onnx: wrote " + tmp.resolve("grey-onnx") + ": grey-onnx.onnx (")
                && onnx[1].contains("input 1x32x32"), onnx[1]);
        JsonObject inc = map(tmp.resolve("grey-staged"), "grey-inc");
        JsonObject ort = map(tmp.resolve("grey-onnx"), "grey-ort");
        JsonObject full = map(grey, "grey-full");
        assertTrue(inc.get("incremental").getAsBoolean(), inc.toString());
        for (JsonObject other : List.of(inc, ort)) {
            assertEquals(full.getAsJsonObject("min").get("probability").getAsDouble(),
                    other.getAsJsonObject("min").get("probability").getAsDouble(), 1e-5, other.toString());
        }
    }

    @Test
    void exportOnnxKeepsTheNetworksSizeOrRefusesWithoutOne() throws Exception {
        String[] kept = script("export-onnx", tmp.resolve("traced"), tmp.resolve("traced-onnx"));
        assertEquals("0", kept[0], kept[1]);
        assertTrue(kept[1].contains("input 3x64x64"), kept[1]);
        assertTrue(Files.readString(tmp.resolve("traced-onnx/serving.properties")).contains("width=64\nheight=64\n"));
        // a 64x64 network with its size: occlude maps through ONNX as through TorchScript
        assertEquals(map(tmp.resolve("traced"), "traced-pt").getAsJsonObject("min").get("probability").getAsDouble(),
                map(tmp.resolve("traced-onnx"), "traced-ort").getAsJsonObject("min").get("probability").getAsDouble(),
                1e-5);
        Path unsized = Files.createDirectories(tmp.resolve("unsized"));
        Files.copy(tmp.resolve("traced/traced.pt"), unsized.resolve("traced.pt"));
        Files.writeString(unsized.resolve("serving.properties"), "engine=PyTorch\noption.modelName=traced\n");
        refused(script("export-onnx", unsized, tmp.resolve("unsized-onnx")), "export-onnx: " + unsized + ": "
                + "serving.properties gives no width and height, and an ONNX network has one input size: add the size "
                + "the network was trained on (width=W, height=H, resize=true) and export again");
        assertTrue(!Files.exists(tmp.resolve("unsized-onnx")), "nothing written");
    }

    @Test
    void exportOnnxRefusesAFullFolderAndLeavesNothingWhenItFails() throws Exception {
        Path full = Files.createDirectories(tmp.resolve("full-folder"));
        Files.writeString(full.resolve("mine.txt"), "the user's");
        refused(script("export-onnx", tmp.resolve("traced"), full), "export-onnx: " + full
                + ": exists and is not empty; name a new folder or empty this one");
        assertEquals(List.of(full.resolve("mine.txt")), Files.list(full).toList());
        assertEquals("the user's", Files.readString(full.resolve("mine.txt")));
        Path out = tmp.resolve("new-parent/fft-onnx");
        refused(script("export-onnx", tmp.resolve("fft"), out), "export-onnx: " + tmp.resolve("fft") + ": ONNX opset "
                + "13 cannot express this network (Exporting the operator 'aten::fft_fft2' to ONNX opset version 13 is "
                + "not supported); nothing written; occlude runs the TorchScript directory as it is (engine=PyTorch)");
        assertTrue(!Files.exists(tmp.resolve("new-parent")), "the folder it made for the output is gone too");
        try (var left = Files.list(tmp)) {
            assertTrue(left.noneMatch(f -> f.getFileName().toString().startsWith(".export-")), "no work folder left");
        }
    }

    @Test
    void aFolderThatIsNotThereIsNamedAsSuchByBothExporters() throws Exception {
        Path missing = tmp.resolve("mymodels/nonexist");
        for (String name : List.of("export-incremental", "export-onnx")) {
            refused(script(name, missing, tmp.resolve("x-" + name)), name + ": " + missing + ": no such directory");
        }
        Path grey = OwnModelTest.testModel("grey-cnn").toAbsolutePath();
        Path colour = Files.createDirectories(tmp.resolve("grey-as-colour"));
        Files.copy(grey.resolve("grey-cnn.pt"), colour.resolve("grey-cnn.pt"));
        Files.writeString(colour.resolve("serving.properties"), "engine=PyTorch\noption.modelName=grey-cnn\nwidth=32\n"
                + "height=32\nresize=true\n");
        for (String name : List.of("export-incremental", "export-onnx")) {
            refused(script(name, colour, tmp.resolve("c-" + name)), name + ": " + colour + ": the network takes "
                    + "1-channel images but serving.properties gives 3: set flag=GRAYSCALE");
        }
    }
}
