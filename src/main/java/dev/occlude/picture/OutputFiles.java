package dev.occlude.picture;

import dev.occlude.io.AtomicFiles;
import dev.occlude.io.Npy;
import dev.occlude.io.OwnFiles;
import dev.occlude.io.PngFiles;
import dev.occlude.occlusion.AnalysisPlan;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
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
 * @param map NAME.occlusion.npy; null for a video's frames that are not kept (the overlay is all the video needs)
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
        return new OutputFiles(overlay.resolveSibling(stem + OVERLAY),
                map == null ? null : overlay.resolveSibling(stem + ".occlusion.npy"), record);
    }

    /**
     * A video's sampled frame: NAME.t000012.500.occlusion.* beside the video's outputs when they
     * are kept, else overlay and record only, in the video's work folder (see {@link #frameWork()}).
     */
    public OutputFiles frame(String stamp, boolean kept) {
        String stem = stem() + "." + stamp;
        Path dir = kept ? overlay.getParent() : frameWork();
        return new OutputFiles(dir.resolve(stem + OVERLAY), kept ? dir.resolve(stem + ".occlusion.npy") : null,
                dir.resolve(stem + ".occlusion.json"));
    }

    /** NAME.frames.partial/: a video's frames while it runs, when they are not kept; removed when it is done. */
    public Path frameWork() {
        return overlay.resolveSibling(stem() + ".frames.partial");
    }

    /** NAME.occlusion.mp4: the overlays of a video's sampled frames, as a video. */
    public Path video() {
        return overlay.resolveSibling(stem() + ".occlusion.mp4");
    }

    /** NAME.timeline.png: a video's probabilities over time. */
    public Path timeline() {
        return overlay.resolveSibling(stem() + ".timeline.png");
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

    /**
     * Every file a plan can write for this image (passes up to the plan's count; the worst
     * variant, flips, table, video and timeline whether asked for or not), so none is checked too late.
     */
    public List<Path> planned(AnalysisPlan plan, List<String> classes) {
        List<Path> all = new ArrayList<>(List.of(overlay, map, record, worst(), flips(), table()));
        List<OutputFiles> extra = new ArrayList<>();
        if (plan.sizes().size() > 1) {
            for (PatchSize size : plan.sizes()) {
                extra.add(withSuffix(".p" + size.patch()));
            }
        }
        if (plan.combine()) {
            extra.add(withSuffix(".combined"));
        }
        if (plan.everyClass()) {
            for (String c : classes) {
                extra.add(withSuffix("." + Text.safeFileName(c)));
            }
        }
        for (int k = 2; k <= plan.passes(); k++) {
            extra.add(withSuffix(".pass" + k));
        }
        for (OutputFiles f : extra) {
            all.add(f.overlay());
            if (f.map() != null) {
                all.add(f.map());
            }
        }
        all.add(video());
        all.add(timeline());
        return all;
    }

    /** The first of the overlay, map and record that is there and is not this tool's (a user's file), or null. */
    public Path foreign() {
        for (Path p : new Path[] {overlay, map, record}) {
            if (p != null && !OwnFiles.absentOrOwn(p)) {
                return p;
            }
        }
        return null;
    }

    /** Writes the overlay PNG atomically, marked as this tool's. */
    public void writeOverlay(BufferedImage image) throws IOException {
        writePng(overlay, image);
    }

    /** A PNG beside the outputs, marked as this tool's. */
    public static void writePng(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, out -> PngFiles.writeMarked(image, out));
    }

    /**
     * A PNG written where no file is, or only one of this tool's ({@link #writePng}, its folders
     * made): a file the tool did not write is refused and left as it is.
     */
    public static void writeOwnPng(Path file, BufferedImage image) throws IOException {
        if (!OwnFiles.absentOrOwn(file)) {
            throw new IOException(file + " is not a file this tool wrote; left as it is");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        writePng(file, image);
    }

    /** Writes the map (nothing when maps are not kept). */
    public void writeMap(float[] data, int height, int width) throws IOException {
        if (map == null) {
            return;
        }
        AtomicFiles.write(this.map, out -> Npy.write(out, data, height, width));
    }

    /**
     * Writes the record (the JSON line) atomically: the last file of an image, so its presence means the image is done.
     */
    public void writeRecord(String jsonLine) throws IOException {
        AtomicFiles.write(record, out -> out.write((jsonLine + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Every output is in place and whole: the record (written last), a complete PNG overlay and a
     * complete .npy map (when maps are kept). A file cut short or replaced by something else does not count.
     */
    public boolean complete() {
        return Files.isRegularFile(record) && PngFiles.isComplete(overlay) && (map == null || Npy.isComplete(map));
    }

    /** The earlier result when the outputs are whole and were made with these settings; else null. */
    public Outcome finished(String settingsKey) {
        if (!complete()) {
            return null;
        }
        try {
            Outcome r = ResultCodec.fromLine(readRecord());
            return r instanceof Mapped m && settingsKey.equals(m.settings()) ? r : null;
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable record: the input is done again
        }
    }

    /** The record's JSON line. */
    public String readRecord() throws IOException {
        return Files.readString(record, StandardCharsets.UTF_8).trim();
    }
}
