package dev.occlude.serve;

import dev.occlude.io.FileTrees;
import dev.occlude.io.ImageLoader;
import dev.occlude.model.Classifier;
import dev.occlude.model.ModelDirectory;
import dev.occlude.util.Text;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code occlude serve}'s web server: the page and its HTTP API ({@link ServeApi}) over one loaded
 * model and the frames of the folders given. It binds 127.0.0.1 unless told otherwise; every
 * request must carry the random token of the address printed at start ({@link Gate}). Close it to
 * stop serving and remove its private folder.
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
        Gate gate = new Gate(loopback(config.host()));
        List<String> problems = new ArrayList<>();
        EarlierResults earlier = new EarlierResults(config.results(), problems::add);
        FrameLibrary frames = new FrameLibrary(config.folders(), earlier, new ImageLoader(config.maxPixels(),
                "--max-pixels"), 16, FrameLibrary.pixelBudget(config.maxPixels()), problems::add);
        Path folder = PrivateFolder.create();
        AtomicInteger jobCount = new AtomicInteger();
        List<ServedModel> models = new ArrayList<>();
        for (int k = 0; k < served.size(); k++) {
            Model m = served.get(k);
            Prober prober = new Prober(m.classifier(), FrameLibrary.pixelBudget(config.maxPixels()));
            models.add(new ServedModel(k, m.classifier(), m.dir(), prober, new MapJobs(m.classifier(), m.dir(), prober,
                    folder.resolve("model-" + k), jobCount)));
        }
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.startupWatcherEnabled = false;
            c.http.maxRequestSize = config.maxUploadBytes();
            c.jetty.threadPool = new QueuedThreadPool(THREADS, 4);
            c.http.prefer405over404 = true; // a known path asked with another method is 405, not "not found"
            // an Error a handler meets (out of memory above all) is answered as any refusal; the server goes on
            c.pvt.javaLangErrorHandler((res, e) -> Answers.error(res, e));
        });
        app.before(gate::check);
        new ServeApi(frames, earlier, models, config.maxUploadBytes(), FrameLibrary.pixelBudget(config.maxPixels()))
                .routes(app);
        Answers.jsonRefusals(app);
        app.exception(Exception.class, (e, ctx) -> Answers.error(ctx, 500, "cannot answer: "
                + Text.oneLine(e)));
        ServeServer server = new ServeServer(app, models, frames, folder, gate.token(), problems);
        try {
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            server.close();
            throw new IOException("cannot serve on " + config.host() + ":" + config.port() + " (" + bindProblem(e)
                    + ")", e);
        }
        gate.port(app.port());
        return server;
    }

    /** Whether {@code host} names only this machine (then Host headers are checked against DNS rebinding). */
    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Why binding failed, in the socket's own words ("Address already in use", "Cannot assign
     * requested address"), not Javalin's guess that the port is taken.
     */
    private static String bindProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return Text.oneLine(e);
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

    /** The token every request must carry (loopback too). */
    public String token() {
        return token;
    }

    /** The page's address, with the token. */
    public String url(String host) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return String.format(Locale.ROOT, "http://%s:%d/?token=%s", h, port(), token);
    }

    /** Stops serving, stops the map jobs and removes the server's private folder. */
    @Override
    public void close() {
        app.stop();
        models.forEach(ServedModel::close);
        try {
            FileTrees.delete(folder);
        } catch (IOException | RuntimeException e) {
            // a temporary folder: the system's cleaning takes what is left
        }
    }
}
