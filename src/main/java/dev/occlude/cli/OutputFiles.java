package dev.occlude.cli;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Where one image's outputs go and how they are written: atomically, never over the input, the
 * JSON record last, so that its presence means the image is complete (what --skip-existing checks).
 */
public record OutputFiles(Path overlay, Path map, Path record) {

    /** Outputs for an input whose relative stem (sub/path/name, no extension) is given, below outDir. */
    public static OutputFiles forStem(Path stem, Path outDir) {
        Path base = outDir.resolve(stem);
        String name = base.getFileName().toString();
        return new OutputFiles(base.resolveSibling(name + ".occlusion.png"), base.resolveSibling(name + ".occlusion.npy"),
                base.resolveSibling(name + ".occlusion.json"));
    }

    /** Outputs of an extra map beside the main one: NAME.p32.occlusion.png, NAME.pass2.occlusion.png, ... */
    public OutputFiles withSuffix(String suffix) {
        String name = overlay.getFileName().toString();
        String stem = name.substring(0, name.length() - ".occlusion.png".length()) + suffix;
        return new OutputFiles(overlay.resolveSibling(stem + ".occlusion.png"), overlay.resolveSibling(stem + ".occlusion.npy"),
                record);
    }

    /** NAME.worst.png: the variant with the lowest target probability, as the network saw it. */
    public Path worst() {
        String name = overlay.getFileName().toString();
        return overlay.resolveSibling(name.substring(0, name.length() - ".occlusion.png".length()) + ".worst.png");
    }

    /** Refuses outputs that would replace the input file itself. */
    public void checkNotInput(Path input) throws IOException {
        for (Path out : new Path[] {overlay, map, record}) {
            if (Files.exists(out) && Files.exists(input) && Files.isSameFile(out, input)) {
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

    public void writeRecord(String jsonLine) throws IOException {
        AtomicFiles.write(record, out -> out.write((jsonLine + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** Every output is in place: the record is written last, after the overlay and the map. */
    public boolean complete() {
        return Files.isRegularFile(record) && Files.isRegularFile(overlay) && Files.isRegularFile(map);
    }

    public String readRecord() throws IOException {
        return Files.readString(record, StandardCharsets.UTF_8).trim();
    }
}
