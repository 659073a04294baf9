package dev.occlude.serve;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import dev.occlude.util.Text;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** JSON answers: a body with its status, or a refusal as {@code {"error": "..."}}. */
final class Answers {
    static final Gson GSON = new Gson();

    private Answers() {}

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(body instanceof JsonElement e ? e.toString()
                : GSON.toJson(body));
    }

    static void error(Context ctx, int status, String message) {
        json(ctx, status, Map.of("error", message));
    }

    /**
     * Javalin's own refusals (an unknown route, a method a route does not take) answered as every other:
     * one line of JSON, not Javalin's text; a handler's own JSON refusal is left as it is.
     */
    static void jsonRefusals(io.javalin.Javalin app) {
        app.error(404, ctx -> {
            if (!isJson(ctx)) {
                error(ctx, 404, "no such request: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> {
            if (!isJson(ctx)) {
                error(ctx, 405, ctx.method() + " is not taken by " + ctx.path());
            }
        });
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json");
    }

    /**
     * An Error met while answering (out of memory above all), answered as a refusal: 503 for
     * memory, which may be back once other requests end, 500 for the rest.
     */
    static void error(jakarta.servlet.http.HttpServletResponse res, Error e) {
        boolean memory = e instanceof OutOfMemoryError;
        String message = memory ? "out of memory while answering; try a smaller image, patch grid or upload"
                : "cannot answer: " + Text.oneLine(e);
        try {
            if (!res.isCommitted()) {
                res.reset();
                res.setStatus(memory ? 503 : 500);
                res.setContentType("application/json");
                res.getOutputStream().write(GSON.toJson(Map.of("error", message))
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException ignored) {
            // the client went away: nothing to answer
        }
    }
}
