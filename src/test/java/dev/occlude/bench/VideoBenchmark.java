package dev.occlude.bench;

import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
import dev.occlude.video.ClipMaker;
import dev.occlude.video.Sampling;
import dev.occlude.video.VideoFrame;
import dev.occlude.video.VideoReader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * The video figures of docs/BENCHMARKS.md, side by side in one run: what decoding costs per
 * decoded and per sampled frame beside what mapping a sampled frame costs, on a generated
 * 1920x1080 30 fps clip (at a coarse P=128 S=64, so the run stays short: the default P=64 S=16
 * runs 16 times the variants), and the peak memory of the command on a short and a ten times longer
 * generated video (it must not grow with the length). The clips pan across the shipped Nexar
 * frames, so every frame differs from the one before (a still would decode unrealistically fast).
 * Usage: VideoBenchmark MODEL_DIR FRAME... (scripts/bench-video).
 */
public final class VideoBenchmark {
    private static final String CLI_MAIN = "dev.occlude.cli.Main";

    private VideoBenchmark() {}

    /**
     * {@code VideoBenchmark [--memory-only] MODEL_DIR PICTURE...}: prints the video figures of docs/BENCHMARKS.md.
     */
    public static void main(String[] args) throws Exception {
        // --memory-only: section 4 alone
        boolean memoryOnly = args[0].equals("--memory-only");
        int first = memoryOnly ? 1 : 0;
        Path model = Paths.get(args[first]);
        List<BufferedImage> stills = new ArrayList<>();
        for (int i = first + 1; i < args.length; i++) {
            stills.add(ImageIO.read(Paths.get(args[i]).toFile()));
        }
        Path dir = Files.createTempDirectory("occlude-video-bench");
        out("machine: nproc %d; Java %s", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        if (!memoryOnly) {
            decodingAndMapping(model, stills, dir, java, cp);
        }
        memory(model, stills, dir, java, cp);
        out("%n(work folder %s)", dir);
    }

    private static void decodingAndMapping(Path model, List<BufferedImage> stills, Path dir, String java, String cp)
            throws Exception {
        Path hd = dir.resolve("drive-1080p.mp4");
        long start = System.nanoTime();
        int hdFrames = 300;
        ClipMaker.write(hd, 1920, 1080, hdFrames, 30, panning(stills, 1920, 1080, hdFrames));
        out("%n1. clip: 1920x1080, 30 fps, %d frames (%.0f s), H.264; encoded in %.1f s (%.1f frames/s)", hdFrames,
                hdFrames / 30.0, secondsSince(start), hdFrames / secondsSince(start));

        double[] all = decode(hd, Sampling.every("1f", 0, null));
        double[] everySecond = decode(hd, Sampling.DEFAULT);
        out("%n2. decoding (FFmpeg through JavaCV, to the RGB picture the network's input is made from):");
        out("   every frame: %d frames in %.2f s = %.1f ms per decoded frame (%.0f frames/s)", (int) all[0], all[1],
                all[1] * 1000 / all[0], all[0] / all[1]);
        out("   --every 1s:  %d sampled frames in %.2f s = %.0f ms per sampled frame (30 decoded per sample)",
                (int) everySecond[0], everySecond[1], everySecond[1] * 1000 / everySecond[0]);

        Path maps = Files.createDirectories(dir.resolve("maps"));
        start = System.nanoTime();
        List<String> lines = run(List.of(java, "-cp", cp, CLI_MAIN, hd.toString(), "--model", model.toString(),
                "--every", "2s", "--to", "3", "--patch", "128", "--stride", "64", "--out", maps.toString(), "-q"), null);
        double wall = secondsSince(start);
        double mapping = 0;
        int n = 0;
        for (String line : lines) {
            Outcome r = ResultCodec.fromLine(line);
            if (r.frame() != null && r instanceof Mapped m) {
                mapping += m.seconds();
                n++;
            }
        }
        out("%n3. mapping a sampled 1920x1080 frame at P=128 S=64 (fresh JVM, --every 2s --to 3: %d frames): %.2f s per "
                + "frame (%s); decoding is %.1f%% of it at --every 1s; %.1f s wall for the run (start-up, annotated video "
                + "and timeline included)", n, mapping / n, lines.isEmpty() || !(ResultCodec.fromLine(lines.get(0)) instanceof Mapped first) ? "no result"
                : first.scan().forwardPasses() + " forward passes", 100 * everySecond[1] / everySecond[0] / (mapping / n), wall);

    }

    private static void memory(Path model, List<BufferedImage> stills, Path dir, String java, String cp) throws Exception {
        long start;
        out("%n4. peak memory of the command (fresh JVM each; 640x360 30 fps, P=64 S=32), 20 sampled frames from a "
                + "1-minute and from a 10-minute video (the same work, ten times the decoding):");
        for (int minutes : new int[] {1, 10}) {
            Path clip = dir.resolve("drive-" + minutes + "min.mp4");
            int frames = minutes * 60 * 30;
            start = System.nanoTime();
            ClipMaker.write(clip, 640, 360, frames, 30, panning(stills, 640, 360, frames));
            double made = secondsSince(start);
            Path mapsDir = Files.createDirectories(dir.resolve("maps-" + minutes));
            start = System.nanoTime();
            List<String> err = new ArrayList<>();
            List<String> results = run(List.of(java, "-cp", cp, PeakMemory.class.getName(), CLI_MAIN, clip.toString(),
                    "--model", model.toString(), "--every", (3 * minutes) + "s", "--patch", "64", "--stride", "32", "--out",
                    mapsDir.toString(), "-q"), err);
            String rss = err.stream().filter(l -> l.startsWith("peak-rss")).findFirst().orElse("peak-rss ? kB");
            out("   %2d min (%5d frames, %3.0f MB, made in %.0f s), --every %ds: %d sampled frames mapped, peak RSS %s, "
                    + "%.0f s", minutes, frames, Files.size(clip) / 1e6, made, 3 * minutes, results.size(), rss.replace("peak-rss ", ""),
                    secondsSince(start));
        }
        // the live set: the long video's 60 frames (every 10 s) in a heap capped far below what the runs above took
        Path capped = Files.createDirectories(dir.resolve("maps-capped"));
        long start2 = System.nanoTime();
        List<String> err = new ArrayList<>();
        List<String> results = run(List.of(java, "-Xmx256m", "-cp", cp, PeakMemory.class.getName(), CLI_MAIN,
                dir.resolve("drive-10min.mp4").toString(), "--model", model.toString(), "--every", "10s", "--patch", "64",
                "--stride", "64", "--out", capped.toString(), "-q"), err);
        String rss = err.stream().filter(l -> l.startsWith("peak-rss")).findFirst().orElse("peak-rss ? kB");
        long failed = results.stream().filter(l -> l.contains("\"error\"")).count();
        out("   10 min, --every 10s, P=64 S=64, heap capped at -Xmx256m: %d sampled frames mapped, %d errors, peak RSS %s, "
                + "%.0f s", results.size() - failed, failed, rss.replace("peak-rss ", ""), secondsSince(start2));
    }

    /** Decodes with the sampling; {sampled frames, seconds}. */
    private static double[] decode(Path clip, Sampling sampling) throws Exception {
        long start = System.nanoTime();
        int n = 0;
        try (VideoReader r = VideoReader.open(clip, sampling, Long.MAX_VALUE, "")) {
            for (VideoFrame f = r.next(); f != null; f = r.next()) {
                n++;
            }
        }
        return new double[] {n, secondsSince(start)};
    }

    /** Frame i: a window panning across the stills (a new still every 2 s), scaled to the clip's size. */
    private static ClipMaker.Frames panning(List<BufferedImage> stills, int width, int height, int count) {
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        return i -> {
            BufferedImage still = stills.get(i / 60 % stills.size());
            int shift = i % 60; // source pixels, one per frame
            int sw = still.getWidth() - 60;
            Graphics2D g = frame.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(still, 0, 0, width, height, shift, 0, shift + sw, still.getHeight(), null);
            g.dispose();
            return frame;
        };
    }

    /** Runs a command; its stdout lines (its stderr lines into {@code err} when given). */
    private static List<String> run(List<String> command, List<String> err) throws Exception {
        ProcessBuilder b = new ProcessBuilder(command);
        if (err == null) {
            b.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        Process p = b.start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank()).toList();
        if (err != null) {
            err.addAll(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
        p.waitFor();
        return lines;
    }

    private static double secondsSince(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
