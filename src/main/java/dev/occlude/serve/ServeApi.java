package dev.occlude.serve;

import static dev.occlude.serve.Answers.GSON;
import static dev.occlude.serve.Answers.error;
import static dev.occlude.serve.Answers.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.io.ImageLoadException;
import dev.occlude.io.PngFiles;
import dev.occlude.model.score.ModelException;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.Limits;
import dev.occlude.occlusion.MapKind;
import dev.occlude.result.ResultCodec;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * The HTTP API under {@code /api/} that the page uses and scripts may call (docs/SERVE.md lists
 * it), and the page itself; {@link MapApi} holds the map jobs' part. Every answer is JSON but the
 * pictures; a refused request gets a status and {@code {"error": "..."}}.
 */
final class ServeApi {
    private static final String PAGE = "/dev/occlude/serve/page/";

    private final FrameLibrary frames;
    private final EarlierResults earlier;
    private final List<ServedModel> models;
    private final long maxUploadBytes;
    private final LatestWins probes = new LatestWins();
    private final FilledFrames filled;

    ServeApi(FrameLibrary frames, EarlierResults earlier, List<ServedModel> models, long maxUploadBytes,
             long pixelBudget) {
        this.frames = frames;
        this.filled = new FilledFrames(pixelBudget);
        this.earlier = earlier;
        this.models = models;
        this.maxUploadBytes = maxUploadBytes;
    }

    void routes(Javalin app) {
        app.get("/", ctx -> page(ctx, "index.html", "text/html; charset=utf-8"));
        for (String script : Gate.SCRIPTS) {
            app.get("/" + script, ctx -> page(ctx, script, "text/javascript; charset=utf-8"));
        }
        app.get("/app.css", ctx -> page(ctx, "app.css", "text/css; charset=utf-8"));
        app.get("/api/model", this::model);
        app.get("/api/frames", ctx -> json(ctx, 200, Map.of("frames", frames.list())));
        app.get("/api/image", this::image);
        app.get("/api/fill", this::fill);
        app.post("/api/upload", this::upload);
        app.get("/api/probe", this::probe);
        app.get("/api/results/{k}/{i}", this::result);
        app.get("/api/results/{k}/{i}/pictures/{n}", this::resultPicture);
        new MapApi(frames, models).routes(app);
    }

    private void page(Context ctx, String name, String type) throws IOException {
        try (InputStream in = ServeApi.class.getResourceAsStream(PAGE + name)) {
            if (in == null) {
                error(ctx, 404, "no " + name);
                return;
            }
            ctx.contentType(type).result(in.readAllBytes());
        }
    }

    /** The first model at the top level (as scripts read it), every model under "models". */
    private void model(Context ctx) {
        JsonArray all = new JsonArray();
        for (ServedModel m : models) {
            JsonObject o = new JsonObject();
            o.addProperty("index", m.index());
            o.addProperty("name", m.dir().name());
            o.add("classes", GSON.toJsonTree(m.classifier().classes()));
            o.addProperty("staged", m.classifier().incremental().isPresent());
            all.add(o);
        }
        JsonObject o = all.get(0).getAsJsonObject().deepCopy();
        o.add("kinds", GSON.toJsonTree(Arrays.stream(MapKind.values()).map(MapKind::label).toList()));
        o.add("models", all);
        // the page's rule: kept patches (its clicks and every pass's worst patch) and passes within these
        JsonObject limits = new JsonObject();
        limits.addProperty("kept", Params.MAX_KEPT);
        limits.addProperty("passes", Limits.MAX_PASSES);
        o.add("limits", limits);
        json(ctx, 200, o);
    }

    private void image(Context ctx) throws IOException {
        Optional<BufferedImage> frame = frame(ctx, frames, Params.text(ctx, "image"));
        if (frame.isEmpty()) {
            return;
        }
        png(ctx, frame.get());
    }

