package dev.occlude.serve;

import dev.occlude.occlusion.Limits;
import io.javalin.http.Context;
import java.awt.Rectangle;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A request's parameters, from its query or its form, checked: a problem is an IllegalArgumentException naming it. */
final class Params {
    /**
     * The most patches {@code keep} takes: as many as passes may be asked for, so that a probe hiding every
     * pass's worst patch (the page sends them all) is never refused. The page reads it from GET /api/model.
     */
    static final int MAX_KEPT = Limits.MAX_PASSES;

    private Params() {}

    static String text(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v != null ? v : ctx.formParam(name);
    }

    /** The most a coordinate may be either way: six digits. */
    private static final int MAX_COORDINATE = 999_999;

    /** A coordinate in pixels, -999999 to 999999. */
    static int number(Context ctx, String name) {
        return (int) whole(ctx, name, -MAX_COORDINATE, MAX_COORDINATE);
    }

    static int side(Context ctx, String name) {
        return (int) whole(ctx, name, 1, Limits.MAX_SIDE);
    }

    /**
     * A whole number from {@code least} to {@code most}: one that is not a whole number is named as
     * such, one out of the range (however many digits) names the range.
     */
    private static long whole(Context ctx, String name, long least, long most) {
        String v = text(ctx, name);
        if (v == null || !v.trim().matches("-?\\d{1,1000}")) {
            throw new IllegalArgumentException(name + " must be a whole number of pixels, got " + v);
        }
        BigInteger n = new BigInteger(v.trim());
        if (n.compareTo(BigInteger.valueOf(least)) < 0 || n.compareTo(BigInteger.valueOf(most)) > 0) {
            throw new IllegalArgumentException(name + " must be " + least + " to " + most + ", got " + v.trim());
        }
        return n.longValueExact();
    }

    static int side(Context ctx, String name, int fallback) {
        return text(ctx, name) == null ? fallback : side(ctx, name);
    }

    /** The number of passes a map asks for (1 when not given), as --passes takes it. */
    static int passes(Context ctx) {
        String v = text(ctx, "passes");
        if (v == null || v.isBlank()) {
            return 1;
        }
        if (!v.trim().matches("\\d{1,3}")) {
            throw new IllegalArgumentException("passes must be a whole number from 1 to " + Limits.MAX_PASSES + ", got "
                    + v);
        }
        return Integer.parseInt(v.trim());
    }

    /** Rectangles written x,y,w,h;x,y,w,h (none for null or empty), {@link #MAX_KEPT} at most. */
    static List<Rectangle> rectangles(String text) {
        List<Rectangle> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(";")) {
            String[] v = part.trim().split(",");
            if (v.length != 4 || out.size() >= MAX_KEPT) {
                throw new IllegalArgumentException("keep takes up to " + MAX_KEPT + " patches as x,y,w,h;x,y,w,h, got "
                        + (out.size() >= MAX_KEPT ? text.split(";").length + " patches" : text));
            }
            Rectangle r;
            try {
                r = new Rectangle(Integer.parseInt(v[0].trim()), Integer.parseInt(v[1].trim()),
                        Integer.parseInt(v[2].trim()), Integer.parseInt(v[3].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("keep takes x,y,w,h;x,y,w,h in whole pixels, got " + text);
            }
            if (r.width < 1 || r.height < 1 || r.width > Limits.MAX_SIDE || r.height > Limits.MAX_SIDE) {
                throw new IllegalArgumentException("a kept patch's sides must be 1 to " + Limits.MAX_SIDE + ", got "
                        + part);
            }
            out.add(r);
        }
        return out;
    }

    /** The model a request names ({@code model=K}, K from 0; the first by default). */
    static ServedModel model(Context ctx, List<ServedModel> models) {
        String v = text(ctx, "model");
        if (v == null || v.isBlank()) {
            return models.get(0);
        }
        if (!v.trim().matches("\\d{1,2}") || Integer.parseInt(v.trim()) >= models.size()) {
            throw new IllegalArgumentException("model must be 0" + (models.size() > 1 ? " to " + (models.size() - 1) : "")
                    + " (GET /api/model lists them), got " + v);
        }
        return models.get(Integer.parseInt(v.trim()));
    }
}
