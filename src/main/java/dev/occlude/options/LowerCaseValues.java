package dev.occlude.options;

import dev.occlude.occlusion.MapKind;
import dev.occlude.render.Colormap;
import dev.occlude.render.OverlayRenderer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/** An enum option's values as the docs write them and completion offers them: lower case. */
final class LowerCaseValues {
    private LowerCaseValues() {}

    private static Iterator<String> of(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).iterator();
    }

    /** --map's values. */
    static final class MapKinds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return of(MapKind.values());
        }
    }

    /** --colormap's values. */
    static final class Colormaps implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return of(Colormap.values());
        }
    }

    /** --fill's words, a grey level and a colour (any level in [0, 1] or #rrggbb works). */
    static final class Fills implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("0.5", "mean", "blur", "noise", "0", "1", "#808080").iterator();
        }
    }

    /** --look's values. */
    static final class Looks implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return of(OverlayRenderer.Look.values());
        }
    }
}
