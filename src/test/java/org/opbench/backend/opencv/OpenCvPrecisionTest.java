package org.opbench.backend.opencv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;
import org.opbench.spi.Variant;

/**
 * OpenCV states Winograd exactly where {@link ConvPath} says it takes its Winograd path ({@code OpenCvWinogradTest}
 * checks ConvPath against OpenCV's own outputs), fp32 throughout.
 */
class OpenCvPrecisionTest {
    private static final String WINOGRAD_ELIGIBLE = "mb1ic8ih16iw16oc8kh3kw3ph1pw1";
    private static final String STRIDED = "mb1ic8ih16iw16oc8kh3kw3sh2sw2ph1pw1";

    @Test
    void theStatedTransformFollowsTheConvPath() {
        ConvProblem eligible = (ConvProblem) Problems.parse(Op.CONV, WINOGRAD_ELIGIBLE);
        ConvProblem strided = (ConvProblem) Problems.parse(Op.CONV, STRIDED);
        assertEquals(Transform.WINOGRAD, OpenCvOp.execution(eligible, Algorithm.AUTO, null).transform());
        assertEquals(Transform.WINOGRAD, OpenCvOp.execution(eligible, Algorithm.WINOGRAD, null).transform());
        assertEquals(Transform.NONE, OpenCvOp.execution(eligible, Algorithm.DIRECT, null).transform());
        assertEquals(Transform.NONE, OpenCvOp.execution(eligible, Algorithm.OCL, null).transform());
        assertEquals(Transform.NONE, OpenCvOp.execution(strided, Algorithm.AUTO, null).transform());
        assertEquals(Numerics.F32, OpenCvOp.execution(eligible, Algorithm.AUTO, null).numerics());
    }

    @Test
    void aPreparedPointStatesWhatItConfigured() throws Exception {
        OpenCvTestSupport.ready();
        Problem p = Problems.parse(Op.CONV, WINOGRAD_ELIGIBLE);
        for (String algorithm : new String[] {"auto", "direct"}) {
            try (PreparedOp op = OpenCvTestSupport.BACKEND.prepare(p, new Variant(algorithm, "none", 1),
                    ProblemData.of(p, 5))) {
                Execution e = op.execution();
                assertEquals(algorithm, e.algorithm());
                assertEquals(algorithm.equals("auto") ? Transform.WINOGRAD : Transform.NONE, e.transform(), e.impl());
                assertEquals(Numerics.F32, e.numerics());
            }
        }
    }
}
