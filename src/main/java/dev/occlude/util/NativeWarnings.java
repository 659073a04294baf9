package dev.occlude.util;

import java.io.ByteArrayOutputStream;

/**
 * Drops libtorch's own C++ warning lines from a stream of stderr bytes and passes everything else
 * through at once, partial lines included (a progress bar redraws its line with '\r'). libtorch
 * writes them from native code straight to file descriptor 2, past Java's logging, as
 * {@code [W1201 18:22:21.748783734 NNPACK.cpp:64] Could not initialize NNPACK! ...} (older
 * versions: {@code [W NNPACK.cpp:64] ...}): a line starting with "[W" and a digit or a space.
 */
public final class NativeWarnings {
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private boolean atLineStart = true;
    private boolean deciding;
    private boolean dropping;
    private long dropped;

    /** The bytes of {@code chunk} that stay, in order; state carries over to the next chunk. */
    public byte[] filter(byte[] chunk, int length) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(length);
        for (int i = 0; i < length; i++) {
            byte b = chunk[i];
            if (atLineStart) {
                atLineStart = false;
                deciding = true;
                dropping = false;
                head.reset();
            }
            if (deciding) {
                head.write(b);
                byte[] h = head.toByteArray();
                if (h[0] != '[' || h.length >= 2 && h[1] != 'W' || b == '\n') {
                    kept.writeBytes(h); // not a warning's start: pass it on
                    deciding = false;
                } else if (h.length == 3) {
                    dropping = Character.isDigit(h[2]) || h[2] == ' ';
                    if (!dropping) {
                        kept.writeBytes(h);
                    }
                    deciding = false;
                }
            } else if (!dropping) {
                kept.write(b);
            }
            if (b == '\n') {
                dropped += dropping ? 1 : 0;
                atLineStart = true;
            }
        }
        return kept.toByteArray();
    }

    /** Warning lines dropped so far. */
    public long dropped() {
        return dropped;
    }
}
