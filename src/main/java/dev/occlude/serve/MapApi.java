package dev.occlude.serve;

import static dev.occlude.serve.Answers.GSON;
import static dev.occlude.serve.Answers.error;
import static dev.occlude.serve.Answers.json;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.occlude.occlusion.MapKind;
import dev.occlude.result.ResultCodec;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * The map jobs' part of the API: start one, follow it as server-sent events, read its result (the
 * command line's record and the map) and its pictures, cancel it.
 */
final class MapApi {
    private final FrameLibrary frames;
    private final List<ServedModel> models;

    MapApi(FrameLibrary frames, List<ServedModel> models) {
        this.frames = frames;
        this.models = models;
    }

    void routes(Javalin app) {
        app.post("/api/maps", this::start);
        app.get("/api/maps/{id}", this::result);
        app.delete("/api/maps/{id}", this::cancel);
        app.sse("/api/maps/{id}/events", this::events);
        app.get("/api/maps/{id}/files/{name}", this::file);
    }

    private Optional<MapJob> job(String id) {
        return models.stream().map(m -> m.jobs().job(id)).flatMap(Optional::stream).findFirst();
    }

    private void start(Context ctx) {
        String id = Params.text(ctx, "image");
        ServedModel model;
        MapJobs.Request r;
        try {
            model = Params.model(ctx, models);
            String kind = Params.text(ctx, "map");
            r = new MapJobs.Request(id, Params.side(ctx, "patch", 64), Params.side(ctx, "stride", 16),
                    Params.text(ctx, "class"), Params.text(ctx, "fill"),
                    kind(kind),
                    Params.rectangles(Params.text(ctx, "keep")), "true".equals(Params.text(ctx, "every_class")),
                    "true".equals(Params.text(ctx, "flips")), Params.passes(ctx));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        Optional<BufferedImage> frame = ServeApi.frame(ctx, frames, id);
        if (frame.isEmpty()) {
            return;
        }
        try {
            MapJob job = model.jobs().start(r, frame.get(), frames.name(id));
            json(ctx, 202, Map.of("id", job.id(), "result", "/api/maps/" + job.id(),
                    "events", "/api/maps/" + job.id() + "/events"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, e.getMessage());
        } catch (RejectedExecutionException e) {
            error(ctx, 503, "too many maps wait already; try again when one is done");
        }
    }

    /** The map kind a request names (probability by default), or an IllegalArgumentException listing them. */
    private static MapKind kind(String text) {
        if (text == null || text.isBlank()) {
            return MapKind.PROBABILITY;
        }
        return Arrays.stream(MapKind.values()).filter(k -> k.label().equalsIgnoreCase(text.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("map must be one of " + String.join(", ", Arrays
                        .stream(MapKind.values()).map(MapKind::label).toList()) + ", got " + text));
    }

    private void result(Context ctx) {
        Optional<MapJob> job = job(ctx.pathParam("id"));
        if (job.isEmpty()) {
            error(ctx, 404, "no map job " + ctx.pathParam("id"));
            return;
        }
        json(ctx, 200, state(job.get(), true));
    }

    /**
     * Stops a queued or running job: 200 once cancelled, 202 while a running one finishes the batch it is
     * scoring (its events then say "cancelled"), 409 when it had ended already.
     */
    private void cancel(Context ctx) {
        String id = ctx.pathParam("id");
        for (ServedModel m : models) {
            Optional<MapJob> job = m.jobs().job(id);
            if (job.isPresent()) {
                if (!m.jobs().cancel(job.get())) {
                    error(ctx, 409, "map job " + id + " ended already ("
                            + job.get().state().name().toLowerCase(Locale.ROOT) + ")");
                    return;
                }
                json(ctx, job.get().ended() ? 200 : 202, state(job.get(), false));
                return;
            }
        }
        error(ctx, 404, "no map job " + id);
    }

    private void events(SseClient client) {
        Optional<MapJob> job = job(client.ctx().pathParam("id"));
        if (job.isEmpty()) {
            client.sendEvent("failed", GSON.toJson(Map.of("error", "no map job")));
            client.close();
            return;
        }
        client.keepAlive();
        MapJob.Listener l = new MapJob.Listener() {
            @Override
            public synchronized void changed(MapJob j) {
                if (client.terminated()) {
                    return;
                }
                String event = j.ended() ? j.state().name().toLowerCase(Locale.ROOT) : "progress";
                client.sendEvent(event, GSON.toJson(state(j, false)));
                if (j.ended()) {
                    client.close();
                }
            }
        };
        client.onClose(() -> job.get().forget(l));
        job.get().listen(l);
    }

    /**
     * Where a job stands; once done, its record (the command line's line), its size and, with
     * {@code withMap}, where its map is (a .npy file: a large frame's map is hundreds of MB as JSON).
     */
    private static JsonObject state(MapJob j, boolean withMap) {
        JsonObject o = new JsonObject();
        o.addProperty("id", j.id());
        o.addProperty("state", j.state().name().toLowerCase(Locale.ROOT));
        o.addProperty("done", j.done());
        o.addProperty("total", j.total());
        if (j.state() == MapJob.State.FAILED) {
            o.addProperty("error", j.error());
        }
        if (j.state() == MapJob.State.DONE) {
            o.add("record", JsonParser.parseString(ResultCodec.toLine(j.record())));
            o.addProperty("width", j.width());
            o.addProperty("height", j.height());
            if (withMap && j.record().outputs() != null) {
                o.addProperty("map", j.record().outputs().map());
            }
        }
        return o;
    }

    /** A picture of a finished job: a plain name in its own folder, nothing else. */
    private void file(Context ctx) throws IOException {
        Optional<MapJob> job = job(ctx.pathParam("id"));
        String name = ctx.pathParam("name");
        if (job.isEmpty() || job.get().folder() == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,200}")) {
            error(ctx, 404, "no such picture");
            return;
        }
        Path file = job.get().folder().resolve(name);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            error(ctx, 404, "no such picture");
            return;
        }
        String type = name.endsWith(".png") ? "image/png" : name.endsWith(".csv") ? "text/csv"
                : name.endsWith(".npy") ? "application/octet-stream" : "application/json";
        ctx.contentType(type).result(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS));
    }
}
