package dev.occlude.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageWriteParam;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.Node;

/**
 * JPEG files this tool writes (the report's thumbnails: a fifth of a PNG's bytes for a photograph)
 * carry a comment segment {@code occlude}, so that a later run listing the same folder recognises
 * them as its own and never takes them for inputs.
 */
public final class JpegFiles {
    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";
    private static final byte[] MARK = "occlude".getBytes(StandardCharsets.ISO_8859_1);

    private JpegFiles() {}

    /** Writes the image as a JPEG of {@code quality} (0..1) marked as this tool's output. */
    public static void writeMarked(BufferedImage image, float quality, OutputStream out) throws IOException {
        MarkedImages.write(image, "jpeg", param -> {
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
        }, meta -> {
            Node root = meta.getAsTree(FORMAT);
            IIOMetadataNode comment = new IIOMetadataNode("com");
            comment.setAttribute("comment", "occlude");
            for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("markerSequence")) {
                    n.appendChild(comment);
                }
            }
            meta.setFromTree(FORMAT, root);
        }, out);
    }

    /** True when the file is a JPEG whose first 4 KB carry this tool's comment. */
    public static boolean isMarked(Path file) {
        byte[] head = OwnFiles.head4k(file);
        return head != null && isMarked(head);
    }

    /** True when {@code data} starts a JPEG with a comment segment (FF FE) reading {@code occlude}. */
    public static boolean isMarked(byte[] data) {
        if (data.length < 4 || (data[0] & 0xff) != 0xff || (data[1] & 0xff) != 0xd8) {
            return false;
        }
        for (int i = 2; i + 4 + MARK.length <= data.length; i++) {
            if ((data[i] & 0xff) == 0xff && (data[i + 1] & 0xff) == 0xfe
                    && Arrays.equals(data, i + 4, i + 4 + MARK.length, MARK, 0, MARK.length)) {
                return true;
            }
        }
        return false;
    }
}
