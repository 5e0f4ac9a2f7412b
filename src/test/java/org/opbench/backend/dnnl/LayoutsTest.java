package org.opbench.backend.dnnl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Layout names follow oneDNN's format-tag letters. */
class LayoutsTest {
    @Test
    void plainAndBlockedLayouts() {
        long[] none = {};
        assertEquals("abcd", Layouts.name(new long[] {2 * 3 * 4 * 5, 4 * 5, 5, 1}, none, none));
        assertEquals("acdb", Layouts.name(new long[] {3 * 4 * 5, 1, 5 * 3, 3}, none, none));
        // nChw8c with C=16, H=W=2: outer strides N=64, C(block)=32, H=16, W=8
        assertEquals("aBcd8b", Layouts.name(new long[] {64, 32, 16, 8}, new long[] {8}, new long[] {1}));
        // OIhw8i8o with O=I=16, H=W=2: blocks of 64, outer strides O=512, I=256, H=128, W=64
        assertEquals("ABcd8b8a", Layouts.name(new long[] {512, 256, 128, 64}, new long[] {8, 8}, new long[] {1, 0}));
    }
}
