package dev.occlude.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The class-change picture: where hiding a patch changes the predicted class, and to what. Each
 * pixel takes the colour of the class that most of the flipping patches covering it flip to, as
 * strong as the share of all the patches covering it that flip the class: a pixel that only the
 * edge of a few flipping patches reaches stays the frame, the core that every covering patch flips
 * is painted. A key below names each colour and shows its strengths (a quarter to all of the
 * covering patches, on the frame's mean colour), and the caption is legible at half size.
 */
public final class FlipRenderer {
    /**
     * Distinct colours for classes 0, 1, 2, ... (Okabe-Ito, readable by colour-blind people); the
     * overlay's blue ("raises the class") comes late, so the first classes never borrow it.
     */
    private static final int[] PALETTE = {0xcc79a7, 0xd55e00, 0x009e73, 0xe69f00, 0xf0e442, 0x56b4e9, 0x0072b2, 0x999999};
    private static final double STRONGEST = 0.7;

    private FlipRenderer() {}

    /** The colour of class {@code c}. */
    public static int colour(int c) {
        return PALETTE[c % PALETTE.length];
    }

    /**
     * @param patches every patch the scan hid (source pixels)
     * @param flips patch to the class index it flips the prediction to
     * @param classes class names
     * @param predicted the class predicted on the clean image
     */
    public static BufferedImage render(BufferedImage source, List<Rectangle> patches, Map<Rectangle, Integer> flips,
                                       List<String> classes, int predicted) {
        int w = source.getWidth();
        int h = source.getHeight();
        int[][] votes = new int[classes.size()][w * h];
        int[] covering = new int[w * h];
        int[] counts = new int[classes.size()];
        Rectangle frame = new Rectangle(0, 0, w, h);
        for (Rectangle p : patches) {
            add(covering, p.intersection(frame), w);
        }
        for (Map.Entry<Rectangle, Integer> f : flips.entrySet()) {
            counts[f.getValue()]++;
            add(votes[f.getValue()], f.getKey().intersection(frame), w);
        }
        int[] src = source.getRGB(0, 0, w, h, null, 0, w);
        int base = Rgb.mean(source, new float[w * h]);
        for (int i = 0; i < w * h; i++) {
            int best = -1;
            int flipping = 0;
            for (int c = 0; c < classes.size(); c++) {
                flipping += votes[c][i];
                if (votes[c][i] > 0 && (best < 0 || votes[c][i] > votes[best][i])) {
                    best = c;
                }
            }
            if (best >= 0) {
                double share = flipping / (double) Math.max(flipping, covering[i]);
                src[i] = strength(src[i], colour(best), share);
            }
        }

        int scale = Math.max(2, (int) Math.round(Math.min(w, h) / 256.0));
        int pad = 3 * scale;
        int columns = (w - 2 * pad) / (PixelFont.ADVANCE * scale);
        List<String> lines = new ArrayList<>(Annotations.wrap(List.of(String.format(Locale.ROOT,
                "HIDING %d OF %d PATCHES CHANGES THE PREDICTION %s; COLOUR STRENGTH: SHARE OF THE PATCHES COVERING A "
                        + "PIXEL THAT CHANGE IT", flips.size(), patches.size(),
                classes.get(predicted).toUpperCase(Locale.ROOT))), columns));
        List<Integer> keyed = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            if (counts[c] > 0) {
                keyed.add(c);
            }
        }
        int swatch = PixelFont.height(scale);
        int keyColumns = columns - (swatch + scale) / (PixelFont.ADVANCE * scale) - 1;
        List<List<String>> keyLines = new ArrayList<>();
        for (int c : keyed) {
            keyLines.add(Annotations.wrap(List.of(String.format(Locale.ROOT, "TO %s: %d PATCH%s",
                    classes.get(c).toUpperCase(Locale.ROOT), counts[c], counts[c] == 1 ? "" : "ES")), keyColumns));
        }
        if (keyed.isEmpty()) {
            lines.add("NO PATCH CHANGES THE PREDICTION");
        }
        int lineHeight = PixelFont.height(scale) + 2 * scale;
        int rows = lines.size() + keyLines.stream().mapToInt(List::size).sum() + (keyed.isEmpty() ? 0 : 1);
        BufferedImage out = new BufferedImage(w, h + rows * lineHeight + 2 * pad - 2 * scale, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, out.getWidth(), out.getHeight(), 0x202020);
        out.setRGB(0, 0, w, h, src, 0, w);
        int y = h + pad;
        for (String line : lines) {
            PixelFont.draw(out, line, pad, y, scale, 0xf0f0f0);
            y += lineHeight;
        }
        for (int k = 0; k < keyed.size(); k++) {
            // the key: a swatch in the class's colour, then what it means
            PixelFont.fill(out, pad, y, swatch, swatch, colour(keyed.get(k)));
            for (String line : keyLines.get(k)) {
                PixelFont.draw(out, line, pad + swatch + 2 * scale, y, scale, 0xf0f0f0);
                y += lineHeight;
            }
        }
        if (!keyed.isEmpty()) {
            strength(out, colour(keyed.get(0)), base, pad, y, scale);
        }
        return out;
    }

    /** The shares a strength key shows. */
    static final double[] STRENGTHS = {0.25, 0.5, 0.75, 1};

    /**
     * The key for colour strength: swatches of one class's colour laid on the frame's mean colour
     * as strongly as a quarter, half, three quarters and all of the covering patches paint it, each
     * with its share.
     */
    private static void strength(BufferedImage out, int rgb, int base, int x, int y, int scale) {
        int swatch = PixelFont.height(scale);
        String title = "STRENGTH:";
        PixelFont.draw(out, title, x, y, scale, 0xf0f0f0);
        int at = x + PixelFont.width(title, scale) + 2 * scale;
        for (double share : STRENGTHS) {
            PixelFont.fill(out, at, y, swatch, swatch, strength(base, rgb, share));
            String label = Math.round(100 * share) + "%";
            PixelFont.draw(out, label, at + swatch + scale, y, scale, 0xf0f0f0);
            at += swatch + scale + PixelFont.width(label, scale) + 3 * scale;
        }
    }

    /** A colour laid on {@code base} as strongly as a {@code share} of the covering patches paints it. */
    static int strength(int base, int rgb, double share) {
        return Rgb.blend(base, rgb, STRONGEST * share);
    }

    private static void add(int[] counts, Rectangle r, int w) {
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                counts[y * w + x]++;
            }
        }
    }
}
