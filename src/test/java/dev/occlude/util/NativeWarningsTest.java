package dev.occlude.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** libtorch's warning lines go, everything else stays, whatever the chunks the pipe delivers. */
class NativeWarningsTest {
    private static final String IN = "occlude: a.jpg: no such file\n"
            + "[W1201 18:22:21.748783734 NNPACK.cpp:64] Could not initialize NNPACK! Reason: Unsupported hardware.\n"
            + "\rocclude  40% [====    ] 2/5 img"
            + "\rocclude 100% [========] 5/5 img\n"
            + "[W NNPACK.cpp:64] Could not initialize NNPACK! Reason: Unsupported hardware.\n"
            + "[WARN] a library's own line\n"
            + "[main] WARN ai.djl - with --verbose\n"
            + "[\n"
            + "[W\n"
            + "occlude: done\n";
    private static final String OUT = "occlude: a.jpg: no such file\n"
            + "\rocclude  40% [====    ] 2/5 img"
            + "\rocclude 100% [========] 5/5 img\n"
            + "[WARN] a library's own line\n"
            + "[main] WARN ai.djl - with --verbose\n"
            + "[\n"
            + "[W\n"
            + "occlude: done\n";

    @Test
    void warningLinesGoTheRestStaysInAnyChunks() {
        byte[] in = IN.getBytes(StandardCharsets.UTF_8);
        for (int size : new int[] {1, 2, 3, 7, 64, in.length}) {
            NativeWarnings filter = new NativeWarnings();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int at = 0; at < in.length; at += size) {
                byte[] chunk = java.util.Arrays.copyOfRange(in, at, Math.min(in.length, at + size));
                out.writeBytes(filter.filter(chunk, chunk.length));
            }
            assertEquals(OUT, out.toString(StandardCharsets.UTF_8), "chunks of " + size);
            assertEquals(2, filter.dropped());
        }
    }

    /** A partial line is passed on at once (a progress bar redraws without a line break). */
    @Test
    void partialLinesAreNotHeldBack() {
        NativeWarnings filter = new NativeWarnings();
        byte[] bar = "\rocclude 10%".getBytes(StandardCharsets.UTF_8);
        assertEquals("\rocclude 10%", new String(filter.filter(bar, bar.length), StandardCharsets.UTF_8));
    }
}
