package dev.occlude.render;

import java.util.Optional;

/**
 * How maps are drawn over their images.
 *
 * @param colormap the colour map
 * @param alpha weight of the map's colour over the image, in [0, 1]
 * @param scale a fixed colour scale {lo, hi} (lo &lt; hi), or empty for each map's own min..max
 * @param look colour only where the probability moves (FOCUS), or over every pixel (ARTICLE)
 */
public record OverlayStyle(Colormap colormap, double alpha, Optional<double[]> scale, OverlayRenderer.Look look) {
    /** Checks the opacity and the scale. */
    public OverlayStyle {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        scale.ifPresent(s -> {
            if (s.length != 2 || !(s[0] < s[1])) {
                throw new IllegalArgumentException("a colour scale is two numbers lo < hi");
            }
        });
    }

    /**
     * A colour scale from its text: {@code auto} (empty) or {@code LO,HI} with LO &lt; HI.
     *
     * @throws IllegalArgumentException saying what is accepted
     */
    public static Optional<double[]> parseScale(String text) {
        if (text.equals("auto")) {
            return Optional.empty();
        }
        String[] t = text.split(",");
        try {
            double[] loHi = {Double.parseDouble(t[0]), Double.parseDouble(t[1])};
            if (t.length == 2 && loHi[0] < loHi[1]) {
                return Optional.of(loHi);
            }
        } catch (RuntimeException e) {
            // said below
        }
        throw new IllegalArgumentException("takes auto or LO,HI with LO < HI (e.g. 0,1), got '" + text + "'");
    }

    /** FOCUS's default opacity at the largest change: low enough that a red lamp stays red under the colour. */
    public static final double FOCUS_ALPHA = 0.45;

    /**
     * A look's own colour map and opacity, where the user gave none: inferno at 0.45 for FOCUS (the
     * frame's own colours stay readable under it, the important region outlined), the article's
     * afmhot at 0.6.
     */
    public static OverlayStyle of(OverlayRenderer.Look look, Colormap colormap, Double alpha, Optional<double[]> scale) {
        boolean focus = look == OverlayRenderer.Look.FOCUS;
        return new OverlayStyle(colormap != null ? colormap : focus ? Colormap.INFERNO : Colormap.AFMHOT,
                alpha != null ? alpha : focus ? FOCUS_ALPHA : 0.6, scale, look);
    }

    /** A renderer in this style. */
    public OverlayRenderer renderer() {
        return new OverlayRenderer().colormap(colormap).alpha(alpha).scale(scale.orElse(null)).look(look);
    }
}
