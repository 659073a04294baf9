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
}
