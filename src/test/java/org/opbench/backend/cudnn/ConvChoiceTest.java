package org.opbench.backend.cudnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.cuda.global.cudnn;
import org.junit.jupiter.api.Test;
import org.opbench.measure.Tolerance;
import org.opbench.problem.DataType;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/** Conv algorithm names and their cuDNN values. */
class ConvChoiceTest {

    @Test
    void everyForwardAlgorithmCudnnDefinesIsNamedWithAndWithoutTensorOps() {
        List<String> names = ConvChoice.names();
        assertEquals("auto", names.get(0), "auto is the default");
        assertEquals(2 * (1 + cudnn.CUDNN_CONVOLUTION_FWD_ALGO_COUNT), names.size());
        assertEquals(List.of("auto", "implicit_gemm", "implicit_precomp_gemm", "gemm", "direct", "fft", "fft_tiling",
                "winograd", "winograd_nonfused"), names.subList(0, 9));
        for (String n : names.subList(9, names.size())) {
            assertTrue(n.endsWith("+tensor_op"), n);
        }
    }

    @Test
    void namesParseToCudnnsEnumValues() {
        assertEquals(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM, ConvChoice.parse("implicit_gemm").algo());
        assertEquals(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM, ConvChoice.parse("implicit_precomp_gemm").algo());
        assertEquals(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_GEMM, ConvChoice.parse("gemm").algo());
        assertEquals(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_DIRECT, ConvChoice.parse("direct").algo());
        assertEquals(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_FFT, ConvChoice.parse("fft").algo());
        assertEquals(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_FFT_TILING, ConvChoice.parse("fft_tiling").algo());
        assertEquals(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD, ConvChoice.parse("winograd").algo());
        assertEquals(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED, ConvChoice.parse("winograd_nonfused").algo());
        for (String n : ConvChoice.names()) {
            ConvChoice c = ConvChoice.parse(n);
            String back = (c.auto() ? "auto" : ConvChoice.algoName(c.algo())) + (c.tensorOp() ? "+tensor_op" : "");
            assertEquals(n, back);
        }
    }

    @Test
    void mathTypeIsFmaUnlessTensorOpsAreAsked() {
        assertEquals(cudnn.CUDNN_FMA_MATH, ConvChoice.parse("winograd").mathType());
        assertEquals(cudnn.CUDNN_TENSOR_OP_MATH, ConvChoice.parse("winograd+tensor_op").mathType());
        assertTrue(ConvChoice.parse("auto+tensor_op").auto());
        assertFalse(ConvChoice.parse("gemm").auto());
        assertEquals("fma", ConvChoice.mathName(cudnn.CUDNN_FMA_MATH));
        assertEquals("tensor_op", ConvChoice.mathName(cudnn.CUDNN_TENSOR_OP_MATH));
    }

    @Test
    void unknownNamesAreRefused() {
        assertNull(ConvChoice.parse("im2col"));
        assertNull(ConvChoice.parse("winograd+tf16"));
        assertNull(ConvChoice.parse(""));
    }

    @Test
    void algorithmAndMathTypeStateTheTransformAndFormats() {
        assertEquals(Transform.NONE, ConvChoice.transform(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM));
        assertEquals(Transform.NONE, ConvChoice.transform(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_DIRECT));
        assertEquals(Transform.WINOGRAD, ConvChoice.transform(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED));
        assertEquals(Transform.WINOGRAD, ConvChoice.transform(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD));
        assertEquals(Transform.FFT, ConvChoice.transform(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_FFT_TILING));
        assertEquals(Transform.FFT, ConvChoice.transform(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_FFT));
        assertEquals(Numerics.F32, ConvChoice.numerics(ConvChoice.parse("gemm").mathType()));
        assertEquals(Numerics.TF32, ConvChoice.numerics(ConvChoice.parse("gemm+tensor_op").mathType()));
        // default math lets cuDNN pick TF32 kernels from Ampere on: stated as TF32, never as plain fp32
        assertEquals(Numerics.TF32, ConvChoice.numerics(cudnn.CUDNN_DEFAULT_MATH));
        assertEquals(DataType.F16, ConvChoice.numerics(cudnn.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION).math());
        assertEquals(Tolerance.EXACT_ORDER, Tolerance.of(ConvChoice.numerics(cudnn.CUDNN_FMA_MATH),
                ConvChoice.transform(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM)));
        assertEquals(Tolerance.TRANSFORM, Tolerance.of(ConvChoice.numerics(cudnn.CUDNN_FMA_MATH),
                ConvChoice.transform(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED)));
        assertEquals(Tolerance.REDUCED_PRECISION, Tolerance.of(ConvChoice.numerics(cudnn.CUDNN_TENSOR_OP_MATH),
                ConvChoice.transform(cudnn.CUDNN_CONVOLUTION_FWD_ALGO_GEMM)));
    }
}
