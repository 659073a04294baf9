package dev.occlude.picture;

import dev.occlude.occlusion.Analysis;
import dev.occlude.occlusion.FillSpec;
import dev.occlude.occlusion.MapKind;
import dev.occlude.occlusion.PatchSize;
import dev.occlude.render.Legend;
import dev.occlude.render.OverlayRenderer;
import java.awt.Rectangle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What each overlay of an image says: the class, the probability the patches are measured from,
 * the worst patch (and for a class that is not the prediction, the patch that raises it most), what
 * the bar shows, the model and the scan's settings.
 */
final class Captions {
    private final FillSpec fill;

    Captions(FillSpec fill) {
        this.fill = fill;
    }

    /** Whether the patch that raises {@code a}'s class most is drawn: the class is not the prediction and some patch raises it visibly. */
    static boolean drawsRaise(Analysis a) {
        return a.asksRaise() && a.maxProbability() > a.cleanProbability()
                && OverlayRenderer.visible(a.maxProbability() - a.cleanProbability());
    }

    /** Whether {@code a}'s worst patch is drawn: hiding it lowers the class visibly (for a class near 0, nothing does). */
    static boolean drawsWorst(Analysis a) {
        return a.cleanProbability() > a.minProbability()
                && OverlayRenderer.visible(a.cleanProbability() - a.minProbability());
    }

    /** A map's legend, its patches measured from the clean image. */
    Legend legend(Analysis a, MapKind kind, String model, PatchSize size, String extra) {
        return legend(a, kind, model, size, extra, "CLEAN");
    }

    /** As above; {@code baseline} names the probability the patches are measured from ("CLEAN", or what is hidden). */
    Legend legend(Analysis a, MapKind kind, String model, PatchSize size, String extra, String baseline) {
        Rectangle p = a.minPatch();
        String name = a.targetName().toUpperCase(Locale.ROOT);
        boolean drop = kind == MapKind.DROP;
        double clean = a.cleanProbability();
        List<String> lines = new ArrayList<>();
        lines.add(drawsWorst(a) ? String.format(Locale.ROOT, "%s: %s P=%.4f; WORST PATCH P=%.4f: %dX%d AT X=%d Y=%d "
                + "(TOP-LEFT)", name, baseline, clean, a.minProbability(), p.width, p.height, p.x, p.y)
                : String.format(Locale.ROOT, "%s: %s P=%.4f; NO PATCH LOWERS IT BY %.2f OR MORE (LOWEST P=%.4f)", name,
                baseline, clean, OverlayRenderer.TINY_RANGE, a.minProbability()));
        boolean raise = drawsRaise(a);
        if (a.asksRaise()) {
            Rectangle r = a.maxPatch();
            lines.add(raise ? String.format(Locale.ROOT, "NOT THE PREDICTION: THE PATCH THAT RAISES IT MOST (BLUE BOX) "
                    + "GIVES P=%.4f: %dX%d AT X=%d Y=%d", a.maxProbability(), r.width, r.height, r.x, r.y)
                    : String.format(Locale.ROOT, "NOT THE PREDICTION: NO PATCH RAISES IT BY %.2f OR MORE (HIGHEST P=%.4f)",
                    OverlayRenderer.TINY_RANGE, a.maxProbability()));
        }
        lines.add(bar(kind, a.targetName(), baseline));
        // the bar's marks named at the end of its line; the renderer says line or arrow
        List<Legend.BarMark> named = new ArrayList<>();
        if (drawsWorst(a)) {
            named.add(Legend.BarMark.WORST);
        }
        if (raise) {
            named.add(Legend.BarMark.RAISE);
        }
        Legend.Key key = new Legend.Key(lines.size() - 1, named);
        lines.add(String.format(Locale.ROOT, "MODEL %s  PATCH %d  STRIDE %d%s%s", model, size.patch(), size.stride(),
                fill instanceof FillSpec.Grey g && g.greyByte() == 128 ? "" : "  FILL " + fill.label().toUpperCase(Locale.ROOT),
                extra));
        if (size.stride() >= size.patch()) {
            // the patches only touch: an object across a border is never hidden whole
            lines.add("STRIDE >= PATCH: AN OBJECT ACROSS A PATCH BORDER IS NEVER HIDDEN WHOLE (A SMALLER STRIDE OVERLAPS)");
        }
        double worst = drop ? clean - a.minProbability() : a.minProbability();
        // the bar reaches the highest probability the caption gives, drawn or not
        double best = !a.asksRaise() ? Double.NaN : drop ? clean - a.maxProbability() : a.maxProbability();
        return new Legend(drop, clean, lines, worst, best, key);
    }

    /** The combined map's legend: the mean of the sizes' maps. */
    static Legend combined(Analysis main, MapKind kind, List<PatchSize> sizes, String model) {
        return new Legend(kind == MapKind.DROP, main.cleanProbability(), List.of(
                main.targetName().toUpperCase(Locale.ROOT) + ": MEAN OF THE MAPS OF PATCH SIZES "
                        + sizes.stream().map(z -> String.valueOf(z.patch())).collect(Collectors.joining(", ")),
                bar(kind, main.targetName(), "CLEAN"), "MODEL " + model));
    }

    /** What pass {@code k}'s probability without a patch is: with the patches of the passes before it hidden. */
    static String hidden(int earlier) {
        return earlier == 1 ? "WITH PATCH 1 HIDDEN" : "WITH PATCHES 1-" + earlier + " HIDDEN";
    }

    /** What the colour bar shows; its white line is the probability the patches are measured from ({@code baseline}). */
    private static String bar(MapKind kind, String target, String baseline) {
        String name = target.toUpperCase(Locale.ROOT);
        return kind == MapKind.DROP
                ? "BAR: DROP OF P(" + name + ") PER PIXEL, MEAN OF ITS PATCHES; WHITE LINE: NO CHANGE"
                : "BAR: P(" + name + ") PER PIXEL, MEAN OF ITS PATCHES; WHITE LINE: "
                        + (baseline.equals("CLEAN") ? "CLEAN P" : "P " + baseline);
    }

    /** The line that says which pictures share the scale, or null when a picture has it alone. */
    static String sharedScale(int pictures, boolean frame, boolean fixed) {
        if (fixed) {
            return "SCALE FIXED BY --scale";
        }
        if (frame) {
            return "ONE SCALE FOR EVERY FRAME OF THE VIDEO: EVERY VALUE THE MAP CAN TAKE";
        }
        return pictures > 1 ? "ONE SCALE FOR THIS IMAGE'S " + pictures + " PICTURES" : null;
    }
}
