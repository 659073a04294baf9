package dev.occlude.cli;

import dev.occlude.render.Colormap;
import dev.occlude.render.OverlayStyle;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** How the overlays look: colour map, opacity, colour scale. */
final class LookOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--scale", paramLabel = "auto|LO,HI", defaultValue = "auto", converter = ScaleConverter.class,
            description = "Colour scale: the map's own min..max (auto, default) or fixed, e.g. 0,1.")
    Scale scale;

    @Option(names = "--colormap", paramLabel = "NAME", defaultValue = "afmhot", converter = ColormapConverter.class,
            description = "afmhot (default), viridis, inferno or gray.")
    Colormap colormap;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "0.6",
            description = "Weight of the map's colour over the image, in [0,1] (default: 0.6).")
    double alpha;

    OverlayStyle style() {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new ParameterException(spec.commandLine(), "--alpha must be in [0, 1], got " + alpha);
        }
        return new OverlayStyle(colormap, alpha, scale.fixed());
    }

    /** The colour scale as given: fixed {lo, hi}, or empty for auto. */
    record Scale(Optional<double[]> fixed) {}

    /** auto, or LO,HI with LO &lt; HI. */
    static final class ScaleConverter implements ITypeConverter<Scale> {
        @Override
        public Scale convert(String value) {
            if (value.equals("auto")) {
                return new Scale(Optional.empty());
            }
            String[] t = value.split(",");
            double[] loHi;
            try {
                loHi = new double[] {Double.parseDouble(t[0]), Double.parseDouble(t[1])};
            } catch (RuntimeException e) {
                throw new TypeConversionException("--scale takes auto or LO,HI (e.g. 0,1), got '" + value + "'");
            }
            if (t.length != 2 || !(loHi[0] < loHi[1])) {
                throw new TypeConversionException("--scale takes auto or LO,HI with LO < HI, got '" + value + "'");
            }
            return new Scale(Optional.of(loHi));
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
