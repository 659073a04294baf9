package dev.occlude.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.occlude.occlusion.FillSpec;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GET /api/fill's filled frames, without a model (the fast tier): made once per frame and fill while
 * held, made again for a frame read again, and bounded by the pixel budget and a count.
 */
class FilledFramesTest {
    private final List<String> painted = new ArrayList<>();

    private FilledFrames frames(long budget) {
        return new FilledFrames(budget, (frame, spec) -> {
            painted.add(frame.getWidth() + "x" + frame.getHeight());
            return new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_INT_RGB);
        });
    }

    private static BufferedImage frame(int side) {
        return new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    }

    @Test
    void aFrameAndFillAreFilledOnceWhileHeld() {
        FilledFrames filled = frames(1_000_000L);
        BufferedImage a = frame(10);
        FillSpec blur = Prober.fill("blur");
        BufferedImage first = filled.filled("0/a.png", a, "blur", blur);
        assertSame(first, filled.filled("0/a.png", a, "blur", blur), "the second request is answered from memory");
        assertEquals(1, painted.size());
        filled.filled("0/a.png", a, "BLUR", Prober.fill("BLUR"));
        assertEquals(1, painted.size(), "the same fill written otherwise is the same picture");
        filled.filled("0/a.png", a, "noise", Prober.fill("noise"));
        assertEquals(2, painted.size(), "another fill is another picture");
        filled.filled("0/a.png", frame(10), "blur", blur);
        assertEquals(3, painted.size(), "the frame read again (changed on disk) is filled again");
    }

    @Test
    void thePixelBudgetAndTheCountBoundWhatIsHeld() {
        FilledFrames filled = frames(250L); // two 10x10 frames, not three
        BufferedImage a = frame(10);
        filled.filled("a", a, "blur", Prober.fill("blur"));
        filled.filled("b", frame(10), "blur", Prober.fill("blur"));
        filled.filled("c", frame(10), "blur", Prober.fill("blur"));
        filled.filled("a", a, "blur", Prober.fill("blur"));
        assertEquals(4, painted.size(), "the least recently used went first");

        FilledFrames many = frames(1_000_000L);
        painted.clear();
        BufferedImage first = frame(2);
        many.filled("f0", first, "0.5", Prober.fill("0.5"));
        for (int k = 1; k <= FilledFrames.HELD; k++) {
            many.filled("f" + k, frame(2), "0.5", Prober.fill("0.5"));
        }
        many.filled("f0", first, "0.5", Prober.fill("0.5"));
        assertEquals(FilledFrames.HELD + 2, painted.size(), "at most " + FilledFrames.HELD + " held");
    }
}