    /** Answers a picture as PNG, never kept by the browser's cache (a frame may change on disk). */
    private static void png(Context ctx, BufferedImage picture) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        ctx.contentType("image/png").header("Cache-Control", "no-store").result(png.toByteArray());
    }

    /**
     * What a patch shows on the frame with {@code fill}: the whole frame filled as a probe fills its
     * patches (a blur or noise as well as a colour), so that the page draws its patches as the model sees them.
     */
    private void fill(Context ctx) throws IOException {
        FillSpec spec;
        try {
            spec = Prober.fill(Params.text(ctx, "fill"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        Optional<BufferedImage> frame = frame(ctx, frames, Params.text(ctx, "image"));
        if (frame.isEmpty()) {
            return;
        }
        png(ctx, filled.filled(Params.text(ctx, "image"), frame.get(), Params.text(ctx, "fill"), spec));
    }

    /** The frame {@code id} names, or empty with the refusal already answered. */
    static Optional<BufferedImage> frame(Context ctx, FrameLibrary frames, String id) {
        if (id == null || id.isBlank()) {
            error(ctx, 400, "image=ID is needed (GET /api/frames lists them)");
            return Optional.empty();
        }
        try {
            return Optional.of(frames.image(id));
        } catch (FrameLibrary.NotFound e) {
            error(ctx, 404, e.getMessage());
        } catch (ImageLoadException e) {
            error(ctx, 422, e.getMessage());
        }
        return Optional.empty();
    }

    /** An earlier run's record of a frame, its pictures named by URLs. */
    private void result(Context ctx) {
        Optional<EarlierResults.Entry> e = earlier.entry(ctx.pathParam("k"), ctx.pathParam("i"));
        if (e.isEmpty()) {
            error(ctx, 404, "no such result");
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("id", e.get().id());
        o.add("record", JsonParser.parseString(ResultCodec.toLine(e.get().record())));
        json(ctx, 200, o);
    }

    /**
     * One of the pictures an earlier run's record names; nothing else. Checked again as it is sent
     * (inside the results' folder, this tool's mark on the very bytes sent), streamed, not held.
     */
    private void resultPicture(Context ctx) throws IOException {
        Optional<EarlierResults.Entry> e = earlier.entry(ctx.pathParam("k"), ctx.pathParam("i"));
        String n = ctx.pathParam("n");
        if (e.isEmpty() || !n.matches("\\d{1,3}") || Integer.parseInt(n) >= e.get().pictures().size()) {
            error(ctx, 404, "no such picture");
            return;
        }
        Path file = e.get().pictures().get(Integer.parseInt(n));
        InputStream in;
        try {
            // still the regular file found at start, by the same real path: a FIFO swapped in would
            // hold a thread for good, a folder swapped for a link would lead out of the results' folder
            if (!file.toRealPath().equals(file)
                    || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                error(ctx, 404, "no such picture");
                return;
            }
            in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException gone) {
            error(ctx, 404, "no such picture");
            return;
        }
        byte[] head = in.readNBytes(EarlierResults.MARK_BYTES);
        if (!EarlierResults.marked(head)) {
            in.close();
            error(ctx, 404, "no such picture");
            return;
        }
        ctx.contentType(PngFiles.isMarked(head) ? "image/png" : "image/jpeg")
                .result(new SequenceInputStream(new ByteArrayInputStream(head), in));
    }

    /** An upload, read up to the limit and no further (a chunked body has no length to check first). */
    private void upload(Context ctx) throws IOException {
        long length = ctx.contentLength();
        if (length > maxUploadBytes) {
            error(ctx, 413, "the upload is " + length + " bytes; this server takes at most " + maxUploadBytes);
            return;
        }
        byte[] data = ctx.req().getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxUploadBytes + 1));
        if (data.length > maxUploadBytes) {
            error(ctx, 413, "the upload is larger than " + maxUploadBytes + " bytes");
            ctx.header("Connection", "close"); // the rest of the body is not read
            return;
        }
        try {
            String id = frames.upload(data, ctx.queryParam("name"));
            json(ctx, 200, Map.of("id", id, "name", frames.name(id)));
        } catch (ImageLoadException e) {
            error(ctx, 422, e.getMessage());
        }
    }

    private void probe(Context ctx) throws Exception {
        String id = ctx.queryParam("image");
        ServedModel model;
        Rectangle patch;
        List<Rectangle> kept;
        long seq;
        try {
            model = Params.model(ctx, models);
            patch = new Rectangle(Params.number(ctx, "x"), Params.number(ctx, "y"), Params.side(ctx, "w"),
                    Params.side(ctx, "h"));
            kept = Params.rectangles(ctx.queryParam("keep"));
            Prober.fill(ctx.queryParam("fill"));
            String seqText = ctx.queryParam("seq");
            if (seqText != null && !seqText.matches("\\d{1,15}")) {
                throw new IllegalArgumentException("seq must be a whole number, got " + seqText);
            }
            seq = seqText == null ? 0 : Long.parseLong(seqText);
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        Optional<BufferedImage> frame = frame(ctx, frames, id);
        if (frame.isEmpty()) {
            return;
        }
        // a probe that does not name its client has its connection's slot, never one shared by everyone
        String client = Optional.ofNullable(ctx.queryParam("client")).map(c -> "client " + (c.length() > 64
                ? c.substring(0, 64) : c)).orElse("connection " + ctx.req().getRemoteAddr() + ":" + ctx.req()
                .getRemotePort()) + "@" + model.index();
        long start = System.nanoTime();
        Optional<Prober.Probe> p;
        try {
            p = probes.run(client, seq, () -> model.prober().probe(id, frame.get(), patch, kept,
                    ctx.queryParam("fill")));
        } catch (ModelException e) {
            error(ctx, 500, e.getMessage());
            return;
        }
        if (p.isEmpty()) {
            error(ctx, 409, "superseded: a later probe from the same client came before this one could start");
            return;
        }
        JsonObject o = new JsonObject();
        o.addProperty("image", id);
        o.addProperty("model", model.dir().name());
        o.add("classes", GSON.toJsonTree(model.classifier().classes()));
        o.add("clean", GSON.toJsonTree(p.get().clean()));
        o.add("probabilities", GSON.toJsonTree(p.get().occluded()));
        o.add("patch", GSON.toJsonTree(new int[] {patch.x, patch.y, patch.width, patch.height}));
        o.add("kept", GSON.toJsonTree(kept.stream().map(r -> new int[] {r.x, r.y, r.width, r.height}).toList()));
        o.addProperty("ms", Math.round((System.nanoTime() - start) / 1e5) / 10.0);
        json(ctx, 200, o);
    }
}
