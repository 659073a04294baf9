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
            "write(os.path.join(out, 'resize'), torch.jit.trace(resize, torch.rand(1, 3, 64, 64)), 64)");

    @BeforeAll
    static void makeModels() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", MAKE, tmp.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "python3-torch and python3-torchvision (scripts/test installs them): " + out);
    }

    private static String[] export(String model) throws Exception {
        Process p = new ProcessBuilder(TestData.project("scripts/export-incremental").toString(),
                tmp.resolve(model).toString(), tmp.resolve(model + "-staged").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        return new String[] {String.valueOf(p.waitFor()), out};
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
        JsonObject staged = map(tmp.resolve("mobilenet-staged"), "mobilenet-inc");
        assertTrue(staged.get("incremental").getAsBoolean(), staged.toString());
    }

    @Test
    void aNetworkThatNeedsTheWholeImageFirstIsRefusedInWords() throws Exception {
        String[] resize = export("resize");
        assertEquals("1", resize[0], resize[1]);
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
        assertEquals("1", r[0], r[1]);
        assertTrue(r[1].startsWith("export-incremental: " + dir + ": unreadable.pt cannot be read by this torch ")
                && r[1].contains("OCCLUDE_PYTHON=") && !r[1].contains("Traceback") && r[1].lines().count() == 1, r[1]);
    }
}
