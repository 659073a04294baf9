package dev.occlude.result;

/**
 * The colour scale an image's pictures used: the values at the bottom and top of their colour
 * bars (probabilities, or drops for a drop map), and where the colour is full. Every map of one
 * image shares it; the frames of a video share the absolute range.
 *
 * @param low the value at the bar's bottom
 * @param high the value at the bar's top
 * @param saturation the change from no change (a fall or rise of the probability, or a drop) at and
 *     beyond which the colour is full; null when the colour is full only at the bar's far end (a
 *     scale given by {@code --scale}, a video's absolute one, a map that barely moves)
 * @param percentile the percentile of the moving pixels' change that {@code saturation} is; null with it
 * @param clipped the share of the moving pixels whose change is beyond {@code saturation}; null with it
 */
public record Scale(double low, double high, Double saturation, Integer percentile, Double clipped) {
    /** A scale whose colour is full at the bar's far end. */
    public Scale(double low, double high) {
        this(low, high, null, null, null);
    }

    /** The scale {lo, hi}, rounded as records round probabilities. */
    public static Scale of(double[] loHi) {
        return new Scale(ResultCodec.round(loHi[0]), ResultCodec.round(loHi[1]));
    }

    /** A scale fitted to the pixels: {lo, hi}, full colour at {@code saturation}, the {@code percentile}th percentile. */
    public static Scale fitted(double[] loHi, double saturation, int percentile, double clipped) {
        return new Scale(ResultCodec.round(loHi[0]), ResultCodec.round(loHi[1]), ResultCodec.round(saturation),
                percentile, ResultCodec.round(clipped));
    }
}
