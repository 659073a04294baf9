package dev.occlude.options;

import dev.occlude.render.Colormap;
import dev.occlude.render.OverlayRenderer;
import dev.occlude.render.OverlayStyle;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * How the overlays look: focus or the article's, colour map, opacity, colour scale. A picocli
 * mixin that the command line and the Spark job share.
 */
public final class LookOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--look", paramLabel = "focus|article", defaultValue = "focus",
            completionCandidates = LowerCaseValues.Looks.class)
    OverlayRenderer.Look look;

    @Option(names = "--scale", paramLabel = "auto|LO,HI", defaultValue = "auto", converter = ScaleConverter.class)
    Scale scale;

    @Option(names = "--colormap", paramLabel = "NAME", converter = ColormapConverter.class,
            completionCandidates = LowerCaseValues.Colormaps.class)
    Colormap colormap;

    @Option(names = "--alpha", paramLabel = "A")
    Double alpha;

    /** The look, checked: every problem is a usage error naming the option. */
    public OverlayStyle style() {
        if (alpha != null && !(alpha >= 0 && alpha <= 1)) {
            throw new ParameterException(spec.commandLine(), "--alpha must be in [0, 1], got " + alpha);
        }
        return OverlayStyle.of(look, colormap, alpha, scale.fixed());
    }

    /** The colour scale as given: fixed {lo, hi}, or empty for auto. */
    record Scale(Optional<double[]> fixed) {}

    /** auto, or LO,HI with LO &lt; HI. */
    static final class ScaleConverter implements ITypeConverter<Scale> {
        @Override
        public Scale convert(String value) {
            try {
                return new Scale(OverlayStyle.parseScale(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("--scale " + e.getMessage());
            }
        }
    }

    /** A colour map by its lower-case name; a wrong one is refused naming the known ones. */
    static final class ColormapConverter implements ITypeConverter<Colormap> {
        @Override
        public Colormap convert(String value) {
            try {
                return Colormap.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
