package dev.occlude.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The picture a person looks at: the source image with the heat map over it, a colour bar with its
 * scale on the right (round ticks; the clean probability or no change, the worst patch and, for a
 * class that is not the prediction, the patch that raises it most marked on it), outlined patches
 * with their numbers beside them, and a caption below that says what the colours mean. The bar's
 * colours are laid on the picture's mean colour as they are laid on the picture.
 *
 * <p>Two looks, which agree on what matters: the colour map's hot end where hiding a patch lowers
 * the probability most, blue where it raises it. {@link Look#FOCUS} (the default) leaves the image
 * at full contrast where the probability does not move and lays colour on only where it does, its
 * opacity growing with the change, and outlines the important region. {@link Look#ARTICLE} is the
 * article's: the colour map blended at one opacity over every pixel, no change in its cold end.
 * Pixels the map does not cover (NaN) keep the source colour in both. A map whose values move less
 * than {@link #TINY_RANGE} is not coloured: the caption says so and no patch is outlined. The scale
 * is the map's own unless one is given ({@link #scale}): {@link ColourScale} makes one scale for
 * the maps of an image or the frames of a video.
 */
public final class OverlayRenderer {
    /** Below this spread of the map's values (probability), nothing worth colouring moved. */
    public static final double TINY_RANGE = ColourScale.TINY_RANGE;

    /** Whether a change of probability (a patch's, from no change) is worth a mark: {@link #TINY_RANGE} or more. */
    public static boolean visible(double change) {
        return Math.abs(change) >= TINY_RANGE;
    }
    private static final int BACKGROUND = 0x202020;
    private static final int TEXT = 0xf0f0f0;
    /** Where hiding a patch raises the probability, and the patch that raises it most. */
    static final int RISE = 0x4aa3ff;

    /** How the map's colour meets the image. */
    public enum Look {
        /** Full contrast where nothing moves; colour and opacity growing with the change. */
        FOCUS,
        /** The article's: the colour map over every pixel at one opacity. */
        ARTICLE
    }

    private Colormap colormap = Colormap.INFERNO;
    private double alpha = OverlayStyle.FOCUS_ALPHA;
    private ColourScale.Fit fixedScale;
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

    /** Colour scale from lo to hi (full colour at its farthest end) instead of the map's own fitted one; null for automatic. */
    public OverlayRenderer scale(double[] loHi) {
        this.fixedScale = loHi == null ? null : ColourScale.Fit.fixed(loHi);
        return this;
    }

    /** A colour scale fitted elsewhere (one image's pictures share one); null for the map's own. */
    public OverlayRenderer scale(ColourScale.Fit fit) {
        this.fixedScale = fit;
        return this;
    }

    /** The same renderer with another look. */
    public OverlayRenderer look(Look look) {
        this.look = look;
        return this;
    }

    /**
     * A rectangle to outline, with an optional label ("1", "2", ...) drawn beside it.
     *
     * @param raises the patch that raises the class most, outlined in blue; else a patch that lowers it, in cyan
     */
    public record Mark(Rectangle rect, String label, boolean raises) {
        /** A patch that lowers the class. */
        public Mark(Rectangle rect, String label) {
            this(rect, label, false);
        }
    }

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
        // a marked patch beyond the coloured range gets an arrow and its value past the bar's end
        List<ColourBar.Marked> marked = shading.tiny() ? List.of()
                : List.of(new ColourBar.Marked(legend.worst(), Legend.BarMark.WORST.rgb),
                new ColourBar.Marked(legend.best(), Legend.BarMark.RAISE.rgb));
        ColourBar bar = new ColourBar(shading.range(), shading.ref(), marked, h, scale);
        int panel = bar.width();
        List<String> lines = new ArrayList<>();
        if (shading.tiny()) {
            lines.add(String.format(Locale.ROOT, "NO PATCH MOVES THIS %s BY %.2f OR MORE (ITS VALUES SPAN %s): "
                    + "NOTHING TO SHOW", legend.drop() ? "DROP" : "PROBABILITY", TINY_RANGE, BarLabels.number(own[1] - own[0])));
        }
        // the legend names the marks; only the bar knows whether each is a line on it or an arrow past its end
        lines.addAll(legend.caption(m -> bar.arrowFor(m.rgb)));
        lines.addAll(scaleLines(shading, shading.important(map), bar.hasArrows()));
        List<String> wrapped = Annotations.wrap(lines, (w + panel - 2 * pad) / (PixelFont.ADVANCE * scale));
        int lineHeight = PixelFont.height(scale) + 2 * scale;
        int captionHeight = wrapped.size() * lineHeight + 2 * pad - 2 * scale;
        BufferedImage out = new BufferedImage(w + panel, h + captionHeight, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, out.getWidth(), out.getHeight(), BACKGROUND);

        out.setRGB(0, 0, w, h, blended(source, map, shading), 0, w);
        if (!shading.tiny()) {
            Annotations.marks(out, marks, scale, w, h); // where nothing moves, no patch is worth a box
        }
        // each value in the colour it is laid on with over the picture's mean colour, so that the
        // bar reads the overlay; the worst patch the caption gives, and the one that raises the
        // class most, marked where they move it
        int base = Rgb.mean(source, map);
        List<ColourBar.Marked> onBar = new ArrayList<>();
        for (ColourBar.Marked m : marked) {
            if (visible(m.value() - shading.ref())) {
                onBar.add(m);
            }
        }
        bar.draw(out, w, v -> colour(base, v, shading), shading.ref(), onBar);
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

    private Shading shading(float[] map, Legend legend) {
        return Shading.of(map, legend, fixedScale);
    }

    /** What the scale does, said on the picture: where the colour is full and what it clips, the outline, the arrows. */
    private List<String> scaleLines(Shading shading, boolean region, boolean arrows) {
        List<String> lines = new ArrayList<>();
        if (shading.tiny()) {
            return lines;
        }
        ColourScale.Fit fit = shading.fit();
        if (fit.fitted()) {
            lines.add(String.format(Locale.ROOT, "FULL COLOUR AT %s %s+ (%dTH PERCENTILE OF MOVING PIXELS; %.1f%% CLIPPED)",
                    shading.drop() ? "DROP" : "CHANGE", BarLabels.number(fit.saturation(), 3), ColourScale.PERCENTILE,
                    100 * fit.clipped()));
        }
        if (look == Look.FOCUS && region) {
            lines.add(String.format(Locale.ROOT, "%s OUTLINE: IMPORTANT REGION (%s %s+)", colormap.outlineName(),
                    shading.drop() ? "DROP" : "FALL", BarLabels.number(0.5 * shading.most(), 3)));
        }
        if (arrows) {
            lines.add("ARROW PAST THE BAR: A PATCH'S VALUE BEYOND EVERY PIXEL'S (A PIXEL IS THE MEAN OF ITS PATCHES)");
        }
        return lines;
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
            inside[i] = shading.inRegion(map[i]);
        }
        Annotations.outlineRegion(out, inside, colormap.color(0.85), w, h);
    }

    /** The bar's range for this map and legend (what the picture's colours span), for tests and callers. */
    public double[] barRange(float[] map, Legend legend) {
        return shading(map, legend).range();
    }

    /** The scale this map's picture uses (the one given, or its own fitted one), for callers that record it. */
    public ColourScale.Fit fit(float[] map, Legend legend) {
        return shading(map, legend).fit();
    }

    /**
     * A pixel's colour for map value v. Both looks colour the change from no change the same way:
     * the colour map's hot end where hiding a patch lowers the probability most, blue where it
     * raises it. FOCUS lays the colour on with an opacity growing with the change (none where
     * nothing moves); ARTICLE at one opacity everywhere, no change in the colour map's cold end.
     */
    private int colour(int src, double v, Shading shading) {
        // the change from no change, as a share of the largest on the scale: positive where hiding
        // the patch lowers the probability
        double change = shading.change(v);
        double t = shading.tiny() || shading.most() <= 0 ? 0 : Math.max(-1, Math.min(1, change / shading.most()));
        if (look == Look.ARTICLE) {
            int c = t >= 0 ? colormap.color(t) : Rgb.blend(colormap.color(0), RISE, -t);
            return Rgb.blend(src, c, alpha);
        }
        // a strongly coloured pixel (a lamp) takes less of the colour, so that it keeps its own hue
        double opacity = alpha * Math.abs(t) * (1 - KEEP_COLOUR * Math.max(0, Math.min(1, (Rgb.colourfulness(src) - 0.25) / 0.5)));
        return t >= 0 ? Rgb.blend(src, colormap.color(0.35 + 0.65 * t), opacity) : Rgb.blend(src, RISE, opacity);
    }

    /**
     * How much less colour FOCUS lays on a strongly coloured pixel than on a grey one: none up to a
     * colourfulness of 0.25 (a night frame, a grey road, a pale sky), this share from 0.75 (a lamp).
     */
    private static final double KEEP_COLOUR = 0.85;
}
