package org.opbench.backend.cudnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.cuda.global.cudnn;
import org.junit.jupiter.api.Test;

/**
 * Choosing among cuDNN's algorithm results (heuristics or find) by math type, as cuDNN lists them: every algorithm
 * once per math type, tensor-op and default, whatever the descriptor says. No GPU needed (the constants are
 * compile-time values).
 */
class CudnnSelectTest {
    private static final int OK = cudnn.CUDNN_STATUS_SUCCESS;
    private static final int NO = cudnn.CUDNN_STATUS_NOT_SUPPORTED;
    private static final int TC = cudnn.CUDNN_TENSOR_OP_MATH;
    private static final int DEF = cudnn.CUDNN_DEFAULT_MATH;

    @Test
    void plainFp32NeverTakesATensorOpResult() {
        assertEquals(2, CudnnConv.choose(new int[] {TC, TC, DEF, DEF}, new int[] {OK, OK, OK, OK}, false));
        assertEquals(3, CudnnConv.choose(new int[] {TC, DEF, TC, DEF}, new int[] {OK, NO, OK, OK}, false));
        assertEquals(-1, CudnnConv.choose(new int[] {TC, TC}, new int[] {OK, OK}, false));
    }

    @Test
    void tensorOpPrefersTensorOpResultsAndFallsBackToDefaultMath() {
        assertEquals(1, CudnnConv.choose(new int[] {DEF, TC, DEF}, new int[] {OK, OK, OK}, true));
        assertEquals(0, CudnnConv.choose(new int[] {DEF, TC}, new int[] {OK, NO}, true));
        assertEquals(-1, CudnnConv.choose(new int[] {DEF, TC}, new int[] {NO, NO}, true));
    }

    @Test
    void plainVariantsRunWithFmaMath() {
        assertEquals(cudnn.CUDNN_FMA_MATH, CudnnConv.mathToRun(DEF, false));
        assertEquals(TC, CudnnConv.mathToRun(TC, true));
        assertEquals(DEF, CudnnConv.mathToRun(DEF, true));
    }
}
