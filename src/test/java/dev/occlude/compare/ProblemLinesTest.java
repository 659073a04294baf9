package dev.occlude.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two sides' problem lines: each named by the model that met it, one both met said once without a name. */
class ProblemLinesTest {
    private final StringWriter said = new StringWriter();
    private final ProblemLines lines = new ProblemLines(new PrintWriter(said, true), "nexar", "synthetic");

    private List<String> said() {
        return said.toString().lines().toList();
    }

    @Test
    void aProblemBothModelsMeetIsTheInputsAndSaidOnce() {
        PrintWriter a = lines.a();
        PrintWriter b = lines.b();
        a.println("occlude: bad.png: cannot decode");
        int number = lines.lineOfA();
        assertEquals(List.of(), said(), "A's line waits for B's");
        b.println("occlude: bad.png: cannot decode");
        lines.passed(number);
        assertEquals(List.of("occlude: bad.png: cannot decode"), said());
    }

    @Test
    void aProblemOfOneModelIsNamedAfterIt() {
        PrintWriter a = lines.a();
        PrintWriter b = lines.b();
        a.println("occlude: x.png at 1.0 s: the passes stopped early");
        int first = lines.lineOfA();
        a.println("occlude: y.png: a later input's problem");
        lines.lineOfA();
        b.println("occlude: z.png: only B's");
        lines.passed(first);
        assertEquals(List.of("occlude: synthetic: z.png: only B's", "occlude: nexar: x.png at 1.0 s: the passes stopped early"),
                said(), "A's problems of inputs B has passed, and no later one");
        lines.flush();
        assertEquals("occlude: nexar: y.png: a later input's problem", said().get(2));
    }

    @Test
    void aPlainRunsTalliesAreDropped() {
        lines.a().println("3 images, 1 failed");
        lines.flush();
        assertEquals(List.of(), said());
    }
}
