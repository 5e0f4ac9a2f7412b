package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_auto;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_winograd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fpmath_mode_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fpmath_mode_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fpmath_mode_f16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fpmath_mode_strict;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fpmath_mode_tf32;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.bytedeco.dnnl.global.dnnl;
import org.junit.jupiter.api.Test;
import org.opbench.problem.DataType;
import org.opbench.problem.Op;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;

/** What dnnl states it ran comes from what oneDNN reports: the fpmath mode and the convolution's algorithm kind. */
class DnnlPrecisionTest {

    @Test
    void fpmathModesMapToTheFormatsTheyAllow() {
        DnnlTestSupport.backend();
        assertEquals(Numerics.F32, DnnlPrecision.numerics(dnnl_fpmath_mode_strict));
        assertEquals(Numerics.TF32, DnnlPrecision.numerics(dnnl_fpmath_mode_tf32));
        assertEquals(DataType.F16, DnnlPrecision.numerics(dnnl_fpmath_mode_f16).math());
        assertEquals(DataType.BF16, DnnlPrecision.numerics(dnnl_fpmath_mode_bf16).math());
        assertEquals(DataType.BF16, DnnlPrecision.numerics(dnnl_fpmath_mode_any).math());
    }

    @Test
    void algorithmKindsMapToTransforms() {
        DnnlTestSupport.backend();
        assertEquals(Transform.NONE, DnnlPrecision.convTransform(dnnl_convolution_direct));
        assertEquals(Transform.WINOGRAD, DnnlPrecision.convTransform(dnnl_convolution_winograd));
        assertEquals(Transform.UNREPORTED, DnnlPrecision.convTransform(dnnl_convolution_auto));
    }

    /** oneDNN sets the kind it chose for {@code convolution_auto}: on the CPU (no Winograd in 3.x), direct. */
    @Test
    void autoConvolutionStatesTheKindOneDnnChoseInTheProcessFpmathMode() throws Exception {
        DnnlBackend backend = DnnlTestSupport.backend();
        int[] mode = new int[1];
        dnnl.dnnl_get_default_fpmath_mode(mode);
        for (String algorithm : new String[] {"auto", "direct"}) {
            Execution e = execution(backend, Op.CONV, "mb1ic8ih10iw10oc8kh3kw3ph1pw1", algorithm);
            assertEquals(algorithm, e.algorithm());
            assertEquals(Transform.NONE, e.transform(), e.impl());
            assertEquals(DnnlPrecision.numerics(mode[0]), e.numerics());
        }
    }

    @Test
    void otherOperatorsStateNoTransform() throws Exception {
        DnnlBackend backend = DnnlTestSupport.backend();
        assertEquals(Transform.NONE, execution(backend, Op.FC, "mb2ic8oc4", "auto").transform());
        assertEquals(Transform.NONE, execution(backend, Op.SOFTMAX, "mb2ic10", "auto").transform());
        assertEquals(Transform.NONE,
                execution(backend, Op.POOL, "max:mb1ic4ih8iw8oh4ow4kh2kw2sh2sw2ph0pw0", "auto").transform());
    }

    private static Execution execution(DnnlBackend backend, Op op, String descriptor, String algorithm)
            throws Exception {
        Problem p = Problems.parse(op, descriptor);
        try (PreparedOp prepared = backend.prepare(p, DnnlTestSupport.variant(backend, algorithm, Map.of()),
                ProblemData.of(p, 1))) {
            assertEquals(prepared.impl(), prepared.execution().impl());
            return prepared.execution();
        }
    }
}
