package dev.occlude.io;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** NumPy's .npy format (version 1.0) for a 2-D little-endian float32 array, row-major. */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\)");

    private Npy() {}

    /** A read-back array: shape [rows, cols] and its values in row-major order. */
    public record Array2D(int rows, int cols, float[] data) {}

    /** Writes {@code data} as a float32 .npy array of shape [rows, cols]. */
    public static void write(OutputStream out, float[] data, int rows, int cols) throws IOException {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException("data length " + data.length + " is not " + rows + "x" + cols);
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        // the header (magic, length, dict, newline) is padded with spaces to a multiple of 64 bytes
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        out.write(MAGIC);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buffer = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(data);
        out.write(buffer.array());
    }

    /** True when the file is a whole 2-D float32 .npy: its header parses and the data is all there. */
    public static boolean isComplete(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream data = new DataInputStream(in);
            byte[] magic = new byte[8];
            data.readFully(magic);
            int length = data.readUnsignedByte() | data.readUnsignedByte() << 8;
            byte[] header = new byte[length];
            data.readFully(header);
            Matcher m = SHAPE.matcher(new String(header, StandardCharsets.US_ASCII));
            if (magic[0] != MAGIC[0] || magic[1] != 'N' || !m.find()) {
                return false;
            }
            long expected = 10L + length + 4L * Long.parseLong(m.group(1)) * Long.parseLong(m.group(2));
            return Files.size(file) == expected;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Reads a float32 two-dimensional .npy file. */
    public static Array2D read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream data = new DataInputStream(in);
            byte[] magic = new byte[8];
            data.readFully(magic);
            for (int i = 0; i < 6; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw new IOException(file + ": not a .npy file");
                }
            }
            int length = data.readUnsignedByte() | data.readUnsignedByte() << 8;
            byte[] header = new byte[length];
            data.readFully(header);
            String dict = new String(header, StandardCharsets.US_ASCII);
            Matcher m = SHAPE.matcher(dict);
            if (!dict.contains("'<f4'") || !m.find()) {
                throw new IOException(file + ": not a 2-D float32 .npy file: " + dict.trim());
            }
            int rows = Integer.parseInt(m.group(1));
            int cols = Integer.parseInt(m.group(2));
            byte[] raw = new byte[rows * cols * 4];
            data.readFully(raw);
            float[] values = new float[rows * cols];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return new Array2D(rows, cols, values);
        }
    }
}
