package dev.occlude.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A ladder of folder links: each rung holds two links to the next, so 2^levels paths reach its foot. */
final class LinkLadder {
    private LinkLadder() {}

    /**
     * Builds {@code levels} rungs as folders under {@code rungs}, linked from {@code top} down, and
     * writes a text file (no image) at the foot.
     *
     * @return the foot's text file
     */
    static Path build(Path top, Path rungs, int levels) throws IOException {
        Path level = top;
        for (int k = 0; k < levels; k++) {
            Path next = Files.createDirectories(rungs.resolve(String.valueOf(k)));
            Files.createSymbolicLink(level.resolve("a" + k), next.toAbsolutePath());
            Files.createSymbolicLink(level.resolve("b" + k), next.toAbsolutePath());
            level = next;
        }
        return Files.writeString(level.resolve("notes.txt"), "no image here\n");
    }
}
