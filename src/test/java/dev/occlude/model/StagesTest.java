package dev.occlude.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occlude.model.incremental.Stages;
import dev.occlude.model.incremental.Window;
import dev.occlude.model.score.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stages.json as a graph: the graph format, and the chain format of earlier exports read as the graph it is. */
class StagesTest {
    @TempDir
    Path dir;

    private Stages read(String json) throws Exception {
        Files.writeString(dir.resolve(Stages.FILE), json);
        return Stages.read(dir);
    }

    @Test
    void aChainFileIsAGraphWhoseStagesEachReadTheOneBefore() throws Exception {
        Stages s = read("{\"format\": \"occlude-stages/1\", \"head\": \"head\", \"stages\": ["
                + "{\"method\": \"stage_0\", \"kernel\": [7, 7], \"stride\": [2, 2], \"padding\": [0, 0]},"
                + "{\"method\": \"stage_1\", \"kernel\": [3, 3], \"stride\": [2, 2], \"padding\": [0, 0], "
                + "\"ceilMode\": true, \"padValue\": \"-inf\"}]}");
        assertEquals(2, s.stages().size());
        assertEquals(List.of(new Stages.Input(0, new Window(7, 7, 2, 2, 0, 0, false, 0f))), s.stages().get(0).inputs());
        assertEquals(List.of(new Stages.Input(1, new Window(3, 3, 2, 2, 0, 0, true, Float.NEGATIVE_INFINITY))),
                s.stages().get(1).inputs());
        assertEquals(new Stages.Head("head", List.of(2), "", -1), s.head());
    }

    @Test
    void aGraphStageReadsSeveralEarlierMapsEachThroughItsWindow() throws Exception {
        Stages s = read("{\"format\": \"occlude-stages/2\", \"head\": {\"method\": \"head\", \"inputs\": [2, 1], "
                + "\"from\": \"a global average pooling\", \"macs\": 1536}, \"stages\": ["
                + "{\"method\": \"stage_0\", \"inputs\": [{\"map\": 0, \"kernel\": [3, 3], \"stride\": [2, 2], "
                + "\"padding\": [1, 1]}], \"macsPerPosition\": 432},"
                + "{\"method\": \"stage_1\", \"inputs\": [{\"map\": 1, \"kernel\": [3, 3], \"stride\": [1, 1], "
                + "\"padding\": [1, 1]}, {\"map\": 0, \"kernel\": [1, 1], \"stride\": [2, 2], \"padding\": [0, 0]}]}]}");
        assertEquals(2, s.stages().get(1).inputs().size());
        assertEquals(new Stages.Input(0, new Window(1, 1, 2, 2, 0, 0, false, 0f)), s.stages().get(1).inputs().get(1));
        assertEquals(432, s.stages().get(0).macsPerPosition());
        assertEquals(0, s.stages().get(1).macsPerPosition(), "not declared");
        assertEquals(new Stages.Head("head", List.of(2, 1), "a global average pooling", 1536), s.head());
        assertEquals(2, s.alignment(), "map 2 is read through stride 2, then stride 1; map 0's shortcut strides 2");
    }

    @Test
    void theAlignmentIsTheProductOfTheStridesToTheDeepestMap() throws Exception {
        Stages s = read("{\"format\": \"occlude-stages/1\", \"head\": \"head\", \"stages\": ["
                + "{\"method\": \"s0\", \"kernel\": [7, 7], \"stride\": [2, 2], \"padding\": [3, 3]},"
                + "{\"method\": \"s1\", \"kernel\": [3, 3], \"stride\": [1, 1], \"padding\": [1, 1]},"
                + "{\"method\": \"s2\", \"kernel\": [3, 3], \"stride\": [2, 2], \"padding\": [0, 0]}]}");
        assertEquals(4, s.alignment());
    }

    @Test
    void aStageThatReadsAMapNotYetComputedIsRefusedInWords() {
        ModelException e = assertThrows(ModelException.class, () -> read("{\"format\": \"occlude-stages/2\", "
                + "\"head\": {\"method\": \"head\", \"inputs\": [1]}, \"stages\": [{\"method\": \"stage_0\", "
                + "\"inputs\": [{\"map\": 1, \"kernel\": [1, 1], \"stride\": [1, 1], \"padding\": [0, 0]}]}]}"));
        assertTrue(e.getMessage().endsWith("stages.json: stage 0: reads map 1, which is not computed before it"),
                e.getMessage());
        e = assertThrows(ModelException.class, () -> read("{\"format\": \"occlude-stages/2\", "
                + "\"head\": {\"method\": \"head\", \"inputs\": [3]}, \"stages\": [{\"method\": \"stage_0\", "
                + "\"inputs\": [{\"map\": 0, \"kernel\": [1, 1], \"stride\": [1, 1], \"padding\": [0, 0]}]}]}"));
        assertTrue(e.getMessage().endsWith("head: reads map 3, which no stage computes"), e.getMessage());
    }
}
