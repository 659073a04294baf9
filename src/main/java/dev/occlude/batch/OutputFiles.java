package dev.occlude.batch;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.Npy;
import dev.occlude.io.PngFiles;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.util.Text;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one image's outputs go and how they are written: atomically, PNGs marked as this tool's,
 * the JSON record last, so that its presence means the image is complete (what resuming checks).
 *
 * @param overlay NAME.occlusion.png
 * @param map NAME.occlusion.npy
 * @param record NAME.occlusion.json, the image's result line
 */
public record OutputFiles(Path overlay, Path map, Path record) {
    private static final String OVERLAY = ".occlusion.png";

    /** Outputs for an input whose relative stem (sub/path/name, no extension) is given, below outDir. */
    public static OutputFiles forStem(Path stem, Path outDir) {
        Path base = outDir.resolve(stem);
        String name = base.getFileName().toString();
        return new OutputFiles(base.resolveSibling(name + OVERLAY), base.resolveSibling(name + ".occlusion.npy"),
                base.resolveSibling(name + ".occlusion.json"));
    }

    /** Outputs of an extra map beside the main one: NAME.p32.occlusion.png, NAME.pass2.occlusion.png, ... */
    public OutputFiles withSuffix(String suffix) {
        String stem = stem() + suffix;
        return new OutputFiles(overlay.resolveSibling(stem + OVERLAY), overlay.resolveSibling(stem + ".occlusion.npy"),
                record);
    }

    private String stem() {
        String name = overlay.getFileName().toString();
        return name.substring(0, name.length() - OVERLAY.length());
    }

    /** NAME.worst.png: the variant with the lowest target probability, as the network saw it. */
    public Path worst() {
        return overlay.resolveSibling(stem() + ".worst.png");
    }

    /** NAME.flip.png: where hiding a patch changes the predicted class, and to what. */
    public Path flips() {
        return overlay.resolveSibling(stem() + ".flip.png");
    }

    /** NAME.patches.csv: every variant's patch and every class's probability. */
    public Path table() {
        return overlay.resolveSibling(stem() + ".patches.csv");
    }

    /** Every file a plan can write for this image (passes up to the plan's count), so none is checked too late. */
    public List<Path> planned(AnalysisPlan plan, List<String> classes) {
        List<Path> all = new ArrayList<>(List.of(overlay, map, record, worst(), flips(), table()));
        List<OutputFiles> extra = new ArrayList<>();
        for (PatchSize size : plan.sizes()) {
            extra.add(withSuffix(".p" + size.patch()));
        }
        extra.add(withSuffix(".combined"));
        for (String c : classes) {
            extra.add(withSuffix("." + Text.safeFileName(c)));
        }
        for (int k = 2; k <= plan.passes(); k++) {
            extra.add(withSuffix(".pass" + k));
        }
        for (OutputFiles f : extra) {
            all.add(f.overlay());
            all.add(f.map());
        }
        return all;
    }

    public void writeOverlay(BufferedImage image) throws IOException {
        writePng(overlay, image);
    }

    /** A PNG beside the outputs, marked as this tool's. */
    public static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> PngFiles.writeMarked(image, out));
    }

    public void writeMap(float[] data, int height, int width) throws IOException {
        AtomicFiles.write(this.map, out -> Npy.write(out, data, height, width));
    }

    public void writeRecord(String jsonLine) throws IOException {
        AtomicFiles.write(record, out -> out.write((jsonLine + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Every output is in place and whole: the record (written last), a complete PNG overlay and a
     * complete .npy map. A file cut short or replaced by something else does not count.
     */
    public boolean complete() {
        return Files.isRegularFile(record) && PngFiles.isComplete(overlay) && Npy.isComplete(map);
    }

    public String readRecord() throws IOException {
        return Files.readString(record, StandardCharsets.UTF_8).trim();
    }
}
