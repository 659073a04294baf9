package dev.occlude.model;

import dev.occlude.model.score.ModelException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The small text files of a model directory (serving.properties, the synset, stages.json), read
 * safely: only a regular file (after links) is opened, so a FIFO, a device such as /dev/zero or a
 * folder is refused before a byte is read; at most a bounded number of bytes is read, so a huge
 * file is refused rather than filling memory; a UTF-8 byte-order mark is dropped (it is encoding,
 * not content: left in, it would become part of the first class's or key's name).
 */
public final class SmallFiles {
    /** The most a model directory's text file may hold: 4 MiB (ImageNet-21k's synset is about 0.5 MiB). */
    public static final long MAX_BYTES = 4L << 20;
    private static final String BOM = "\uFEFF";

    private SmallFiles() {}

    /**
     * The file's text, without a leading byte-order mark.
     *
     * @param file the file, which must exist
     * @param where how a refusal begins ("model DIR: serving.properties")
     * @throws ModelException in one line starting with {@code where}: not a regular file, larger
     *     than {@link #MAX_BYTES}, or unreadable
     */
    public static String read(Path file, String where) throws ModelException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new ModelException(where + " is unreadable (" + e.getMessage() + ")");
        }
        if (!attributes.isRegularFile()) {
            throw new ModelException(where + " is not a regular file (" + (attributes.isDirectory() ? "a folder"
                    : "a pipe, device or socket") + "); a model's files must be plain files");
        }
        if (attributes.size() > MAX_BYTES) {
            throw new ModelException(where + " holds " + attributes.size() + " bytes; at most " + MAX_BYTES
                    + " are read");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1); // the size may have grown since it was looked at
        } catch (IOException e) {
            throw new ModelException(where + " is unreadable (" + e.getMessage() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw new ModelException(where + " holds more than " + MAX_BYTES + " bytes; at most " + MAX_BYTES
                    + " are read");
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith(BOM) ? text.substring(1) : text;
    }
}
