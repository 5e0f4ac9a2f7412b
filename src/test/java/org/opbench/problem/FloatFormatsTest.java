package org.opbench.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rounding to bf16 and f16: ties to even, overflow, subnormals, and exact round trips. */
class FloatFormatsTest {

    @Test
    void bf16RoundsTiesToEven() {
        assertEquals(1f, FloatFormats.roundBf16(1f + 0x1p-8f)); // halfway between 1 and 1 + 2^-7: even is 1
        assertEquals(1f + 0x1p-6f, FloatFormats.roundBf16(1f + 3 * 0x1p-8f)); // halfway: even mantissa 10
        assertEquals(1f + 0x1p-7f, FloatFormats.roundBf16(1f + 0x1p-8f + 0x1p-20f)); // above halfway
        assertEquals(-2f, FloatFormats.roundBf16(-2f));
        assertTrue(Float.isNaN(FloatFormats.roundBf16(Float.NaN)));
    }

    @Test
    void f16RoundsTiesToEvenOverflowsAndUnderflowsGradually() {
        assertEquals(1f, FloatFormats.roundF16(1f + 0x1p-11f));
        assertEquals(1f + 0x1p-9f, FloatFormats.roundF16(1f + 3 * 0x1p-11f));
        assertEquals(65504f, FloatFormats.roundF16(65519f));
        assertEquals(Float.POSITIVE_INFINITY, FloatFormats.roundF16(65520f));
        assertEquals(0f, FloatFormats.roundF16(0x1p-25f)); // half the smallest subnormal: ties to 0
        assertEquals(0x1p-23f, FloatFormats.roundF16(3 * 0x1p-25f)); // 1.5 subnormal steps: ties to 2
        assertEquals(0x1p-14f, FloatFormats.roundF16(0x1p-14f - 0x1p-26f)); // rounds up to the smallest normal
        assertEquals((short) 0x8000, FloatFormats.f16Bits(-0f));
    }

    @Test
    void everyFiniteF16AndBf16ValueRoundTripsExactly() {
        for (int h = 0; h < 0x10000; h++) {
            float f = FloatFormats.fromF16((short) h);
            if (!Float.isNaN(f)) {
                assertEquals((short) h, FloatFormats.f16Bits(f), Integer.toHexString(h));
            }
            float b = FloatFormats.fromBf16((short) h);
            if (!Float.isNaN(b)) {
                assertEquals((short) h, FloatFormats.bf16Bits(b), Integer.toHexString(h));
            }
        }
    }

    @Test
    void reducedPrecisionDataIsExactInItsType() {
        for (Precision t : new Precision[] {Precision.BF16, Precision.F16}) {
            Problem p = Problems.parse(Op.CONV, "mb1ic3ih4oc2kh3", t);
            ProblemData d = ProblemData.of(p, 3);
            for (float v : d.src()) {
                assertEquals(v, FloatFormats.round(t.src(), v));
            }
            for (float v : d.weights()) {
                assertEquals(v, FloatFormats.round(t.wei(), v));
            }
        }
    }

    @Test
    void precisionsNameTheirTensorsAsBenchdnnDoes() {
        assertEquals("u8:s8:u8", Precision.INT8.dt(Op.CONV));
        assertEquals("u8", Precision.INT8.dt(Op.POOL));
        assertEquals("bf16", Precision.BF16.dt(Op.FC));
        // source 3x4x4, weights 2x3x3x3, bias 2, destination 2x2x2
        assertEquals(2 * (48 + 54 + 2 + 8),
                Problems.parse(Op.CONV, "mb1ic3ih4oc2kh3", Precision.BF16).bytes());
        // int8: u8 source and destination, s8 weights, s32 bias
        assertEquals(48 + 54 + 4 * 2 + 8, Problems.parse(Op.CONV, "mb1ic3ih4oc2kh3", Precision.INT8).bytes());
    }
}
