package dev.occlude.occlusion;

import dev.occlude.model.preprocess.Fill;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * What hidden pixels become, as asked for: a grey level, a colour, the image's mean colour
 * (MONAI's mean_img), a Gaussian-blurred copy of the image (XAITK's recommendation), or seeded
 * uniform noise. Each kind knows its parameters, its label and its pixels: {@link #forImage}
 * turns it into the {@link Fill} of one image (FillPixels computes the pixels).
 */
public sealed interface FillSpec permits FillSpec.Grey, FillSpec.Colour, FillSpec.Mean, FillSpec.Blur, FillSpec.Noise {
    /** The blur fill's sigma when none is given, in pixels. */
    double DEFAULT_BLUR_SIGMA = 8;

    /** The fill of one image: hidden pixel (x, y) becomes {@code forImage(image).rgb(x, y)}. */
    Fill forImage(BufferedImage image);

    /**
     * The fill's one description, for captions (upper-cased), report cards and headers: its kind and
     * parameter with units, as {@code grey 0.5}, {@code colour #ff8000}, {@code mean colour},
     * {@code blur sigma 8 px}, {@code noise seed 42}.
     */
    String label();

    /** The kind's name in results: grey, colour, mean, blur or noise. */
    String kind();

    /** The text the settings digest is made of (unchanged since the fill was one record, so resuming still matches). */
    String digestText();

    /**
     * A grey level.
     *
     * @param level in [0, 1], painted as round(255 level)
     */
    record Grey(double level) implements FillSpec {
        /** Checks the level. */
        public Grey {
            if (!(level >= 0 && level <= 1)) {
                throw new IllegalArgumentException("a grey fill is in [0, 1], got " + level);
            }
        }

        /** The grey level painted, as an 8-bit value. */
        public int greyByte() {
            return (int) Math.round(level * 255);
        }

        @Override
        public Fill forImage(BufferedImage image) {
            return Fill.grey(greyByte());
        }

        @Override
        public String label() {
            return "grey " + plain(level);
        }

        @Override
        public String kind() {
            return "grey";
        }

        @Override
        public String digestText() {
            return digest("GREY", level, 0, 0, 0);
        }
    }

    /**
     * One colour.
     *
     * @param rgb the colour, 0xrrggbb
     */
    record Colour(int rgb) implements FillSpec {
        @Override
        public Fill forImage(BufferedImage image) {
            return Fill.colour(rgb);
        }

        @Override
        public String label() {
            return "colour " + hex();
        }

        /** The colour as #rrggbb. */
        public String hex() {
            return String.format(Locale.ROOT, "#%06x", rgb);
        }

        @Override
        public String kind() {
            return "colour";
        }

        @Override
        public String digestText() {
            return digest("COLOUR", 0, rgb, 0, 0);
        }
    }

    /** The image's mean colour (MONAI's mean_img). */
    record Mean() implements FillSpec {
        @Override
        public Fill forImage(BufferedImage image) {
            int w = image.getWidth();
            return Fill.colour(FillPixels.meanColour(image.getRGB(0, 0, w, image.getHeight(), null, 0, w)));
        }

        @Override
        public String label() {
            return "mean colour";
        }

        @Override
        public String kind() {
            return "mean";
        }

        @Override
        public String digestText() {
            return digest("MEAN", 0, 0, 0, 0);
        }
    }

    /**
     * A Gaussian-blurred copy of the image (XAITK's recommendation).
     *
     * @param sigma the Gaussian's standard deviation in source pixels, in (0, 1000]
     */
    record Blur(double sigma) implements FillSpec {
        /** Checks the sigma. */
        public Blur {
            if (!(sigma > 0 && sigma <= 1000)) {
                throw new IllegalArgumentException("the blur's sigma must be in (0, 1000] pixels, got " + sigma);
            }
        }

        @Override
        public Fill forImage(BufferedImage image) {
            int w = image.getWidth();
            int h = image.getHeight();
            return Fill.pixels(FillPixels.blur(image.getRGB(0, 0, w, h, null, 0, w), w, h, sigma), w);
        }

        @Override
        public String label() {
            return "blur sigma " + plain(sigma) + " px";
        }

        @Override
        public String kind() {
            return "blur";
        }

        @Override
        public String digestText() {
            return digest("BLUR", 0, 0, sigma, 0);
        }
    }

    /**
     * Uniform 8-bit noise per channel.
     *
     * @param seed the random generator's seed: the same seed, the same picture
     */
    record Noise(long seed) implements FillSpec {
        @Override
        public Fill forImage(BufferedImage image) {
            return Fill.pixels(FillPixels.noise(image.getWidth(), image.getHeight(), seed), image.getWidth());
        }

        @Override
        public String label() {
            return "noise seed " + seed;
        }

        @Override
        public String kind() {
            return "noise";
        }

        @Override
        public String digestText() {
            return digest("NOISE", 0, 0, 0, seed);
        }
    }

    /** Grey {@code level} in [0, 1]. */
    static FillSpec grey(double level) {
        return new Grey(level);
    }

    /**
     * A fill from its text: a grey level ({@code 0.5}), {@code mean}, {@code blur}, {@code noise}
     * or a colour {@code #rrggbb}; {@code sigma} and {@code seed} serve blur and noise.
     *
     * @throws IllegalArgumentException naming what is accepted
     */
    public static FillSpec parse(String text, double sigma, long seed) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "mean":
                return new Mean();
            case "blur":
                return new Blur(sigma);
            case "noise":
                return new Noise(seed);
            default:
                break;
        }
        if (t.matches("#[0-9a-f]{6}")) {
            return new Colour(Integer.parseInt(t.substring(1), 16));
        }
        try {
            return grey(Double.parseDouble(t));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a fill is a grey level in [0, 1], mean, blur, noise or #rrggbb; got '"
                    + text + "'");
        }
    }

    /** A number as a person writes it: 0.5, 8, 1.25 (no trailing zeros, no exponent). */
    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String digest(String kind, double grey, int rgb, double sigma, long seed) {
        return "FillSpec[kind=" + kind + ", grey=" + grey + ", rgb=" + rgb + ", sigma=" + sigma + ", seed=" + seed + "]";
    }
}
