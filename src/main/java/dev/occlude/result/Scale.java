package dev.occlude.result;

/**
 * The colour scale an image's pictures used: the values at the bottom and top of their colour
 * bars (probabilities, or drops for a drop map). Every map of one image shares it; the frames of a
 * video share the absolute range.
 *
 * @param low the value at the bar's bottom
 * @param high the value at the bar's top
 */
public record Scale(double low, double high) {
    /** The scale {lo, hi}, rounded as records round probabilities. */
    public static Scale of(double[] loHi) {
        return new Scale(ResultCodec.round(loHi[0]), ResultCodec.round(loHi[1]));
    }
}
