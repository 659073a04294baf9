package dev.occlude.video;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many videos this JVM opened and how many frames it decoded: the seam through which a test
 * sees that occlude compare decodes a video once for both models. With the system property
 * {@code occlude.decodeCount} naming a file, the counts are written there as the JVM exits
 * ("opens N frames M"); without it nothing is written.
 */
public final class DecodeCount {
    private static final AtomicLong OPENS = new AtomicLong();
    private static final AtomicLong FRAMES = new AtomicLong();

    static {
        String file = System.getProperty("occlude.decodeCount");
        if (file != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Files.writeString(Path.of(file), "opens " + OPENS.get() + " frames " + FRAMES.get() + "\n",
                            StandardCharsets.UTF_8);
                } catch (IOException e) {
                    // a test's seam: the test sees the file missing
                }
            }));
        }
    }

    private DecodeCount() {}

    static void opened() {
        OPENS.incrementAndGet();
    }

    static void decoded() {
        FRAMES.incrementAndGet();
    }

    /** Videos opened (headers read) so far. */
    public static long opens() {
        return OPENS.get();
    }

    /** Frames decoded so far, sampled or not. */
    public static long frames() {
        return FRAMES.get();
    }
}
