package dev.occlude.bench;

import dev.occlude.model.Classifier;
import dev.occlude.model.DjlSetup;
import dev.occlude.model.ModelDirectory;
import dev.occlude.serve.ServeServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The probe latency of {@code occlude serve} as the page sees it: a server on this machine with a
 * model and a frame's folder, a patch moved over the frame one probe after another (as the page
 * sends them: the next once the last is answered), the time of each request over HTTP; then a fast
 * mouse, probes sent every few milliseconds without waiting, to show that they coalesce.
 * <p>Usage: {@code ServeBenchmark MODEL_DIR FRAME [PATCH]}
 */
public final class ServeBenchmark {
    private ServeBenchmark() {}

    public static void main(String[] args) throws Exception {
        DjlSetup.configure(false);
        Path frame = Path.of(args[1]).toAbsolutePath();
        int patch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        ModelDirectory model = ModelDirectory.open(Path.of(args[0]));
        try (Classifier classifier = Classifier.load(model);
             ServeServer server = ServeServer.start(classifier, model, new ServeServer.Config(List.of(frame.getParent()),
                     "127.0.0.1", 0, 50_000_000L, 1_000_000L))) {
            java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(frame.toFile());
            String base = "http://127.0.0.1:" + server.port() + "/api/probe?image=0%2F"
                    + java.net.URLEncoder.encode(frame.getFileName().toString(), "UTF-8") + "&w=" + patch + "&h=" + patch
                    + "&token=" + server.token();
            HttpClient http = HttpClient.newHttpClient();
            List<int[]> path = mousePath(image.getWidth(), image.getHeight(), patch);
            // warm-up: the JIT and the frame's first preparation are not what a user waits for at every move
            for (int i = 0; i < 60; i++) {
                send(http, base, path.get(i % path.size()), "warm");
            }
            double[] ms = new double[path.size()];
            for (int i = 0; i < path.size(); i++) {
                long start = System.nanoTime();
                int status = send(http, base, path.get(i), "bench");
                ms[i] = (System.nanoTime() - start) / 1e6;
                if (status != 200) {
                    throw new IllegalStateException("probe answered " + status);
                }
            }
            Arrays.sort(ms);
            System.out.printf(Locale.ROOT, "occlude serve, %s, %dx%d frame %s, P%d, %d probes one after another over "
                    + "HTTP: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (target: p95 within 100 ms)%n",
                    model.name(), image.getWidth(), image.getHeight(), frame.getFileName(), patch, ms.length,
                    at(ms, 0.50), at(ms, 0.95), at(ms, 0.99), ms[ms.length - 1]);
            fastMouse(http, base, path);
        }
    }

    /**
     * Probes sent every 5 ms without waiting for answers, numbered as the page numbers them: how
     * many ran, how many were superseded.
     */
    private static void fastMouse(HttpClient http, String base, List<int[]> path) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            int[] p = path.get(i % path.size());
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "&x=" + p[0] + "&y=" + p[1]
                    + "&client=fast&seq=" + (i + 1))).build(), HttpResponse.BodyHandlers.ofString()));
            Thread.sleep(5);
        }
        long ran = 0;
        long superseded = 0;
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            int s = f.get().statusCode();
            ran += s == 200 ? 1 : 0;
            superseded += s == 409 ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "fast mouse: 200 probes sent 5 ms apart; %d computed, %d superseded (409), "
                + "all answered %.2f s after the first was sent; the last one is always computed: %s%n", ran,
                superseded, seconds, sent.get(sent.size() - 1).get().statusCode() == 200);
    }

    private static int send(HttpClient http, String base, int[] p, String client) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "&x=" + p[0] + "&y=" + p[1] + "&client=" + client))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A mouse sweeping the frame in rows, 7 px a step, the patch centred on it. */
    private static List<int[]> mousePath(int width, int height, int patch) {
        List<int[]> path = new ArrayList<>();
        for (int y = patch / 2; y < height; y += patch / 2) {
            for (int x = 0; x < width; x += 7) {
                path.add(new int[] {x - patch / 2, y - patch / 2});
            }
        }
        return path;
    }

    private static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
