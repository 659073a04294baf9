package dev.occlude.model.preprocess;

import java.awt.Dimension;
import java.util.Map;

/**
 * DJL's image-classification preprocessing, as stated by a model's serving.properties, with DJL's
 * meaning of each key: {@code resize} (bilinear, aspect not kept), {@code resizeShort},
 * {@code centerCrop} to {@code width x height}, {@code toTensor} (bytes / 255), {@code normalize}
 * and {@code range}. Keys whose value this tool cannot reproduce exactly are refused.
 */
public final class Preprocessing {
    /**
     * The source size assumed where no image is at hand (checking a model's stages at load,
     * measuring speed before any image is read): a dash-cam frame of the article's data, 455x256.
     */
    public static final Dimension TYPICAL_SOURCE = new Dimension(455, 256);

    /** The geometry of {@link #TYPICAL_SOURCE}. */
    public Geometry typicalGeometry() {
        return geometry(TYPICAL_SOURCE.width, TYPICAL_SOURCE.height);
    }

    /** ImageNet statistics, DJL's {@code normalize=true}. */
    static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private enum Resize { NONE, FIXED, SHORT_EDGE }

    /** The largest side a model may ask for: 8192 pixels (3 x 8192 x 8192 floats are 805 MB already). */
    public static final int MAX_SIDE = 8192;

    private final int width;
    private final int height;
    private final Resize resize;
    private final int resizeWidth;
    private final int resizeHeight;
    private final int shortEdge;
    private final int longEdge;
    private final boolean centerCrop;
    private final float[] mean;
    private final float[] std;
    private final String range;
    private final int channels;

    private Preprocessing(int width, int height, Resize resize, int resizeWidth, int resizeHeight,
                          int shortEdge, int longEdge, boolean centerCrop, float[] mean, float[] std, String range, int channels) {
        this.width = width;
        this.height = height;
        this.resize = resize;
        this.resizeWidth = resizeWidth;
        this.resizeHeight = resizeHeight;
        this.shortEdge = shortEdge;
        this.longEdge = longEdge;
        this.centerCrop = centerCrop;
        this.mean = mean;
        this.std = std;
        this.range = range;
        this.channels = channels;
    }

    /** Reads the translator keys; an unsupported value gives an IllegalArgumentException naming the key. */
    public static Preprocessing fromProperties(Map<String, String> p) {
        int width = intValue(p, "width", 224);
        int height = intValue(p, "height", 224);
        String flag = p.getOrDefault("flag", "COLOR");
        if (!flag.equals("COLOR") && !flag.equals("GRAYSCALE")) {
            throw new IllegalArgumentException("flag=" + flag + " is not one of DJL's image flags (COLOR, GRAYSCALE)");
        }
        int channels = flag.equals("GRAYSCALE") ? 1 : 3;
        if (channels == 1 && !p.getOrDefault("normalize", "false").equals("false")) {
            // DJL's Normalize holds three channels' statistics and would make three channels of the one
            throw new IllegalArgumentException("normalize with flag=GRAYSCALE: DJL would turn the grey channel into "
                    + "three; normalise inside the network instead");
        }
        refuseUnlessFalse(p, "pad", "padding");
        refuseUnlessFalse(p, "centerFit", "centerFit");
        String batchifier = p.getOrDefault("batchifier", "stack");
        if (!batchifier.equals("stack")) {
            throw new IllegalArgumentException("batchifier=" + batchifier + " is not supported (only stack)");
        }
        if (!bool(p, "toTensor", true)) {
            throw new IllegalArgumentException("toTensor=false is not supported (the model must take DJL's CHW float tensor)");
        }

        Resize resize = Resize.NONE;
        int rw = 0;
        int rh = 0;
        int shortEdge = 0;
        int longEdge = -1;
        String r = p.getOrDefault("resize", "false");
        if (r.equals("true")) {
            resize = Resize.FIXED;
            rw = width;
            rh = height;
        } else if (!r.equals("false")) {
            String[] t = r.split("\\s*,\\s*");
            resize = Resize.FIXED;
            rw = side("resize", t[0]);
            rh = t.length > 1 ? side("resize", t[1]) : rw;
            requireBilinear("resize", t);
        }
        String rs = p.getOrDefault("resizeShort", "false");
        if (!rs.equals("false")) {
            if (resize != Resize.NONE) {
                throw new IllegalArgumentException("resize and resizeShort together are not supported");
            }
            resize = Resize.SHORT_EDGE;
            if (rs.equals("true")) {
                shortEdge = Math.max(width, height);
            } else {
                String[] t = rs.split("\\s*,\\s*");
                shortEdge = t[0].equals("-1") ? -1 : side("resizeShort", t[0]); // -1: only the long edge is set
                longEdge = t.length > 1 ? side("resizeShort", t[1]) : -1;
                requireBilinear("resizeShort", t);
            }
        }
        boolean crop = bool(p, "centerCrop", false);
        if (resize == Resize.FIXED && !crop && (rw != width || rh != height)) {
            // DJL's ImageClassificationTranslator refuses this combination too
            throw new IllegalArgumentException("resize=" + r + " differs from width x height " + width + "x" + height
                    + " without centerCrop (DJL: resized image has mismatched target size)");
        }

        float[] mean = null;
        float[] std = null;
        String n = p.getOrDefault("normalize", "false");
        if (n.equals("true")) {
            mean = IMAGENET_MEAN.clone();
            std = IMAGENET_STD.clone();
        } else if (!n.equals("false")) {
            String[] t = n.split("\\s*,\\s*");
            if (t.length != 6) {
                throw new IllegalArgumentException("normalize=" + n + " needs true, false or 6 numbers (3 means, 3 stds)");
            }
            mean = new float[] {(float) number("normalize", t[0]), (float) number("normalize", t[1]),
                (float) number("normalize", t[2])};
            std = new float[] {(float) number("normalize", t[3]), (float) number("normalize", t[4]),
                (float) number("normalize", t[5])};
            for (float sd : std) {
                if (!(sd > 0) || Float.isInfinite(sd)) {
                    throw new IllegalArgumentException("normalize=" + n + ": a standard deviation must be a number "
                            + "above 0 (dividing by " + sd + " gives no image at all)");
                }
            }
        }
        String range = p.get("range");
        if (range != null && !range.equals("0,1") && !range.equals("-1,1")) {
            throw new IllegalArgumentException("range=" + range + " is not supported (DJL knows 0,1 and -1,1)");
        }
        return new Preprocessing(width, height, resize, rw, rh, shortEdge, longEdge, crop, mean, std, range, channels);
    }

