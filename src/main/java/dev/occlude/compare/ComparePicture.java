package dev.occlude.compare;

import dev.occlude.render.ColourScale;
import dev.occlude.result.Mapped;
import dev.occlude.render.Legend;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.OverlayStyle;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * NAME.compare.png: model A's map | model B's map | B minus A, of the same class. A and B share one
 * colour scale (the user's {@code --scale}, else the union of what each must show); the difference
 * has its own, symmetric about no change. Each panel marks its model's worst patch; the first
 * caption says the verdict and both predictions.
 */
final class ComparePicture {
    private ComparePicture() {}

    /**
     * Where NAME.compare.png goes: model B's overlay's path below the compare's folder {@code out}
     * rather than below B's {@code outB}; a video's frame whose overlay is not kept gets the frame's
     * index in its name.
     */
    static Path path(Mapped b, Path out, Path outB) {
        String overlay = b.outputs() == null ? null : b.outputs().overlay();
        Path rel = overlay == null ? Path.of(b.image()).getFileName() : outB.toAbsolutePath().normalize()
                .relativize(Path.of(overlay).toAbsolutePath().normalize());
        String name = rel.getFileName().toString();
        boolean own = name.endsWith(".occlusion.png");
        String stem = name.contains(".occlusion.") ? name.substring(0, name.indexOf(".occlusion."))
                : name.replaceFirst("\\.[^.]*$", "");
        if (b.frame() != null && !own) {
            stem += String.format(Locale.ROOT, ".f%06d", b.frame().index());
        }
        return out.resolve(rel).resolveSibling(stem + ".compare.png");
    }

    /** The three panels side by side. */
    static BufferedImage render(BufferedImage image, Focus f, Verdict v, String nameA, String nameB, OverlayStyle style,
                                Column colA, Column colB) {
        float cleanA = colA.clean();
        float cleanB = colB.clean();
        String cls = f.className().toUpperCase(Locale.ROOT);
        Legend la = new Legend(false, cleanA, List.of(v.caption(), "A " + nameA.toUpperCase(Locale.ROOT) + ": P("
                + cls + ")"), colA.values()[colA.worst()]);
        Legend lb = new Legend(false, cleanB, List.of("B " + nameB.toUpperCase(Locale.ROOT) + ": P(" + cls + ")",
                "SAME SCALE AS A"), colB.values()[colB.worst()]);
        ColourScale.Fit scale = style.scale().map(ColourScale.Fit::fixed)
                .orElseGet(() -> ColourScale.shared(List.of(f.mapA(), f.mapB()), List.of(la, lb)));
        OverlayRenderer shared = style.renderer().scale(scale);
        float[] diff = new float[f.mapA().length];
        double most = ColourScale.TINY_RANGE;
        for (int i = 0; i < diff.length; i++) {
            // each model's change from its own clean probability: where they look differently, not
            // how far apart their clean probabilities lie (that gap would colour every pixel)
            diff[i] = (f.mapB()[i] - cleanB) - (f.mapA()[i] - cleanA);
            if (!Float.isNaN(diff[i])) {
                most = Math.max(most, Math.abs(diff[i]));
            }
        }
        Legend ld = new Legend(true, Double.NaN, List.of(String.format(Locale.ROOT,
                "B MINUS A: CHANGE OF P(%s) FROM EACH ONE'S CLEAN P, %s", cls, f.distance() == null ? "ONE SIDE HAS NO FOCUS"
                        : String.format(Locale.ROOT, "WORST PATCHES %.0f PX APART", f.distance()))));
        BufferedImage a = shared.render(image, f.mapA(), List.of(new OverlayRenderer.Mark(f.worstA(), "A")), la);
        BufferedImage b = shared.render(image, f.mapB(), List.of(new OverlayRenderer.Mark(f.worstB(), "B")), lb);
        BufferedImage d = style.renderer().scale(new double[] {-most, most}).render(image, diff,
                List.of(new OverlayRenderer.Mark(f.worstA(), "A"), new OverlayRenderer.Mark(f.worstB(), "B")), ld);
        return beside(List.of(a, b, d));
    }

    private static BufferedImage beside(List<BufferedImage> panels) {
        int w = 0;
        int h = 0;
        for (BufferedImage p : panels) {
            w += p.getWidth();
            h = Math.max(h, p.getHeight());
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(new Color(0x202020)); // the overlays' own background
        g.fillRect(0, 0, w, h);
        int x = 0;
        for (BufferedImage p : panels) {
            g.drawImage(p, x, 0, null);
            x += p.getWidth();
        }
        g.dispose();
        return out;
    }
}
