package dev.occlude.serve;

import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code occlude serve}'s web server: the page and its HTTP API ({@link ServeApi}) over one loaded
 * model and the frames of the folders given. It binds 127.0.0.1 unless told otherwise; on any
 * other address every request must carry the random token printed at start. Close it to stop
 * serving and remove its private folder.
 */
public final class ServeServer implements AutoCloseable {
    /**
     * What the server serves and how.
     *
     * @param folders the folders whose images are listed
     * @param results earlier runs' results files, whose mapped images are listed with their records
     * @param host the address to bind
     * @param port the port (0: a free one)
     * @param maxPixels the pixel limit of every decoded frame, as --max-pixels
     * @param maxUploadBytes the largest upload, in bytes
     */
    public record Config(List<Path> folders, List<Path> results, String host, int port, long maxPixels,
                         long maxUploadBytes) {
        /** Folders only, no results files. */
        public Config(List<Path> folders, String host, int port, long maxPixels, long maxUploadBytes) {
            this(folders, List.of(), host, port, maxPixels, maxUploadBytes);
        }
    }

    /** Requests served side by side at most. */
    private static final int THREADS = 16;

    private final Javalin app;
    private final List<ServedModel> models;
    private final FrameLibrary frames;
    private final Path folder;
    private final String token;
    private final List<String> problems;

    private ServeServer(Javalin app, List<ServedModel> models, FrameLibrary frames, Path folder, String token,
                        List<String> problems) {
        this.app = app;
        this.frames = frames;
        this.problems = List.copyOf(problems);
        this.models = models;
        this.folder = folder;
        this.token = token;
    }

    /** A loaded model to serve: its network (the caller's to close) and its directory. */
    public record Model(Classifier classifier, ModelDirectory dir) {}

    /**
     * Starts serving {@code classifier} (loaded from {@code model}, which stays the caller's to close).
     *
     * @throws IOException when a folder is not one, or the address cannot be bound
     */
    public static ServeServer start(Classifier classifier, ModelDirectory model, Config config) throws IOException {
        return start(List.of(new Model(classifier, model)), config);
    }

    /**
     * Starts serving one model, or several side by side (the page compares them on the same frame).
     *
     * @throws IOException when a folder is not one, or the address cannot be bound
     */
    public static ServeServer start(List<Model> served, Config config) throws IOException {
        if (served.isEmpty()) {
            throw new IllegalArgumentException("no model to serve");
        }
        String token = loopback(config.host()) ? null : newToken();
        List<String> problems = new java.util.ArrayList<>();
        EarlierResults earlier = new EarlierResults(config.results(), problems::add);
        FrameLibrary frames = new FrameLibrary(config.folders(), earlier, new ImageLoader(config.maxPixels(),
                "--max-pixels"), 16);
        Path folder = Files.createTempDirectory("occlude-serve-");
        java.util.concurrent.atomic.AtomicInteger jobCount = new java.util.concurrent.atomic.AtomicInteger();
        List<ServedModel> models = new java.util.ArrayList<>();
        for (int k = 0; k < served.size(); k++) {
            Model m = served.get(k);
            Prober prober = new Prober(m.classifier());
            models.add(new ServedModel(k, m.classifier(), m.dir(), prober, new MapJobs(m.classifier(), m.dir(), prober,
                    folder.resolve("model-" + k), jobCount)));
        }
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.maxRequestSize = config.maxUploadBytes();
            c.jetty.threadPool = new QueuedThreadPool(THREADS, 4);
        });
        Gate gate = new Gate(token);
        app.before(gate::check);
        new ServeApi(frames, earlier, models, config.maxUploadBytes()).routes(app);
        app.exception(Exception.class, (e, ctx) -> Answers.error(ctx, 500, "cannot answer: "
                + dev.occlude.util.Text.oneLine(e)));
        ServeServer server = new ServeServer(app, models, frames, folder, token, problems);
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            server.close();
            throw new IOException("cannot serve on " + config.host() + ":" + config.port() + " ("
                    + dev.occlude.util.Text.oneLine(e) + ")", e);
        }
        gate.port(app.port());
        return server;
    }

    /** Whether {@code host} names only this machine (then no token is asked for). */
    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** How many frames the page lists now (folders' images and earlier results). */
    public int frameCount() {
        try {
            return frames.list().size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** What was skipped in the results files given (bad lines, frames not found), one line each. */
    public List<String> problems() {
        return problems;
    }

    /** The port served. */
    public int port() {
        return app.port();
    }

    /** The token every request must carry, when the server is reachable from other machines. */
    public java.util.Optional<String> token() {
        return java.util.Optional.ofNullable(token);
    }

    /** The page's address, the token included when one is needed. */
    public String url(String host) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return String.format(Locale.ROOT, "http://%s:%d/%s", h, port(), token == null ? "" : "?token=" + token);
    }

    /** Stops serving, stops the map jobs and removes the server's private folder. */
    @Override
    public void close() {
        app.stop();
        models.forEach(ServedModel::close);
        try {
            dev.occlude.io.FileTrees.delete(folder);
        } catch (IOException | RuntimeException e) {
            // a temporary folder: the system's cleaning takes what is left
        }
    }

    /**
     * Who may ask: with a token, only requests that carry it (query {@code token} or header
     * {@code X-Occlude-Token}); without one (loopback), only requests addressed to this machine
     * by name, so that another site's page in the user's browser cannot reach the server through a
     * name of its own (DNS rebinding).
     */
    private static final class Gate {
        private final String token;
        private volatile int port;

        Gate(String token) {
            this.token = token;
        }

        void port(int p) {
            port = p;
        }

        void check(Context ctx) {
            if (token != null) {
                String given = ctx.queryParam("token");
                if (given == null) {
                    given = ctx.header("X-Occlude-Token");
                }
                if (given == null || !java.security.MessageDigest.isEqual(given.getBytes(), token.getBytes())) {
                    Answers.error(ctx, 401, "this server asks for the token it printed at start (?token=...)");
                    ctx.skipRemainingHandlers();
                }
                return;
            }
            String host = ctx.header("Host");
            List<String> own = List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port);
            if (host == null || !own.contains(host.toLowerCase(Locale.ROOT))) {
                Answers.error(ctx, 403, "this server answers requests to 127.0.0.1:" + port + " or localhost:"
                        + port + " only");
                ctx.skipRemainingHandlers();
            }
        }
    }
}
