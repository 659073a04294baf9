package dev.occlude.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.CliRun;
import dev.occlude.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line's option parsing and its refusals, without a model (the fast tier): each bad option or
 * combination is exit 2 with one line naming it, nothing on stdout, and no output folder made. The refusals
 * come before a model is loaded; the model folder given is only read for its class names.
 */
class OptionRefusalsTest {
    @TempDir
    Path tmp;

    /** Runs {@code occlude IMAGE --out OUT ARGS...} on the synthetic model's folder and expects a usage refusal. */
    private void refused(String args, String says) throws Exception {
        Path out = tmp.resolve("out");
        String[] extra = args.isBlank() ? new String[0]
                : args.replace("LABELS", TestData.generatedSample("labels.csv").toString()).split(" ");
        String[] all = new String[extra.length + 5];
        all[0] = TestData.generatedSample("red-day.jpg").toString();
        all[1] = "--model";
        all[2] = TestData.syntheticModel().toString();
        all[3] = "--out";
        all[4] = out.toString();
        System.arraycopy(extra, 0, all, 5, extra.length);
        CliRun run = CliRun.of(all);
        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals("", run.stdout(), "nothing on stdout");
        assertTrue(run.stderrLines().get(0).contains(says), "'" + says + "' in " + run.stderr());
        assertTrue(run.stderrLines().stream().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")),
                run.stderr());
        assertFalse(Files.exists(out), "a refused run makes no output folder");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--patch 0                      | --patch",
        "--patch 100001                 | --patch and --stride must be at most",
        "--combine                      | --combine needs several patch sizes",
        "--passes 0                     | --passes must be at least 1",
        "--stop-below 2                 | --stop-below must be in [0, 1]",
        "--class top:0                  | --class top:K takes K from 1 up",
        "--blur-sigma 3                 | --blur-sigma sets the blur fill's sigma: it needs --fill blur",
        "--fill nonsense                | --fill",
        "--alpha 1.5                    | --alpha must be in [0, 1]",
        "--max-pixels 0                 | --max-pixels must be from 1 to",
        "--batch 0                      | --batch must be at least 1",
        "--workers 0                    | --workers must be at least 1",
        "--copy                         | --copy copies the overlays into the report's folder: it needs --report DIR",
        "--only-mistakes                | --only-mistakes needs --labels FILE.csv",
        "--focus-threshold 0.5          | --focus-threshold tells mistakes apart and what an atlas counts: it needs --labels FILE.csv or --atlas FILE.png",
        "--none-class other             | --none-class tells mistakes apart: it needs --labels FILE.csv",
        "--class true                   | --class true maps each image's true class: it needs --labels FILE.csv",
        "--class purple                 | purple",
        "--region 0,0,0,5               | --region takes X,Y,W,H with W and H at least 1",
        "--region 0,0,5,5 --refine      | --region, --regions and --refine go one at a time",
        "--region 0,0,5,5 --regions r.csv | --region=X,Y,W,H, --regions=FILE.csv are mutually exclusive (specify only one)",
        "--labels LABELS --focus-threshold 2 | --focus-threshold: the focus threshold is a drop of probability in (0, 1), got 2.0",
        "--labels LABELS --none-class zz | --none-class zz is not a class of the model (none, red, green)",
        "--to 1s --from 2s              | --to (1s) is before --from (2s)",
        "--every soon                   | --every:",
        "--video-fps 0                  | --video-fps must be more than 0 and at most 240",
        "--no-such-option               | --no-such-option",
    })
    void aBadOptionIsOneLineAndExitTwo(String args, String says) throws Exception {
        refused(args.trim(), says.trim());
    }

    /** occlude compare shares the labels and regions mixins: the same refusals, in the same words. */
    @ParameterizedTest(name = "compare {0}")
    @CsvSource(delimiter = '|', value = {
        "--focus-threshold 0.5          | --focus-threshold tells mistakes apart: it needs --labels FILE.csv",
        "--none-class other             | --none-class tells mistakes apart: it needs --labels FILE.csv",
        "--class true                   | --class true maps each image's true class: it needs --labels FILE.csv",
        "--fail-on broke                | --fail-on broke tells right from wrong: it needs --labels FILE.csv",
        "--region 0,0,5,5 --regions r.csv | --region=X,Y,W,H, --regions=FILE.csv are mutually exclusive (specify only one)",
        "--region 0,0,0,5               | --region takes X,Y,W,H with W and H at least 1",
        "--summary s.csv                | --summary (a summary is a plain run's (each side's lines hold its columns)): not an option of occlude compare",
        "--refine --only-mistakes --labels l.csv | --only-mistakes (both models map every frame, so that each can be compared); --refine (both models must see the same variants, and refinement picks its own): not options of occlude compare",
    })
    void compareRefusesAsOccludeDoes(String args, String says) throws Exception {
        String model = TestData.syntheticModel().toString();
        Path out = tmp.resolve("out");
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("compare",
                TestData.generatedSample("red-day.jpg").toString(), "--model", model, "--model", model, "--out",
                out.toString()));
        all.addAll(java.util.List.of(args.trim().split(" ")));
        CliRun run = CliRun.of(all.toArray(String[]::new));
        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals(1, run.stderrLines().size(), run.stderr());
        assertTrue(run.stderr().contains(says.trim()), "'" + says.trim() + "' in " + run.stderr());
        assertFalse(Files.exists(out), "a refused run makes no output folder");
    }

    @Test
    void stdinIsReadOnce() throws Exception {
        CliRun run = CliRun.of("-", "-", "--model", TestData.syntheticModel().toString(), "--out",
                tmp.resolve("out").toString());
        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertTrue(run.stderr().contains("stdin (-) can be read only once"), run.stderr());
    }

    @Test
    void noInputAndASubcommandTypo() {
        CliRun none = CliRun.of("--out", tmp.resolve("out").toString());
        assertEquals(ExitCodes.USAGE, none.exit(), none.toString());
        assertTrue(none.stderr().contains("no INPUT given"), none.stderr());
        CliRun typo = CliRun.of("modles");
        assertEquals(ExitCodes.USAGE, typo.exit(), typo.toString());
        assertTrue(typo.stderr().contains("did you mean models?"), typo.stderr());
    }

    @Test
    void aMissingModelIsNamed() {
        CliRun run = CliRun.of(TestData.generatedSample("red-day.jpg").toString(), "--model",
                tmp.resolve("no-such-model").toString(), "--out", tmp.resolve("out").toString());
        assertEquals(ExitCodes.USAGE, run.exit(), run.toString());
        assertEquals(1, run.stderrLines().size(), run.stderr());
        assertTrue(run.stderr().contains("no-such-model"), run.stderr());
    }

    @Test
    void serveRefusesBadFoldersPortsAndUploadsBeforeStarting() {
        String model = TestData.syntheticModel().toString();
        CliRun folder = CliRun.of("serve", tmp.resolve("nowhere").toString(), "--model", model);
        assertEquals(ExitCodes.USAGE, folder.exit(), folder.toString());
        assertTrue(folder.stderr().contains("nowhere: not a folder"), folder.stderr());
        CliRun port = CliRun.of("serve", tmp.toString(), "--model", model, "--port", "70000");
        assertEquals(ExitCodes.USAGE, port.exit(), port.toString());
        assertTrue(port.stderr().contains("--port must be 0 to 65535"), port.stderr());
        CliRun upload = CliRun.of("serve", tmp.toString(), "--model", model, "--max-upload", "0");
        assertEquals(ExitCodes.USAGE, upload.exit(), upload.toString());
        assertTrue(upload.stderr().contains("--max-upload must be at least 1 byte"), upload.stderr());
        CliRun three = CliRun.of("serve", tmp.toString(), "--model", model, "--model", model, "--model", model);
        assertEquals(ExitCodes.USAGE, three.exit(), three.toString());
        assertTrue(three.stderr().contains("--model is given at most twice"), three.stderr());
    }
}
