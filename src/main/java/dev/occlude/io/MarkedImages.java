package dev.occlude.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;

/** Writes an image through ImageIO with this tool's mark put into its metadata (PNG text, JPEG comment). */
final class MarkedImages {
    /** Puts the mark into the format's metadata. */
    @FunctionalInterface
    interface Mark {
        void into(IIOMetadata meta) throws IOException;
    }

    /** Sets the writer's parameters (a JPEG's quality); nothing for a PNG. */
    @FunctionalInterface
    interface Parameters {
        void set(ImageWriteParam param);
    }

    private MarkedImages() {}

    static void write(BufferedImage image, String format, Parameters parameters, Mark mark, OutputStream out)
            throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            parameters.set(param);
            IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            mark.into(meta);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, meta), param);
        } finally {
            writer.dispose();
        }
    }
}
