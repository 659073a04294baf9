package dev.occlude.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.metadata.IIOMetadataNode;

/**
 * PNG files this tool writes carry a text chunk {@code Software: occlude}, so that a later run
 * listing the same folder recognises its own outputs and never takes them for inputs.
 */
public final class PngFiles {
    private static final String FORMAT = "javax_imageio_png_1.0";
    private static final byte[] MARK = "tEXtSoftware\0occlude".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngFiles() {}

    /** Writes the image as a PNG marked as this tool's output. */
    public static void writeMarked(BufferedImage image, OutputStream out) throws IOException {
        MarkedImages.write(image, "png", param -> { }, meta -> {
            IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
            entry.setAttribute("keyword", "Software");
            entry.setAttribute("value", "occlude");
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            text.appendChild(entry);
            IIOMetadataNode root = new IIOMetadataNode(FORMAT);
            root.appendChild(text);
            meta.mergeTree(FORMAT, root);
        }, out);
    }

    /** True when the file is a PNG whose first 4 KB (the mark is written before the pixels) carry this tool's mark. */
    public static boolean isMarked(Path file) {
        byte[] head = OwnFiles.head4k(file);
        return head != null && isMarked(head);
    }

    /** As {@link #isMarked(Path)} for a file's bytes (or its first 4 KB). */
    public static boolean isMarked(byte[] data) {
        byte[] head = data.length <= 4096 ? data : Arrays.copyOf(data, 4096);
        return startsWith(head, SIGNATURE) && indexOf(head, MARK) >= 0;
    }

    /** True when the file is a whole PNG: its signature, and its last chunk is IEND (a cut file has none). */
    public static boolean isComplete(Path file) {
        try (var ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size < SIGNATURE.length + 12) {
                return false;
            }
            byte[] head = new byte[SIGNATURE.length];
            byte[] tail = new byte[12];
            readFully(ch, head, 0);
            readFully(ch, tail, size - 12);
            return startsWith(head, SIGNATURE) && tail[4] == 'I' && tail[5] == 'E' && tail[6] == 'N' && tail[7] == 'D';
        } catch (IOException e) {
            return false;
        }
    }

    private static void readFully(SeekableByteChannel ch, byte[] into, long at) throws IOException {
        ch.position(at);
        var buf = ByteBuffer.wrap(into);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
            // until full or at the end
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
