package dev.occlude.render;

import java.util.Optional;

/**
 * How maps are drawn over their images.
 *
 * @param colormap the colour map
 * @param alpha weight of the map's colour over the image, in [0, 1]
 * @param scale a fixed colour scale {lo, hi} (lo &lt; hi), or empty for each map's own min..max
 */
public record OverlayStyle(Colormap colormap, double alpha, Optional<double[]> scale) {
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

    /** The article's look: afmhot at 60%, each map on its own scale. */
    public static OverlayStyle defaults() {
        return new OverlayStyle(Colormap.AFMHOT, 0.6, Optional.empty());
    }

    /** A renderer in this style. */
    public OverlayRenderer renderer() {
        return new OverlayRenderer().colormap(colormap).alpha(alpha).scale(scale.orElse(null));
    }
}
