package dev.occlude.serve;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.javalin.http.Context;

/** JSON answers: a body with its status, or a refusal as {@code {"error": "..."}}. */
final class Answers {
    static final Gson GSON = new Gson();

    private Answers() {}

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(body instanceof JsonElement e ? e.toString()
                : GSON.toJson(body));
    }

    static void error(Context ctx, int status, String message) {
        json(ctx, status, java.util.Map.of("error", message));
    }

    /**
     * An Error met while answering (out of memory above all), answered as a refusal: 503 for
     * memory, which may be back once other requests end, 500 for the rest.
     */
    static void error(jakarta.servlet.http.HttpServletResponse res, Error e) {
        boolean memory = e instanceof OutOfMemoryError;
        String message = memory ? "out of memory while answering; try a smaller image, patch grid or upload"
                : "cannot answer: " + dev.occlude.util.Text.oneLine(e);
        try {
            if (!res.isCommitted()) {
                res.reset();
                res.setStatus(memory ? 503 : 500);
                res.setContentType("application/json");
                res.getOutputStream().write(GSON.toJson(java.util.Map.of("error", message))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException | RuntimeException ignored) {
            // the client went away: nothing to answer
        }
    }
}
