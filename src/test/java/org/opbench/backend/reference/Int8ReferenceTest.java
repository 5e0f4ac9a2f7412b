package org.opbench.backend.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.problem.Quantization;

/** The int8 reference on hand-worked cases: zero points, rounding ties to even, saturation, exact sums. */
class Int8ReferenceTest {

    private static Problem int8(Op op, String descriptor) {
        return Problems.parse(op, descriptor, Precision.INT8);
    }

    private static byte[] u8(int... levels) {
        byte[] b = new byte[levels.length];
        for (int i = 0; i < levels.length; i++) {
            b[i] = (byte) levels[i];
        }
        return b;
    }

    @Test
    void convSubtractsTheSourceZeroPointAddsTheBiasAndRoundsTiesToEven() {
        // 1x1 conv, ic2 -> oc3, one pixel. Source levels 130, 120 with zero point 128: centred 2, -8.
        Problem p = int8(Op.CONV, "mb1ic2ih1iw1oc3oh1ow1kh1kw1");
        byte[] src = u8(130, 120);
        byte[] wei = {3, 1, /* oc1 */ 1, 0, /* oc2 */ -127, 127};
        int[] bias = {5, 0, 0};
        // acc: oc0 = 2*3 - 8*1 + 5 = 3; oc1 = 2; oc2 = -254 - 1016 = -1270.
        // real = acc * 0.5 * wscale: oc0 1.5 (tie -> 2), oc1 2 * 0.5 * 2.5 = 2.5 (tie -> 2), oc2 -635 (saturates at 0).
        Quantization q = new Quantization(0.5f, 128, new float[] {1f, 2.5f, 1f}, 1f, 10);
        float[] out = Reference.compute(ProblemData.ofLevels(p, src, wei, bias, q));
        assertArrayEquals(new float[] {2f, 2f, -10f}, out); // levels 12, 12, 0: (level - 10) * 1
    }

    @Test
    void convSaturatesAbove255AndPadsWithTheRealZero() {
        // 3x3 conv with padding 1 over a 1x1 input: only the centre tap touches the input.
        Problem p = int8(Op.CONV, "mb1ic1ih1iw1oc1oh1ow1kh3kw3ph1pw1");
        byte[] wei = new byte[9];
        java.util.Arrays.fill(wei, (byte) 100);
        Quantization q = new Quantization(1f, 0, new float[] {1f}, 1f, 0);
        // Padding is the real zero, not level 0 of a zero point: with zero point 0, 255 * 100 = 25500 saturates.
        float[] out = Reference.compute(ProblemData.ofLevels(p, u8(255), wei, new int[] {0}, q));
        assertArrayEquals(new float[] {255f}, out);
        Quantization centred = new Quantization(1f, 200, new float[] {1f}, 1f, 100);
        // centred source 55 * 100 = 5500 saturates to 255 -> (255 - 100) = 155; the 8 padded taps add nothing.
        out = Reference.compute(ProblemData.ofLevels(p, u8(255), wei, new int[] {0}, centred));
        assertArrayEquals(new float[] {155f}, out);
    }

    @Test
    void fcSumsExactlyInIntegers() {
        // 4096 products of 127 * 127 with zero point 0: 66,064,384, beyond float's 2^24 exact integers.
        Problem p = int8(Op.FC, "mb1ic4096oc1");
        byte[] src = new byte[4096];
        byte[] wei = new byte[4096];
        java.util.Arrays.fill(src, (byte) 127);
        java.util.Arrays.fill(wei, (byte) 127);
        // One level is 66,064,384 / 200 = 330,321.92 real; bias +1 moves the real by 1/16 of the scale grid.
        Quantization q = new Quantization(1f / 64, 0, new float[] {1f}, 66_064_384f / 64 / 200.5f, 0);
        float[] out = Reference.compute(ProblemData.ofLevels(p, src, wei, new int[] {0}, q));
        assertEquals(Math.rint(200.5) * q.dstScale(), out[0], 1e-3 * q.dstScale()); // 200.5 ties to 200
        float[] plus = Reference.compute(ProblemData.ofLevels(p, src, wei, new int[] {16}, q));
        assertEquals(201 * q.dstScale(), plus[0], 1e-3 * q.dstScale());
    }

    @Test
    void averagePoolingRoundsTiesToEvenOnCentredLevels() {
        Problem p = int8(Op.POOL, "avg_np:mb1ic1ih1iw4oh1ow2kh1kw2sw2");
        Quantization q = new Quantization(0.25f, 10, new float[0], 0.25f, 10);
        // windows (11, 12) -> centred 1, 2 -> 1.5 -> 2; (12, 13) -> 2.5 -> 2
        float[] out = Reference.compute(ProblemData.ofLevels(p, u8(11, 12, 12, 13), new byte[0], new int[0], q));
        assertArrayEquals(new float[] {0.5f, 0.5f}, out);
    }

    @Test
    void maxPoolingIsExact() {
        Problem p = int8(Op.POOL, "max:mb1ic1ih2iw2oh1ow1kh2kw2");
        Quantization q = new Quantization(0.5f, 128, new float[0], 0.5f, 128);
        float[] out = Reference.compute(ProblemData.ofLevels(p, u8(3, 250, 128, 0), new byte[0], new int[0], q));
        assertArrayEquals(new float[] {(250 - 128) * 0.5f}, out);
    }

    @Test
    void seededInt8DataStandsForItsLevels() {
        Problem p = int8(Op.CONV, "mb1ic4ih5oc6kh3ph1");
        ProblemData d = ProblemData.of(p, 7);
        Quantization q = d.quant();
        assertEquals(6, q.weightScales().length);
        for (int i = 0; i < d.src().length; i++) {
            assertEquals(((d.srcLevels()[i] & 0xFF) - q.srcZero()) * q.srcScale(), d.src()[i]);
        }
        for (byte w : d.weightLevels()) {
            assertTrue(w >= -127, "s8 weights stay symmetric: -128 is never used");
        }
        for (int o = 0; o < 6; o++) {
            double grid = (double) q.srcScale() * q.weightScales()[o];
            assertEquals(d.biasLevels()[o] * grid, d.bias()[o], 1e-6);
        }
        assertArrayEquals(d.srcLevels(), ProblemData.of(p, 7).srcLevels(), "same seed, same levels");
        float[] out = Reference.compute(d);
        for (float v : out) {
            double level = v / q.dstScale() + q.dstZero();
            assertEquals(Math.rint(level), level, 1e-3, "every output is on the destination grid");
        }
    }
}
