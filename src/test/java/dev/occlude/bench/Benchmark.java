package dev.occlude.bench;

import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.DjlSetup;
import dev.occlude.model.ModelDirectory;
import dev.occlude.model.tuning.Throughput;
import dev.occlude.model.tuning.Tuning;
import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.MapStatistics;
import dev.occlude.occlusion.Occluder;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.occlusion.ScanSettings;
import dev.occlude.result.Failed;
import dev.occlude.result.Mapped;
import dev.occlude.result.Outcome;
import dev.occlude.result.ResultCodec;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Prints, side by side in one run on one model and one thread setting: raw forward throughput per
 * batch size, exact occlusion throughput (decode to heat map) and its ratio to the best raw figure,
 * the adaptive mode's passes, time and agreement with exact, peak memory on a 1920x1080 frame, and
 * start-up time. Usage: Benchmark MODEL_DIR FRAME... (scripts/bench runs both shipped set-ups).
 */
public final class Benchmark {
    private static final int[] BATCHES = {1, 2, 4, 8, 16, 32, 64};
    /** The command line, run in fresh JVMs by name: start-up and folder figures are the command's own. */
    private static final String CLI_MAIN = "dev.occlude.cli.Main";

    private Benchmark() {}

    /** {@code Benchmark [--skip-memory] MODEL_DIR FRAME...}: docs/BENCHMARKS.md's figures (--skip-memory: no 1920x1080 run). */
    public static void main(String[] args) throws Exception {
        DjlSetup.configure(false);
        boolean memory = !args[0].equals("--skip-memory");
        int firstArg = memory ? 0 : 1;
        Path modelPath = Paths.get(args[firstArg]);
        List<Path> frames = new ArrayList<>();
        for (int i = firstArg + 1; i < args.length; i++) {
            frames.add(Paths.get(args[i]));
        }
        ModelDirectory model = ModelDirectory.open(modelPath);
        ImageLoader loader = new ImageLoader();
        BufferedImage first = loader.load(frames.get(0));
        var g = model.preprocessing().geometry(first.getWidth(), first.getHeight());
        out("model %s, input 3x%dx%d; machine: nproc %d, %s; Java %s", model.name(), g.inputHeight(), g.inputWidth(),
                Runtime.getRuntime().availableProcessors(), Tuning.machine(), System.getProperty("java.version"));
        try (Classifier classifier = Classifier.load(model)) {
            Tuning.Choice tuned = new Tuning().best(classifier, model.fingerprint(), g.inputHeight(), g.inputWidth());
            Throughput.Setting t = tuned.setting();
            out("tuned setting (what the tool uses by default): %s%s", t, tuned.cached() ? " (cached)" : "");

            out("%n1. raw forward throughput, images/s (network alone, preprocessed batch)");
            double bestRaw = 0;
            String bestRawSetting = "";
            double bestAny = 0;
            String bestAnySetting = "";
            int cores = Runtime.getRuntime().availableProcessors();
            List<int[]> threadings = new ArrayList<>();
            threadings.add(new int[] {t.workers(), t.threads()});
            int[] other = t.workers() == 1 ? new int[] {cores, 1} : new int[] {1, cores};
            if (cores > 1) {
                threadings.add(other);
            }
            for (int[] wt : threadings) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "   %d worker(s) x %d thread(s):", wt[0], wt[1]));
                for (int b : BATCHES) {
                    double rate = Throughput.measure(classifier, g.inputHeight(), g.inputWidth(),
                            new Throughput.Setting(b, wt[0], wt[1]), 2.0);
                    row.append(String.format(Locale.ROOT, "  b%d %.1f", b, rate));
                    if (rate > bestAny) {
                        bestAny = rate;
                        bestAnySetting = wt[0] + " worker(s) x " + wt[1] + " thread(s), batch " + b;
                    }
                    if (wt == threadings.get(0) && rate > bestRaw) {
                        bestRaw = rate;
                        bestRawSetting = "batch " + b;
                    }
                }
                out("%s", row);
            }
            out("   best raw with the tool's threads (%d worker(s) x %d): %.1f images/s at %s", t.workers(), t.threads(),
                    bestRaw, bestRawSetting);
            out("   best raw of all: %.1f images/s (%s); the ratios below divide by this one", bestAny, bestAnySetting);
            bestRaw = bestAny;

            classifier.setIntraOpThreads(t.threads());
            // sections 2-4 time full forward passes (the tool's overhead around the network); 8 the incremental scan
            ScanSettings exact = new ScanSettings(0.5, t.batch(), t.workers(), false).withIncremental(false);
            PatchSize p64 = new PatchSize(64, 16);
            out("%n2.-3. exact occlusion, P=64 S=16, %s (decode, preprocess, all variants, heat map)", t);
            out("   %-34s %8s %7s %7s %8s %10s %8s %9s %9s", "frame", "variants", "skipped", "passes", "seconds", "variants/s",
                    "passes/s", "ratio", "ratio(pass)");
            try (Occluder occluder = new Occluder(classifier, exact)) {
                for (Path f : frames) {
                    occluder.analyse(loader.load(f), p64); // warm caches for this size
                    long start = System.nanoTime();
                    Analysis a = occluder.analyse(loader.load(f), p64);
                    double s = (System.nanoTime() - start) / 1e9;
                    out("   %-34s %8d %7d %7d %8.2f %10.1f %8.1f %9.3f %9.3f", f.getFileName(), a.scan().variants(),
                            a.scan().skipped(), a.scan().passes(), s, a.scan().variants() / s, a.scan().passes() / s,
                            a.scan().variants() / s / bestRaw, a.scan().passes() / s / bestRaw);
                }
            }
            out("   ratio = variants/s of the tool / best raw images/s (target >= 0.9); ratio(pass) counts only the"
                    + " variants run (skipped ones cost nothing)");

            out("%n4. adaptive (--refine) against exact, P=32 S=8");
            out("   %-34s %7s %7s %6s %8s %8s %-16s %-16s %6s %8s", "frame", "exact", "refine", "fewer", "exact s", "refine s",
                    "min exact", "min refine", "within", "pearson");
            ScanSettings fine = new ScanSettings(0.5, t.batch(), t.workers(), false).withIncremental(false);
            PatchSize p32 = new PatchSize(32, 8);
            try (Occluder exactOccluder = new Occluder(classifier, fine);
                 Occluder refineOccluder = new Occluder(classifier, fine.withRefine(true))) {
                for (Path f : frames) {
                    BufferedImage image = loader.load(f);
                    long s0 = System.nanoTime();
                    Analysis e = exactOccluder.analyse(image, p32);
                    long s1 = System.nanoTime();
                    Analysis r = refineOccluder.analyse(image, p32);
                    long s2 = System.nanoTime();
                    Rectangle me = e.minPatch();
                    Rectangle mr = r.minPatch();
                    boolean within = Math.abs(me.x - mr.x) <= 8 && Math.abs(me.y - mr.y) <= 8;
                    out("   %-34s %7d %7d %5.1fx %8.2f %8.2f %-16s %-16s %6s %8.4f", f.getFileName(), e.scan().passes(),
                            r.scan().passes(), e.scan().passes() / (double) r.scan().passes(), (s1 - s0) / 1e9,
                            (s2 - s1) / 1e9, me.x + "," + me.y, mr.x + "," + mr.y, within ? "yes" : "NO",
                            MapStatistics.pearson(e.map(), r.map()));
                }
            }
            if (classifier.incremental().isPresent()) {
                incremental(classifier, loader, frames, exact, bestRaw);
            }
        }
        memoryAndStartup(modelPath, frames.get(0), memory);
        folder(modelPath, frames);
    }

    /**
     * Incremental inference beside full forward passes, per frame and setting, in this run: the
     * variants actually run per second, and that rate over the best raw forward rate of section 1.
     * The full scan runs with the tuned setting, the incremental one with its own (batch 16, one
     * worker per core), each as the tool runs it by default.
     */
    private static void incremental(Classifier classifier, ImageLoader loader, List<Path> frames, ScanSettings full,
                                    double bestRaw) throws Exception {
        var inc = Tuning.incremental(null, null, null).setting();
        out("%n8. incremental inference against full forward passes (full: %s; incremental: %s)", full.batch() + "/"
                + full.workers(), inc);
        out("   %-28s %-13s %7s %9s %9s %9s %9s %8s %10s", "frame", "setting", "passes", "full s", "incr s", "full v/s",
                "incr v/s", "speed-up", "incr/raw");
        ScanSettings incremental = new ScanSettings(full.fill(), inc.batch(), inc.workers(), false, true);
        record Case(String name, PatchSize size, boolean refine) {}
        List<Case> cases = List.of(new Case("P64 S16", new PatchSize(64, 16), false),
                new Case("P32 S16", new PatchSize(32, 16), false), new Case("refine P32 S8", new PatchSize(32, 8), true));
        for (Case c : cases) {
            for (Path f : frames) {
                BufferedImage image = loader.load(f);
                double[] seconds = new double[2];
                Analysis[] result = new Analysis[2];
                ScanSettings[] settings = {full.withRefine(c.refine()), incremental.withRefine(c.refine())};
                for (int k = 0; k < 2; k++) {
                    classifier.setIntraOpThreads(k == 0 ? Math.max(1, Runtime.getRuntime().availableProcessors()
                            / full.workers()) : inc.threads());
                    try (Occluder o = new Occluder(classifier, settings[k])) {
                        o.analyse(image, c.size()); // warm caches and the graph executor for this size
                        long start = System.nanoTime();
                        result[k] = o.analyse(image, c.size());
                        seconds[k] = (System.nanoTime() - start) / 1e9;
                    }
                }
                int passes = result[0].scan().passes();
                double fullRate = passes / seconds[0];
                double incRate = passes / seconds[1];
                double worst = 0;
                for (int v = 0; v < result[0].scan().patches().size(); v++) {
                    for (int cl = 0; cl < classifier.classes().size(); cl++) {
                        worst = Math.max(worst, Math.abs(result[0].scan().probabilities()[v][cl]
                                - result[1].scan().probabilities()[v][cl]));
                    }
                }
                out("   %-28s %-13s %7d %9.2f %9.2f %9.1f %9.1f %7.2fx %9.2fx   (largest difference %.1e)",
                        f.getFileName(), c.name(), passes, seconds[0], seconds[1], fullRate, incRate,
                        seconds[0] / seconds[1], incRate / bestRaw, worst);
            }
        }
        out("   incr/raw = incremental variants run per second / the best raw forward rate of section 1");
    }

    /** A folder run in a fresh JVM: images/s including start-up, with decoding overlapped with inference. */
    private static void folder(Path model, List<Path> frames) throws Exception {
        Path dir = Files.createTempDirectory("occlude-bench-folder");
        Path in = Files.createDirectories(dir.resolve("in"));
        int n = 0;
        for (int copy = 0; copy < 4; copy++) {
            for (Path f : frames) {
                String name = f.getFileName().toString();
                Files.copy(f, in.resolve(copy + "-" + name));
                n++;
            }
        }
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString()));
        String opts = System.getenv().getOrDefault("OCCLUDE_JAVA_OPTS", "");
        if (!opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CLI_MAIN, in.toString(),
                "--model", model.toString(), "--patch", "64", "--stride", "16", "--out", dir.resolve("out").toString(), "-q"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).lines().toList();
        p.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        double work = 0;
        for (String line : lines) {
            work += seconds(ResultCodec.fromLine(line));
        }
        out("%n7. folder: %d images, P=64 S=16, fresh JVM: %.1f s wall, %.3f images/s (start-up included); "
                + "per-image work %.1f s in all", lines.size(), wall, lines.size() / wall, work);
    }

    /** Peak RSS on a 1920x1080 frame at P=32 S=8, and time to first output, each in a fresh JVM. */
    private static void memoryAndStartup(Path model, Path frame, boolean memory) throws Exception {
        Path dir = Files.createTempDirectory("occlude-bench");
        BufferedImage small = ImageIO.read(frame.toFile());
        BufferedImage big = new BufferedImage(1920, 1080, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, 1920, 1080, null);
        g.dispose();
        Path bigFile = dir.resolve("frame-1920x1080.png");
        ImageIO.write(big, "png", bigFile.toFile());
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        String opts = System.getenv().getOrDefault("OCCLUDE_JAVA_OPTS", "");

        if (!memory) {
            out("%n5. memory: left out for this model (--skip-memory)");
        }
        List<String> mem = new ArrayList<>(List.of(java));
        if (!opts.isBlank()) {
            mem.addAll(List.of(opts.trim().split("\\s+")));
        }
        mem.addAll(List.of("-cp", cp, PeakMemory.class.getName(), CLI_MAIN, bigFile.toString(), "--model", model.toString(),
                "--patch", "32", "--stride", "8", "--out", dir.toString(), "-q"));
        long start = System.nanoTime();
        if (memory) {
            Process p = new ProcessBuilder(mem).redirectErrorStream(false).start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            String rss = err.lines().filter(l -> l.startsWith("peak-rss")).findFirst().orElse("peak-rss ? kB");
            long kb = Long.parseLong(rss.replaceAll("\\D+", " ").trim().split(" ")[0]);
            Outcome result = ResultCodec.fromLine(json);
            out("%n5. memory: 1920x1080 frame, P=32 S=8, exact, fresh JVM%s: peak RSS %.0f MB (target < 2048), %.0f s, %s",
                    opts.isBlank() ? "" : " (" + opts.trim() + ")", kb / 1024.0, wall,
                    result instanceof Mapped m ? m.scan().variants() + " variants" : ((Failed) result).error());
        }

        List<String> run = new ArrayList<>(List.of(java));
        if (!opts.isBlank()) {
            run.addAll(List.of(opts.trim().split("\\s+")));
        }
        run.addAll(List.of("-cp", cp, CLI_MAIN, frame.toString(), "--model", model.toString(),
                "--patch", "64", "--stride", "16", "--out", dir.toString(), "-q"));
        start = System.nanoTime();
        Process q = new ProcessBuilder(run).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new BufferedReader(new InputStreamReader(q.getInputStream(), StandardCharsets.UTF_8)).readLine();
        double firstOutput = (System.nanoTime() - start) / 1e9;
        q.waitFor();
        double perImage = line == null ? Double.NaN : seconds(ResultCodec.fromLine(line));
        out("%n6. start-up: fresh JVM to first JSON line %.2f s = start-up (JVM, libtorch, model load, tuning cache) %.2f s"
                + " + the image itself %.2f s (P=64 S=16)", firstOutput, firstOutput - perImage, perImage);
    }

    /** The seconds a mapped image took; NaN for any other outcome. */
    private static double seconds(Outcome o) {
        return o instanceof Mapped m ? m.seconds() : Double.NaN;
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
