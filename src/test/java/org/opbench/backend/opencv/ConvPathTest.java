package org.opbench.backend.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.Op;
import org.opbench.problem.Problems;

/** The inferred kernel choice, without OpenCV (OpenCvWinogradTest checks it against OpenCV). */
class ConvPathTest {
    private static ConvProblem conv(String d) {
        return (ConvProblem) Problems.parse(Op.CONV, d);
    }

    @Test
    void threeByThreeStrideOneIsWinogradOnlyWhenEnabled() {
        ConvProblem p = conv("mb1ic64ih56iw56oc64kh3kw3sh1sw1ph1pw1");
        assertEquals(ConvPath.WINOGRAD_F63, ConvPath.of(p, true));
        assertEquals(ConvPath.GENERIC, ConvPath.of(p, false));
        assertTrue(ConvPath.winogradReasons(p).isEmpty());
    }

    @Test
    void stridedNonSquareSmallAndDilatedAreNotWinograd() {
        for (String d : new String[] {"mb1ic8ih20iw20oc8kh3kw3sh2sw2ph1pw1", "mb1ic8ih20iw20oc8kh3kw5ph1pw2",
                "mb1ic8ih11iw20oc8kh3kw3ph1pw1", "mb1ic8ih20iw20oc8kh3kw3ph2pw2dh1dw1",
                "mb1ic8ih20iw20oc8kh1kw1"}) {
            ConvProblem p = conv(d);
            assertEquals(ConvPath.GENERIC, ConvPath.of(p, true), d);
            assertFalse(ConvPath.winogradReasons(p).isEmpty(), d);
        }
    }

    @Test
    void depthwiseTakesItsOwnKernelsAndWinogradOnlyOutsideTheFastOne() {
        assertEquals(ConvPath.DEPTHWISE_3X3, ConvPath.of(conv("mb1ic32ih56iw56oc32kh3kw3ph1pw1g32"), true));
        assertEquals(ConvPath.DEPTHWISE_3X3, ConvPath.of(conv("mb1ic32ih56iw56oc32kh3kw3sh2sw2ph1pw1g32"), true));
        assertEquals(ConvPath.DEPTHWISE_GENERIC, ConvPath.of(conv("mb1ic32ih56iw56oc32kh5kw5ph2pw2g32"), true));
        // padding 2 rules out the fast depthwise kernel, and nothing else rules out Winograd
        assertEquals(ConvPath.WINOGRAD_F63, ConvPath.of(conv("mb1ic8ih14iw14oc8kh3kw3ph2pw2g8"), true));
        assertEquals(ConvPath.DEPTHWISE_GENERIC, ConvPath.of(conv("mb1ic8ih14iw14oc8kh3kw3ph2pw2g8"), false));
        assertFalse(ConvPath.winogradReasons(conv("mb1ic32ih56iw56oc32kh3kw3ph1pw1g32")).isEmpty());
    }

    @Test
    void groupedThreeByThreeIsWinograd() {
        assertEquals(ConvPath.WINOGRAD_F63, ConvPath.of(conv("mb1ic12ih16iw16oc18kh3kw3ph1pw1g3"), true));
    }
}
