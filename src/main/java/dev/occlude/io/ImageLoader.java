package dev.occlude.io;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import dev.occlude.util.Text;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes an image file into an upright 8-bit RGB picture: ImageIO with the TwelveMonkeys plugins
 * found on the class path, EXIF orientation applied, a pixel limit checked before any pixel is
 * decoded. Every failure is an {@link ImageLoadException} with a one-line message.
 */
public final class ImageLoader {
    private final long maxPixels;
    private final String limitName;

    /** A loader with the default limit of 50 megapixels. */
    public ImageLoader() {
        this(PixelLimit.DEFAULT_PIXELS);
    }

    /** A loader that refuses images above {@code maxPixels} pixels. */
    public ImageLoader(long maxPixels) {
        this(maxPixels, "the pixel limit");
    }

    /**
     * A loader that refuses images above {@code maxPixels} pixels; {@code limitName} says in the
     * refusal how the limit is set (a command line names its option).
     */
    public ImageLoader(long maxPixels, String limitName) {
        this.maxPixels = maxPixels;
        this.limitName = limitName;
    }

    /**
     * Width and height from a regular file's header, without decoding pixels; empty when the file
     * is not a regular file or no reader recognises it.
     */
    public static Optional<Dimension> probeSize(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return Optional.of(new Dimension(reader.getWidth(0), reader.getHeight(0)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True when a reader recognises a regular file's first bytes as an image. */
    public static boolean looksLikeImage(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return false;
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return in != null && ImageIO.getImageReaders(in).hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** True when a reader recognises these first bytes of a file as an image. */
    public static boolean looksLikeImage(byte[] head) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(head))) {
            return in != null && ImageIO.getImageReaders(in).hasNext();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads the file; the result is TYPE_INT_RGB, upright, alpha dropped. */
    public BufferedImage load(Path file) throws ImageLoadException {
        String problem = InputFiles.problem(file, "an image");
        if (problem != null) {
            throw new ImageLoadException(problem);
        }
        return decode(file.toString(), () -> ImageIO.createImageInputStream(file.toFile()));
    }

    /**
     * Decodes an image held in memory (read from a file system Java cannot open, such as HDFS or
     * S3, by the Spark job) exactly as {@link #load(Path)} decodes a file; {@code name} is what
     * messages call it.
     */
    public BufferedImage load(byte[] data, String name) throws ImageLoadException {
        if (data.length == 0) {
            throw new ImageLoadException(name + ": empty file");
        }
        return decode(name, () -> ImageIO.createImageInputStream(new ByteArrayInputStream(data)));
    }

    /** Opens the image's bytes afresh: once for the pixels, once more for a JPEG's EXIF. */
    @FunctionalInterface
    private interface Source {
        ImageInputStream open() throws IOException;
    }

    private BufferedImage decode(String file, Source source) throws ImageLoadException {
        BufferedImage decoded;
        int orientation;
        try (ImageInputStream in = source.open()) {
            if (in == null) {
                throw new ImageLoadException(file + ": cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageLoadException(file + ": not an image (unrecognised format)");
            }
            ImageReader reader = readers.next();
            String format = reader.getFormatName().toLowerCase();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new ImageLoadException(String.format(
                            "%s: %dx%d is %.1f megapixels, above the limit of %.1f (%s)",
                            file, reader.getWidth(0), reader.getHeight(0), pixels / 1e6, maxPixels / 1e6, limitName));
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
                decoded = reader.read(0);
                for (String warning : warnings) {
                    if (isTruncation(warning)) {
                        throw new ImageLoadException(file + ": truncated or corrupt " + format + " (" + warning + ")");
                    }
                }
            } finally {
                reader.dispose();
            }
            orientation = format.equals("jpeg") ? exifOrientation(source) : 1;
        } catch (ImageLoadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof OutOfMemoryError oom) {
                    throw oom; // ImageIO's PNG reader wraps it: out of memory is not a damaged file
                }
            }
            throw new ImageLoadException(file + ": cannot decode (" + Text.oneLine(e) + ")");
        }
        if (decoded == null) {
            throw new ImageLoadException(file + ": cannot decode");
        }
        return orient(toRgb(decoded), orientation);
    }

    private static boolean isTruncation(String warning) {
        String w = warning.toLowerCase();
        return w.contains("premature end") || w.contains("truncat") || w.contains("corrupt");
    }

    /** EXIF orientation 1..8 of a JPEG, 1 when absent or unreadable (a broken tag is no reason to refuse a picture). */
    static int exifOrientation(Path file) {
        return exifOrientation(() -> ImageIO.createImageInputStream(file.toFile()));
    }

    private static int exifOrientation(Source source) {
        try (ImageInputStream in = source.open()) {
            List<JPEGSegment> segments = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            for (JPEGSegment segment : segments) {
                byte[] data = segment.data().readAllBytes();
                int tiff = tiffStart(data);
                if (tiff < 0) {
                    continue;
                }
                try (ImageInputStream exif = ImageIO.createImageInputStream(
                        new ByteArrayInputStream(data, tiff, data.length - tiff))) {
                    Directory directory = new TIFFReader().read(exif);
                    Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
                    if (entry != null && entry.getValue() instanceof Number) {
                        int value = ((Number) entry.getValue()).intValue();
                        return value >= 1 && value <= 8 ? value : 1;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return 1;
        }
        return 1;
    }

    /** Offset of the TIFF header ("II*\0" or "MM\0*") in an Exif segment's data, -1 if none. */
    private static int tiffStart(byte[] data) {
        for (int i = 0; i + 4 <= Math.min(data.length, 16); i++) {
            if ((data[i] == 'I' && data[i + 1] == 'I' && data[i + 2] == 42 && data[i + 3] == 0)
                    || (data[i] == 'M' && data[i + 1] == 'M' && data[i + 2] == 0 && data[i + 3] == 42)) {
                return i;
            }
        }
        return -1;
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            // alpha is composited over black, as DJL's own conversion (getRGB, alpha ignored) would see it
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /** Applies an EXIF orientation (1..8) so the picture is upright. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] in = image.getRGB(0, 0, w, h, null, 0, w);
        int[] out = new int[w * h];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2: sx = w - 1 - x; sy = y; break;           // mirrored
                    case 3: sx = w - 1 - x; sy = h - 1 - y; break;   // upside down
                    case 4: sx = x; sy = h - 1 - y; break;           // mirrored vertically
                    case 5: sx = y; sy = x; break;                   // transposed
                    case 6: sx = y; sy = h - 1 - x; break;           // needs 90 degrees clockwise
                    case 7: sx = w - 1 - y; sy = h - 1 - x; break;   // transversed
                    default: sx = w - 1 - y; sy = x; break;          // 8: needs 90 degrees counter-clockwise
                }
                out[y * ow + x] = in[sy * w + sx];
            }
        }
        BufferedImage result = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        result.setRGB(0, 0, ow, oh, out, 0, ow);
        return result;
    }
}