    /** Channels the network takes: 3 (flag=COLOR, RGB) or 1 (flag=GRAYSCALE). */
    public int channels() {
        return channels;
    }

    /** DJL's grey value of an RGB pixel (flag=GRAYSCALE), as a grey RGB pixel: round(0.299 R + 0.587 G + 0.114 B). */
    public static int grey(int rgb) {
        int g = Math.round(0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff));
        return g << 16 | g << 8 | g;
    }

    private static void refuseUnlessFalse(Map<String, String> p, String key, String what) {
        String v = p.get(key);
        if (v != null && !v.equals("false")) {
            throw new IllegalArgumentException(key + "=" + v + " is not supported (" + what + " is not implemented)");
        }
    }

    private static void requireBilinear(String key, String[] tokens) {
        if (tokens.length > 2 && !tokens[2].equals("BILINEAR")) {
            throw new IllegalArgumentException(key + " interpolation " + tokens[2] + " is not supported (only BILINEAR)");
        }
    }

    private static boolean bool(Map<String, String> p, String key, boolean fallback) {
        String v = p.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(key + "=" + v + " is not true or false");
        }
        return Boolean.parseBoolean(v);
    }

    private static int intValue(Map<String, String> p, String key, int fallback) {
        String v = p.get(key);
        return v == null ? fallback : side(key, v);
    }

    /** A size in pixels: a whole number from 1 to {@link #MAX_SIDE}. */
    private static int side(String key, String v) {
        double d = number(key, v);
        if (d != Math.rint(d) || d < 1 || d > MAX_SIDE) {
            throw new IllegalArgumentException(key + "=" + v + " is not a size this tool can use (a whole number of pixels "
                    + "from 1 to " + MAX_SIDE + ")");
        }
        return (int) d;
    }

    private static double number(String key, String v) {
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v + " is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(key + "=" + v + " is not a finite number");
        }
        return d;
    }

    /** Where a source image of this size ends up: resized size, then the crop window in it. */
    public Geometry geometry(int sourceWidth, int sourceHeight) {
        int rw = sourceWidth;
        int rh = sourceHeight;
        if (resize == Resize.FIXED) {
            rw = resizeWidth;
            rh = resizeHeight;
        } else if (resize == Resize.SHORT_EDGE) {
            // DJL's ResizeShort, integer arithmetic included
            int min = Math.min(sourceWidth, sourceHeight);
            int max = Math.max(sourceWidth, sourceHeight);
            int newShort;
            int newLong;
            if (shortEdge < 0) {
                newShort = min * longEdge / max;
                newLong = longEdge;
            } else {
                newShort = shortEdge;
                newLong = max * shortEdge / min;
                if (longEdge > 0 && newLong > longEdge) {
                    newShort = min * longEdge / max;
                    newLong = longEdge;
                }
            }
            rw = sourceWidth > sourceHeight ? newLong : newShort;
            rh = sourceWidth > sourceHeight ? newShort : newLong;
        }
        int cx = 0;
        int cy = 0;
        int cw = rw;
        int ch = rh;
        if (centerCrop) {
            // DJL's NDImageUtils.centerCrop: an axis is cropped only when it exceeds the target by 2 or more
            int dw = (rw - width) / 2;
            int dh = (rh - height) / 2;
            if (dw > 0) {
                cx = dw;
                cw = width;
            }
            if (dh > 0) {
                cy = dh;
                ch = height;
            }
        }
        return new Geometry(sourceWidth, sourceHeight, rw, rh, cx, cy, cw, ch);
    }

    /** Value of channel c for an 8-bit sample, after toTensor, normalize and range. */
    public float tensorValue(int channel, int sample) {
        float v = sample / 255f;
        if (mean != null) {
            v = (v - mean[channel]) / std[channel];
        }
        if ("0,1".equals(range)) {
            v = v / 255f;
        } else if ("-1,1".equals(range)) {
            v = v / 128f - 1f;
        }
        return v;
    }
}
