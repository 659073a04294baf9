package dev.occlude.render;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The class-change picture: where hiding a patch changes the predicted class, and to what. Each
 * pixel that some flipping patch covers takes the colour of the class most of those patches flip
 * to, at half strength over the image; a caption names the colours and counts.
 */
public final class FlipRenderer {
    /** Distinct colours for classes 0, 1, 2, ... (Okabe-Ito, readable by colour-blind people). */
    private static final int[] PALETTE = {0x0072b2, 0xd55e00, 0x009e73, 0xe69f00, 0xcc79a7, 0x56b4e9, 0xf0e442, 0x000000};

    private FlipRenderer() {}

    /** The colour of class {@code c}. */
    public static int colour(int c) {
        return PALETTE[c % PALETTE.length];
    }

    /**
     * @param flips patch (source pixels) to the class index it flips the prediction to
     * @param classes class names
     * @param predicted the class predicted on the clean image
     */
    public static BufferedImage render(BufferedImage source, Map<Rectangle, Integer> flips, List<String> classes,
                                       int predicted) {
        int w = source.getWidth();
        int h = source.getHeight();
        int[][] votes = new int[classes.size()][w * h];
        int[] counts = new int[classes.size()];
        for (Map.Entry<Rectangle, Integer> f : flips.entrySet()) {
            Rectangle r = f.getKey().intersection(new Rectangle(0, 0, w, h));
            counts[f.getValue()]++;
            for (int y = r.y; y < r.y + r.height; y++) {
                for (int x = r.x; x < r.x + r.width; x++) {
                    votes[f.getValue()][y * w + x]++;
                }
            }
        }
        int scale = Math.max(1, (int) Math.round(Math.min(w, h) / 128.0));
        int pad = 3 * scale;
        StringBuilder caption = new StringBuilder(String.format(Locale.ROOT, "HIDING CHANGES %s IN %d PATCHES",
                classes.get(predicted).toUpperCase(Locale.ROOT), flips.size()));
        for (int c = 0; c < classes.size(); c++) {
            if (counts[c] > 0) {
                caption.append(String.format(Locale.ROOT, "  TO %s %d", classes.get(c).toUpperCase(Locale.ROOT), counts[c]));
            }
        }
        int captionScale = scale;
        while (captionScale > 1 && PixelFont.width(caption.toString(), captionScale) > w - 2 * pad) {
            captionScale--;
        }
        BufferedImage out = new BufferedImage(w, h + PixelFont.height(captionScale) + 2 * pad, BufferedImage.TYPE_INT_RGB);
        PixelFont.fill(out, 0, 0, out.getWidth(), out.getHeight(), 0x202020);
        int[] src = source.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < w * h; i++) {
            int best = -1;
            for (int c = 0; c < classes.size(); c++) {
                if (votes[c][i] > 0 && (best < 0 || votes[c][i] > votes[best][i])) {
                    best = c;
                }
            }
            src[i] = best < 0 ? src[i] : OverlayRenderer.blend(src[i], colour(best), 0.5);
        }
        out.setRGB(0, 0, w, h, src, 0, w);
        int x = pad;
        PixelFont.draw(out, caption.toString(), x, h + pad, captionScale, 0xf0f0f0);
        return out;
    }
}
