package dev.occlude.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture a person looks at: the source image with the heat map over it, a colour bar with its
 * scale on the right (the clean probability, or no change, marked on it), outlined patches (the
 * minimum) with their numbers beside them, and a caption below that says what the colours mean.
 *
 * <p>Two looks. {@link Look#FOCUS} (the default) leaves the image at full contrast where the
 * probability does not move and lays colour on only where it does, its opacity growing with the
 * change: warm where hiding the patch lowers the probability, blue where it raises it. {@link
 * Look#ARTICLE} is the article's: the colour map blended at one opacity over every pixel. Pixels
 * the map does not cover (NaN) keep the source colour in both. A map whose values span less than
 * {@link #TINY_RANGE} is not stretched into a dramatic picture: the caption says so.
 */
public final class OverlayRenderer {
    /** Below this spread of the map's values (probability), nothing worth colouring moved. */
    public static final double TINY_RANGE = 0.01;
    private static final int BACKGROUND = 0x202020;
    private static final int TEXT = 0xf0f0f0;
    private static final int RISE = 0x4aa3ff;
    private static final int MARKER = 0xffffff;
    /** The worst patch's value on the bar. */
    private static final int WORST = 0x00e5ff;
    /** Below this a change is float noise, not a change: a drop of -7.5e-6 does not make a diverging bar. */
    static final double NOISE = 1e-4;

    /** How the map's colour meets the image. */
    public enum Look {
        /** Full contrast where nothing moves; colour and opacity growing with the change. */
        FOCUS,
        /** The article's: the colour map over every pixel at one opacity. */
        ARTICLE
    }

    private Colormap colormap = Colormap.INFERNO;
    private double alpha = OverlayStyle.FOCUS_ALPHA;
    private double[] fixedScale;
    private Look look = Look.FOCUS;

    /** The same renderer with another colour map. */
    public OverlayRenderer colormap(Colormap colormap) {
        this.colormap = colormap;
        return this;
    }

    /** Weight of the map colour against the image, in [0, 1] (with FOCUS, the weight at the largest change). */
    public OverlayRenderer alpha(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        this.alpha = alpha;
        return this;
    }

    /** Colour scale from lo to hi instead of the map's own min..max; null for automatic. */
    public OverlayRenderer scale(double[] loHi) {
        this.fixedScale = loHi;
        return this;
    }

    /** The same renderer with another look. */
    public OverlayRenderer look(Look look) {
        this.look = look;
        return this;
    }

    /** A rectangle to outline, with an optional label ("1", "2", ...) drawn beside it. */
    public record Mark(Rectangle rect, String label) {}

    /** As {@link #render(BufferedImage, float[], List, Legend)} with a one-line caption. */
    public BufferedImage render(BufferedImage source, float[] map, List<Mark> marks, String caption) {
        return render(source, map, marks, Legend.of(caption));
    }

    /**
     * The overlay: the map's colour over {@code source}, the marks outlined, the colour bar and the legend's caption below.
     */
    public BufferedImage render(BufferedImage source, float[] map, List<Mark> marks, Legend legend) {
        int w = source.getWidth();
        int h = source.getHeight();
        // legible at half size: glyphs at least 2 pixels per font pixel, and a caption that stays a
        // strip below the picture on a 1920x1080 frame too
        int scale = Math.max(2, (int) Math.round(Math.min(w, h) / 256.0));
        int pad = 3 * scale;
        Shading shading = shading(map, legend);
        double[] own = shading.own();
        double[] range = shading.range();
        double ref = shading.ref();

        int barTop = pad;
        int barBottom = Math.max(barTop + 1, h - pad);
        int tickCount = Math.max(2, Math.min(5, (barBottom - barTop) / (PixelFont.height(scale) * 2) + 1));
        List<String> ticks = BarLabels.tickLabels(range[0], range[1], tickCount);
        int labelWidth = 0;
        for (String t : ticks) {
            labelWidth = Math.max(labelWidth, PixelFont.width(t, scale));
        }
        int barWidth = 6 * scale;
        int panel = pad + barWidth + pad + labelWidth + pad;
        List<String> lines = new ArrayList<>();
        if (shading.tiny()) {
            lines.add(String.format(Locale.ROOT, "NO PATCH MOVES THIS %s BY %.2f OR MORE (ITS VALUES SPAN %s): "
                    + "NOTHING TO SHOW", legend.drop() ? "DROP" : "PROBABILITY", TINY_RANGE, BarLabels.number(own[1] - own[0])));
        }
        lines.addAll(legend.lines());
        List<String> wrapped = Annotations.wrap(lines, (w + panel - 2 * pad) / (PixelFont.ADVANCE * scale));
        int lineHeight = PixelFont.height(scale) + 2 * scale;
        int captionHeight = wrapped.size() * lineHeight + 2 * pad - 2 * scale;
        BufferedImage out = new BufferedImage(w + panel, h + captionHeight, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, out.getWidth(), out.getHeight(), BACKGROUND);

        out.setRGB(0, 0, w, h, blended(source, map, shading), 0, w);
        if (!shading.tiny()) {
            Annotations.marks(out, marks, scale, w, h); // where nothing moves, no patch is worth a box
        }

        // colour bar: top is the high end of the scale, each value in the colour it gets over mid grey
        int barX = w + pad;
        for (int y = barTop; y <= barBottom; y++) {
            double v = range[1] - (range[1] - range[0]) * (y - barTop) / Math.max(1, barBottom - barTop);
            PixelFont.fill(out, barX, y, barWidth, 1, colour(0x808080, v, shading));
        }
        if (ref >= range[0] && ref <= range[1]) {
            // the clean probability (or no change): a line across the bar
            int y = (int) Math.round(barTop + (range[1] - ref) / (range[1] - range[0]) * (barBottom - barTop));
            PixelFont.fill(out, barX - scale, y - scale / 2, barWidth + 2 * scale, Math.max(1, scale), MARKER);
        }
        double worst = legend.worst();
        if (!Double.isNaN(worst) && worst >= range[0] && worst <= range[1] && !shading.tiny()) {
            // the worst patch's value, which the caption gives: a second line, in its own colour
            int y = (int) Math.round(barTop + (range[1] - worst) / (range[1] - range[0]) * (barBottom - barTop));
            PixelFont.fill(out, barX - scale, y - scale / 2, barWidth + 2 * scale, Math.max(1, scale), WORST);
        }
        int labelX = barX + barWidth + pad;
        for (int i = 0; i < ticks.size(); i++) {
            double f = ticks.size() == 1 ? 0 : (double) i / (ticks.size() - 1);
            int y = (int) Math.round(barTop + f * (barBottom - barTop));
            // the tick on the bar's far side from its number: never read as a minus sign
            PixelFont.fill(out, barX - pad + scale, y, pad - scale, Math.max(1, scale / 2), TEXT);
            int ty = Math.max(0, Math.min(out.getHeight() - PixelFont.height(scale), y - PixelFont.height(scale) / 2));
            PixelFont.draw(out, ticks.get(i), labelX, Math.min(ty, h - PixelFont.height(scale)), scale, TEXT);
        }
        for (int i = 0; i < wrapped.size(); i++) {
            PixelFont.draw(out, wrapped.get(i), pad, h + pad + i * lineHeight, scale, TEXT);
        }
        return out;
    }

    /**
     * The image with the map's colour and the marks on it, without bar or caption, at the image's
     * own size: what a report's thumbnail shows (rendered small, not a full overlay shrunk).
     */
    public BufferedImage picture(BufferedImage source, float[] map, List<Mark> marks, Legend legend) {
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, blended(source, map, shading(map, legend)), 0, w);
        Annotations.marks(out, marks, 1, w, h);
        return out;
    }

    /**
     * How a map's values become colours, worked out once per map.
     *
     * @param own the map's own min and max
     * @param range the colour scale
     * @param ref the value of no change (the clean probability, or no drop)
     * @param drop the values are drops
     * @param tiny the map barely moves: nothing is stretched
     * @param most with FOCUS, the largest change on the scale: full colour
     */
    private record Shading(double[] own, double[] range, double ref, boolean drop, boolean tiny, double most) {}

    private Shading shading(float[] map, Legend legend) {
        double[] own = BarLabels.finiteRange(map);
        double ref = legend.reference(own[1]);
        boolean drop = legend.drop();
        // the bar reaches every number the caption gives: the worst patch and no change
        double[] shown = {Math.min(own[0], ref), Math.max(own[1], ref)};
        if (!Double.isNaN(legend.worst())) {
            shown[0] = Math.min(shown[0], legend.worst());
            shown[1] = Math.max(shown[1], legend.worst());
        }
        if (drop && shown[0] < 0 && shown[0] > -NOISE) {
            shown[0] = 0; // float noise below no change
        }
        boolean tiny = fixedScale == null && Math.max(ref - shown[0], shown[1] - ref) < TINY_RANGE;
        double[] range = scaleFor(shown, legend, tiny);
        double most = Math.max(Math.abs(drop ? range[1] : ref - range[0]), Math.abs(drop ? range[0] : ref - range[1]));
        return new Shading(own, range, ref, drop, tiny, most);
    }

    private int[] blended(BufferedImage source, float[] map, Shading shading) {
        int w = source.getWidth();
        int h = source.getHeight();
        int[] src = source.getRGB(0, 0, w, h, null, 0, w);
        int[] blended = new int[w * h];
        for (int i = 0; i < w * h; i++) {
            float v = map[i];
            blended[i] = Float.isNaN(v) ? src[i] : colour(src[i], v, shading);
        }
        if (look == Look.FOCUS && !shading.tiny() && shading.most() > 0) {
            outline(blended, map, shading, w, h);
        }
        return blended;
    }

    /**
     * FOCUS outlines the important region (where the change is at least half the largest) with a
     * line in the colour map's hottest colour, drawn just outside it: the region reads at a glance
     * while the pixels inside keep most of their own colour.
     */
    private void outline(int[] out, float[] map, Shading shading, int w, int h) {
        boolean[] inside = new boolean[w * h];
        for (int i = 0; i < w * h; i++) {
            float v = map[i];
            double change = Float.isNaN(v) ? 0 : shading.drop() ? v : shading.ref() - v;
            inside[i] = change >= 0.5 * shading.most();
        }
        Annotations.outlineRegion(out, inside, colormap.color(0.85), w, h);
    }

    /**
     * The colour scale: fixed, or the values shown; symmetric about no change for a drop map of
     * both signs; never past what the values can be (0..1 for a probability, -1..1 for a drop).
     */
    private double[] scaleFor(double[] shown, Legend legend, boolean tiny) {
        if (fixedScale != null) {
            return fixedScale;
        }
        double lo = legend.drop() ? -1 : 0;
        double[] range;
        if (tiny) {
            double mid = Math.max(lo + TINY_RANGE / 2, Math.min(1 - TINY_RANGE / 2, (shown[0] + shown[1]) / 2));
            range = new double[] {mid - TINY_RANGE / 2, mid + TINY_RANGE / 2};
        } else if (legend.drop() && shown[0] < 0 && shown[1] > 0) {
            double m = Math.max(-shown[0], shown[1]);
            range = new double[] {-m, m};
        } else {
            range = shown.clone();
        }
        return new double[] {Math.max(lo, range[0]), Math.min(1, range[1])};
    }

    /** The bar's range for this map and legend (what the picture's colours span), for tests and callers. */
    public double[] barRange(float[] map, Legend legend) {
        return shading(map, legend).range();
    }

    /** A pixel's colour for map value v. */
    private int colour(int src, double v, Shading shading) {
        double[] range = shading.range();
        boolean drop = shading.drop();
        boolean tiny = shading.tiny();
        if (look == Look.ARTICLE) {
            double span = range[1] - range[0];
            // a tiny range is one flat colour: noise is not stretched into a picture
            double t = span > 0 && !tiny ? (v - range[0]) / span : 0.5;
            if (drop && range[0] < 0 && range[1] > 0) {
                return blend(src, diverging(t), alpha);
            }
            return blend(src, colormap.color(t), alpha);
        }
        if (tiny) {
            return src;
        }
        // the change from no change: positive where hiding the patch lowers the probability
        double change = drop ? v : shading.ref() - v;
        if (shading.most() <= 0) {
            return src;
        }
        double t = Math.max(-1, Math.min(1, change / shading.most()));
        return t >= 0 ? blend(src, colormap.color(0.35 + 0.65 * t), alpha * t) : blend(src, RISE, alpha * -t);
    }

    /** Blue through white to red: a drop map with both signs, centred on no change. */
    static int diverging(double t) {
        double u = Math.max(0, Math.min(1, t));
        return u < 0.5 ? blend(0x2166ac, 0xf7f7f7, u * 2) : blend(0xf7f7f7, 0xb2182b, (u - 0.5) * 2);
    }

    static int blend(int a, int b, double alpha) {
        int r = (int) Math.round(((a >> 16) & 0xff) * (1 - alpha) + ((b >> 16) & 0xff) * alpha);
        int g = (int) Math.round(((a >> 8) & 0xff) * (1 - alpha) + ((b >> 8) & 0xff) * alpha);
        int bl = (int) Math.round((a & 0xff) * (1 - alpha) + (b & 0xff) * alpha);
        return r << 16 | g << 8 | bl;
    }
}
