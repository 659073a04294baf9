package dev.occlude.batch;

import dev.occlude.io.ImageLoadException;
import dev.occlude.io.ImageLoader;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mean of a run's still images on the atlas's canvas: what lies under the densities, so that
 * a reader sees where on the road they are. Each image is read again from its file when it is
 * counted and scaled onto the canvas; only the sums are held. A video's frames are not read again
 * (decoding a video twice costs more than the sketch is worth): the atlas says how many images
 * the mean is of.
 */
final class MeanImage {
    private final int width;
    private final int height;
    private final long[] sums;
    private int images;

    MeanImage(int width, int height) {
        this.width = width;
        this.height = height;
        this.sums = new long[3 * width * height];
    }

    /** Adds the image named {@code image} (a path, or a file: URI); false when it is not a readable still image. */
    boolean add(String image) {
        Path file = local(image);
        if (file == null || !Files.isRegularFile(file) || !ImageLoader.looksLikeImage(file)) {
            return false;
        }
        BufferedImage source;
        try {
            source = new ImageLoader().load(file);
        } catch (ImageLoadException | RuntimeException | OutOfMemoryError e) {
            return false; // the run has said what is wrong with it, if anything; the sketch goes without it
        }
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        int[] rgb = canvas.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < rgb.length; i++) {
            sums[3 * i] += rgb[i] >> 16 & 0xff;
            sums[3 * i + 1] += rgb[i] >> 8 & 0xff;
            sums[3 * i + 2] += rgb[i] & 0xff;
        }
        images++;
        return true;
    }

    /** How many images the mean is of. */
    int images() {
        return images;
    }

    /** The mean, one RGB per canvas pixel; null when no image was read. */
    int[] mean() {
        if (images == 0) {
            return null;
        }
        int[] out = new int[width * height];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) (sums[3 * i] / images) << 16 | (int) (sums[3 * i + 1] / images) << 8
                    | (int) (sums[3 * i + 2] / images);
        }
        return out;
    }

    /** The local file an image's name means: a path, or a file: URI's path; null for another scheme (hdfs://). */
    private static Path local(String image) {
        try {
            if (image.startsWith("file:")) {
                return Path.of(new URI(image));
            }
            if (image.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
                return null;
            }
            return Path.of(image);
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
