package org.opbench.backend.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opbench.problem.Op;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problems;

class PoolPlanTest {
    private static PoolProblem pool(String d) {
        return (PoolProblem) Problems.parse(Op.POOL, d);
    }

    @Test
    void floorPoolsKeepSymmetricPadding() {
        PoolPlan plan = PoolPlan.of(pool("avg_p:mb1ic2ih7iw7oh4ow4kh3kw3sh2sw2ph1pw1"));
        assertFalse(plan.ceilMode());
        assertEquals("floor", plan.rounding());
        assertEquals(1, plan.padBottom());
        assertTrue(plan.paddedArea());
    }

    @Test
    void ceilMaxAndAvgNpUseOpenCvCeilModeButAvgPStatesItsEndPadding() {
        assertTrue(PoolPlan.of(pool("max:mb1ic4ih10iw10oh5ow5kh3kw3sh2sw2ph0pw0")).ceilMode());
        assertTrue(PoolPlan.of(pool("avg_np:mb1ic2ih6iw6oh4ow4kh3kw3sh2sw2ph1pw1")).ceilMode());
        PoolPlan p = PoolPlan.of(pool("avg_p:mb1ic2ih6iw6oh4ow4kh3kw3sh2sw2ph1pw1"));
        assertFalse(p.ceilMode());
        assertEquals("explicit_end_pad", p.rounding());
        assertEquals(2, p.padBottom()); // (4-1)*2 + 3 - 6 - 1
        assertEquals(2, p.padRight());
    }

    @Test
    void mixedRoundingFallsBackToExplicitPadding() {
        PoolPlan p = PoolPlan.of(pool("max:mb1ic2ih10iw10oh5ow4kh3kw3sh2sw2ph0pw0"));
        assertFalse(p.ceilMode());
        assertEquals(1, p.padBottom());
        assertEquals(0, p.padRight());
    }

    @Test
    void openCvOutputSizeRule() {
        assertEquals(4, PoolPlan.openCvOut(10, 3, 2, 0, false));
        assertEquals(5, PoolPlan.openCvOut(10, 3, 2, 0, true));
        // ceil would start the last window inside the end padding: OpenCV drops it
        assertEquals(3, PoolPlan.openCvOut(5, 2, 2, 1, true));
    }
}
