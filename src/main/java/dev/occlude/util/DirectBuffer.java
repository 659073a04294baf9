package dev.occlude.util;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reusable direct buffer per thread for handing arrays to DJL. Handing DJL a heap array would
 * make it allocate a fresh direct buffer per batch, freed only when the garbage collector gets to
 * it: tens of thousands of batches then hold gigabytes of native memory. Each use keeps its own
 * instance, so two arrays in flight on one thread never share memory.
 */
public final class DirectBuffer {
    private final ThreadLocal<ByteBuffer> local = new ThreadLocal<>();

    /** The first {@code count} floats of {@code values} in this thread's buffer. */
    public ByteBuffer floats(float[] values, int count) {
        ByteBuffer b = sized(count * 4L);
        b.asFloatBuffer().put(values, 0, count);
        return b;
    }

    /** {@code values} in this thread's buffer. */
    public ByteBuffer longs(long[] values) {
        ByteBuffer b = sized(values.length * 8L);
        b.asLongBuffer().put(values);
        return b;
    }

    private ByteBuffer sized(long bytes) {
        ByteBuffer b = local.get();
        if (b == null || b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect(Math.toIntExact(bytes)).order(ByteOrder.nativeOrder());
            local.set(b);
        }
        b.clear();
        b.limit((int) bytes);
        return b;
    }
}
