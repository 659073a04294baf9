package dev.occlude.options;

import dev.occlude.io.PixelLimit;
import dev.occlude.occlusion.Limits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --max-pixels}: larger images are refused before they are decoded. */
public final class PixelLimitOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "" + PixelLimit.DEFAULT_PIXELS,
            descriptionKey = "max-pixels")
    long maxPixels;

    /** The limit, checked: from 1 to {@link PixelLimit#MAX_PIXELS}. */
    public PixelLimit limit() {
        if (maxPixels < 1 || maxPixels > PixelLimit.MAX_PIXELS) {
            throw new ParameterException(spec.commandLine(), "--max-pixels must be from 1 to " + PixelLimit.MAX_PIXELS
                    + ", got " + maxPixels);
        }
        return new PixelLimit(maxPixels, "--max-pixels");
    }
}
