package dev.occlude.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

/**
 * The Spark job's option checks, without Spark or a model (the fast tier): each refusal is a
 * ParameterException naming the option, as the job prints it before a session starts.
 */
class JobOptionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--batch 0                  | --batch must be from 1 to",
        "--chunk 0                  | --chunk must be at least 1, got 0",
        "--video-range 0s           | --video-range must be more than zero",
        "--video-range soon         | --video-range:",
        "--focus-threshold 0.5      | --focus-threshold tells mistakes apart and what an atlas counts: it needs --labels FILE.csv or --atlas FILE.png",
        "--none-class other         | --none-class tells mistakes apart: it needs --labels FILE.csv",
        "--labels l.csv --focus-threshold 2 | --focus-threshold: the focus threshold is a drop of probability in (0, 1)",
        "--patch 0                  | --patch",
        "--passes 0                 | --passes must be at least 1",
        "--alpha 2                  | --alpha must be in [0, 1]",
        "--max-pixels 0             | --max-pixels must be from 1 to",
        "--to 1s --from 2s          | --to (1s) is before --from (2s)",
        "--format csv               | --format",
    })
    void aBadOptionIsRefusedByName(String args, String says) {
        String[] all = ("in --out out " + args.trim()).split(" ");
        ParameterException e = assertThrows(ParameterException.class, () -> JobOptions.parse(all));
        assertTrue(e.getMessage().contains(says.trim()), e.getMessage());
    }

    @Test
    void theOutputIsRequired() {
        ParameterException e = assertThrows(ParameterException.class, () -> JobOptions.parse("in"));
        assertTrue(e.getMessage().contains("--out"), e.getMessage());
    }

    @Test
    void theClassIsCheckedAgainstTheModelsClasses() {
        JobOptions o = JobOptions.parse("in", "--out", "out", "--class", "purple");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> o.pictureSettings(List.of("none", "red", "green")));
        assertTrue(e.getMessage().contains("purple"), e.getMessage());
        assertEquals("red", JobOptions.parse("in", "--out", "out", "--class", "1").pictureSettings(
                List.of("none", "red", "green")).targetClass().orElseThrow(), "a class by its index");
    }

    @Test
    void relativePathsAreTheSubmittersAndSchemesAreLeftAlone() {
        JobOptions o = JobOptions.parse("in", "--out", "hdfs://h/out", "--chunk", "3", "--labels", "l.csv");
        o.resolveAgainst("/home/me");
        assertEquals("/home/me/in", o.input);
        assertEquals("/home/me/l.csv", o.labels.file());
        assertEquals("hdfs://h/out", o.out);
        assertEquals(3, o.chunk);
    }

    /** The labels mixin the job shares with occlude: the model must have the class that means no object. */
    @Test
    void theNoneClassIsCheckedAgainstTheModelsClassesAsOccludeDoes() {
        List<String> classes = List.of("none", "red", "green");
        assertTrue(JobOptions.parse("in", "--out", "out", "--labels", "l.csv").labels.noneClassProblem(classes).isEmpty());
        assertEquals("--none-class zz is not a class of the model (none, red, green)", JobOptions.parse("in", "--out",
                "out", "--labels", "l.csv", "--none-class", "zz").labels.noneClassProblem(classes).orElseThrow());
        assertEquals("the model has no class 'none' to mean no object: name its class with --none-class NAME (red, green)",
                JobOptions.parse("in", "--out", "out", "--labels", "l.csv").labels.noneClassProblem(List.of("red", "green"))
                        .orElseThrow());
        assertTrue(JobOptions.parse("in", "--out", "out").labels.noneClassProblem(List.of("red")).isEmpty(),
                "without labels nothing is asked of the classes");
    }
}
