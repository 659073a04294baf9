package dev.occlude.io;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * One file of every kind a real folder of frames holds, each showing the 64x48 quadrant picture
 * (see {@link JpegFixtures#quadrants}); the kinds the JDK cannot write come from test resources.
 */
public final class FormatFixtures {
    public static final int W = 64;
    public static final int H = 48;

    private FormatFixtures() {}

    /** Writes the fixtures into {@code dir}; returns file name → whether the upright picture is rotated (w/h swapped). */
    public static Map<String, Boolean> write(Path dir) throws IOException {
        Map<String, Boolean> files = new LinkedHashMap<>();
        BufferedImage quad = JpegFixtures.quadrants(W, H);
        byte[] baseline = JpegFixtures.jpeg(quad);
        Files.write(dir.resolve("baseline.jpg"), baseline);
        files.put("baseline.jpg", false);
        writeProgressive(quad, dir.resolve("progressive.jpg"));
        files.put("progressive.jpg", false);
        // EXIF 6 and 8: stored sideways (48x64), upright 64x48... here stored 64x48, upright 48x64
        Files.write(dir.resolve("exif6.jpg"), JpegFixtures.withOrientation(baseline, 6));
        files.put("exif6.jpg", true);
        Files.write(dir.resolve("exif8.jpg"), JpegFixtures.withOrientation(baseline, 8));
        files.put("exif8.jpg", true);
        BufferedImage gray = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(quad, 0, 0, null);
        write(gray, "jpeg", dir.resolve("gray.jpg"));
        files.put("gray.jpg", false);
        BufferedImage alpha = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                alpha.setRGB(x, y, 0xff000000 | quad.getRGB(x, y));
            }
        }
        write(alpha, "png", dir.resolve("alpha.png"));
        files.put("alpha.png", false);
        write(sixteenBit(quad), "png", dir.resolve("rgb16.png"));
        files.put("rgb16.png", false);
        BufferedImage palette = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED);
        palette.getGraphics().drawImage(quad, 0, 0, null);
        write(palette, "png", dir.resolve("palette.png"));
        files.put("palette.png", false);
        write(quad, "bmp", dir.resolve("image.bmp"));
        files.put("image.bmp", false);
        write(quad, "tiff", dir.resolve("image.tif"));
        files.put("image.tif", false);
        for (String resource : new String[] {"cmyk.jpg", "ycck.jpg", "lossless.webp", "lossy.webp"}) {
            try (InputStream in = FormatFixtures.class.getResourceAsStream("/formats/" + resource)) {
                if (in == null) {
                    throw new IOException("missing test resource formats/" + resource);
                }
                Files.copy(in, dir.resolve(resource));
            }
            files.put(resource, false);
        }
        return files;
    }

    private static void write(BufferedImage image, String format, Path file) throws IOException {
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no " + format + " writer");
        }
    }

    private static void writeProgressive(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        try (OutputStream out = Files.newOutputStream(file); ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /** 16 bits per channel RGB. */
    private static BufferedImage sixteenBit(BufferedImage rgb) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(W, H);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int p = rgb.getRGB(x, y);
                raster.setPixel(x, y, new int[] {((p >> 16) & 0xff) * 257, ((p >> 8) & 0xff) * 257, (p & 0xff) * 257});
            }
        }
        return new BufferedImage(cm, raster, false, null);
    }
}
