package dev.occlude.util;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The JDK the tool runs on (17.0.9 and later) trims its native heap when asked. */
class NativeHeapTest {
    @Test
    void theJvmTrimsItsNativeHeapWhenAsked() {
        assertTrue(NativeHeap.trim(), "System.trim_native_heap is not offered by " + Runtime.version());
        assertTrue(NativeHeap.trim(), "and again");
    }
}
