package org.opbench.backend.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.Op;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.Variant;
import org.opbench.testing.BackendContract;
import org.opbench.testing.Expectation;

/** The oracle on cases small enough to work out by hand, and the backend contract. */
class ReferenceTest implements BackendContract {

    @Override
    public Subject subject() {
        return new Subject(new ReferenceBackend(), Expectation.available("pure Java"));
    }

    private static float[] conv(String desc, float[] src, float[] wei, float[] bias) {
        ConvProblem p = (ConvProblem) Problems.parse(Op.CONV, desc);
        float[] dst = new float[(int) p.dstElements()];
        RefConv.compute(p, src, wei, bias, dst, RefConv.plane(p));
        return dst;
    }

    private static float[] pool(String desc, float[] src) {
        PoolProblem p = (PoolProblem) Problems.parse(Op.POOL, desc);
        float[] dst = new float[(int) p.dstElements()];
        RefPool.compute(p, src, dst, null);
        return dst;
    }

    private static float[] seq(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        return a;
    }

    @Test
    void identityKernelCopiesTheInputPlusBias() {
        float[] src = seq(9);
        float[] dst = conv("ic1ih3oc1kh1", src, new float[] {1}, new float[] {0.5f});
        for (int i = 0; i < 9; i++) {
            assertEquals(src[i] + 0.5f, dst[i]);
        }
    }

    @Test
    void allOnesKernelSumsTheWindowWithZeroPadding() {
        // 3x3 input 1..9, 3x3 ones kernel, pad 1: corners sum 4 inputs, centre sums all 9
        float[] ones = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        float[] dst = conv("ic1ih3oc1kh3ph1", seq(9), ones, new float[] {0});
        assertArrayEquals(new float[] {12, 21, 16, 27, 45, 33, 24, 39, 28}, dst);
    }

    @Test
    void strideTwoPicksEveryOtherWindow() {
        // 4x4 input 1..16, 2x2 ones kernel, stride 2: sums of the four 2x2 blocks
        float[] dst = conv("ic1ih4oc1kh2sh2", seq(16), new float[] {1, 1, 1, 1}, new float[] {0});
        assertArrayEquals(new float[] {1 + 2 + 5 + 6, 3 + 4 + 7 + 8, 9 + 10 + 13 + 14, 11 + 12 + 15 + 16}, dst);
    }

    @Test
    void nonSquareKernelAndDilation() {
        // 1x3 kernel (1, 0, -1) on a 2x4 input: row differences x[i] - x[i+2]
        float[] dst = conv("ic1ih2iw4oc1kh1kw3", seq(8), new float[] {1, 0, -1}, new float[] {0});
        assertArrayEquals(new float[] {-2, -2, -2, -2}, dst);
        // dilation 1 on a 1x5 row with a 1x2 kernel (1, 1): x[i] + x[i+2]
        float[] dil = conv("ic1ih1iw5oc1kh1kw2dh0dw1", seq(5), new float[] {1, 1}, new float[] {0});
        assertArrayEquals(new float[] {4, 6, 8}, dil);
    }

    @Test
    void depthwiseKeepsChannelsApart() {
        // 2 channels of 2x2, depthwise 1x1 weights (2, 3): each channel scaled by its own weight
        float[] dst = conv("ic2ih2oc2kh1g2", seq(8), new float[] {2, 3}, new float[] {0, 1});
        assertArrayEquals(new float[] {2, 4, 6, 8, 16, 19, 22, 25}, dst);
    }

    @Test
    void groupedConvSumsOnlyItsGroupsInputs() {
        // 4 input channels of 1x1 (1,2,3,4), g2, 2 outputs, weights all 1: out0 = 1+2, out1 = 3+4
        float[] dst = conv("ic4ih1oc2kh1g2", seq(4), new float[] {1, 1, 1, 1}, new float[] {0, 0});
        assertArrayEquals(new float[] {3, 7}, dst);
    }

    @Test
    void batchesAreIndependent() {
        float[] dst = conv("mb2ic1ih1oc1kh1", new float[] {2, 5}, new float[] {3}, new float[] {1});
        assertArrayEquals(new float[] {7, 16}, dst);
    }

    @Test
    void fullyConnected() {
        FcProblem p = (FcProblem) Problems.parse(Op.FC, "mb2ic1ih2iw1oc2");
        float[] dst = new float[4];
        RefFc.compute(p, new float[] {1, 2, 3, 4}, new float[] {1, 1, 1, -1}, new float[] {0, 10}, dst);
        assertArrayEquals(new float[] {3, 9, 7, 9}, dst);
    }

    @Test
    void maxAndAveragePoolingWithPadding() {
        // 3x3 input 1..9, 2x2 windows stride 1 pad 0 -> 2x2
        assertArrayEquals(new float[] {5, 6, 8, 9}, pool("max:ic1ih3kh2", seq(9)));
        // 2x2 input (1,2,3,4), 3x3 window with pad 1 -> 2x2 outputs; every window covers all four inputs
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, pool("avg_np:ic1ih2kh3ph1", seq(4)));
        assertArrayEquals(new float[] {10 / 9f, 10 / 9f, 10 / 9f, 10 / 9f}, pool("avg_p:ic1ih2kh3ph1", seq(4)));
    }

    @Test
    void ceilModePoolingClipsTheLastWindow() {
        // 1x4 row 1..4 as 4x... use 4x4, 3x3 s2 ceil -> 2x2; last window covers rows/cols 2..3 only
        assertArrayEquals(new float[] {11, 12, 15, 16}, pool("max:ic1ih4oh2kh3sh2", seq(16)));
    }

    @Test
    void softmaxOverChannels() {
        SoftmaxProblem p = (SoftmaxProblem) Problems.parse(Op.SOFTMAX, "ic2ih1iw2");
        float[] dst = new float[4];
        // position 0: channels (0, ln 3) -> (1/4, 3/4); position 1: equal -> (1/2, 1/2)
        RefSoftmax.compute(p, new float[] {0, 5, (float) Math.log(3), 5}, dst, null);
        assertEquals(0.25f, dst[0], 1e-6);
        assertEquals(0.5f, dst[1], 1e-6);
        assertEquals(0.75f, dst[2], 1e-6);
        assertEquals(0.5f, dst[3], 1e-6);
    }

    @Test
    void backendRunsThroughTheSpiAndIsSingleThreaded() throws Exception {
        ReferenceBackend b = new ReferenceBackend();
        assertTrue(b.probe().available());
        Problem p = Problems.parse(Op.CONV, "mb2ic4ih7oc6kh3sh2ph1");
        ProblemData data = ProblemData.of(p, 1);
        try (var op = b.prepare(p, new Variant("direct", "none", 1), data)) {
            op.run();
            assertArrayEquals(Reference.compute(data), op.output());
        }
        assertFalse(b.supports(p, new Variant("direct", "none", 2)).supported());
        assertFalse(b.supports(p, new Variant("winograd", "none", 1)).supported());
    }

    @Test
    void problemDataIsSeededAndInRange() {
        Problem p = Problems.parse(Op.CONV, "ic3ih5oc2kh3");
        ProblemData a = ProblemData.of(p, 7);
        ProblemData b = ProblemData.of(p.withName("other"), 7);
        assertArrayEquals(a.src(), b.src());
        assertArrayEquals(a.weights(), b.weights());
        assertFalse(java.util.Arrays.equals(a.src(), ProblemData.of(p, 8).src()));
        for (float v : a.src()) {
            assertTrue(v >= -1 && v < 1);
        }
        assertEquals(2, a.bias().length);
    }
}
