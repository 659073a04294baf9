package dev.occlude.cli;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Where one image's outputs go and how they are written (atomically, never over the input). */
public record OutputFiles(Path overlay, Path map) {

    /** Outputs for {@code input} in {@code outDir}, named after the input: name.occlusion.png / .npy. */
    public static OutputFiles forInput(Path input, Path outDir) {
        String file = input.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        return new OutputFiles(outDir.resolve(stem + ".occlusion.png"), outDir.resolve(stem + ".occlusion.npy"));
    }

    /** Refuses outputs that would replace the input file itself. */
    public void checkNotInput(Path input) throws IOException {
        for (Path out : new Path[] {overlay, map}) {
            if (Files.exists(out) && Files.isSameFile(out, input)) {
                throw new IOException(out + ": would overwrite the input image");
            }
        }
    }

    public void writeOverlay(BufferedImage image) throws IOException {
        AtomicFiles.write(overlay, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
        });
    }

    public void writeMap(float[] map, int height, int width) throws IOException {
        AtomicFiles.write(this.map, out -> Npy.write(out, map, height, width));
    }

    public boolean complete() {
        return Files.isRegularFile(overlay) && Files.isRegularFile(map);
    }
}
