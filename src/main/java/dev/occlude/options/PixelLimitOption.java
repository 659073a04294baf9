package dev.occlude.options;

import dev.occlude.batch.BatchOptions;
import dev.occlude.occlusion.Limits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --max-pixels}: larger images are refused before they are decoded. */
public final class PixelLimitOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "50000000", descriptionKey = "max-pixels")
    long maxPixels;

    /** The limit, checked: from 1 to {@link Limits#MAX_PIXELS}. */
    public BatchOptions.PixelLimit limit() {
        if (maxPixels < 1 || maxPixels > Limits.MAX_PIXELS) {
            throw new ParameterException(spec.commandLine(), "--max-pixels must be from 1 to " + Limits.MAX_PIXELS
                    + ", got " + maxPixels);
        }
        return new BatchOptions.PixelLimit(maxPixels, "--max-pixels");
    }
}
