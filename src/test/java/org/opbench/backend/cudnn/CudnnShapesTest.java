package org.opbench.backend.cudnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.cuda.global.cudnn;
import org.junit.jupiter.api.Test;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.Op;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;
import org.opbench.problem.SoftmaxProblem;

/** Problems to cuDNN/cuBLAS parameters, checked without a GPU. */
class CudnnShapesTest {

    private static ConvProblem conv(String d) {
        return (ConvProblem) Problems.parse(Op.CONV, d);
    }

    @Test
    void convMapsDimsStridesPaddingAndMode() {
        CudnnShapes.ConvGeometry g = CudnnShapes.conv(conv("mb2ic3ih9iw7oc8kh3kw5sh2sw1ph1pw2"));
        assertEquals(new CudnnShapes.Tensor4d(2, 3, 9, 7), g.src());
        assertEquals(3 * 9 * 7, g.src().nStride());
        assertEquals(9 * 7, g.src().cStride());
        assertEquals(7, g.src().hStride());
        assertEquals(1, g.src().wStride());
        assertEquals(new CudnnShapes.Filter4d(8, 3, 3, 5), g.filter());
        assertEquals(new CudnnShapes.Tensor4d(2, 8, 5, 7), g.dst());
        assertEquals(new CudnnShapes.Tensor4d(1, 8, 1, 1), g.bias());
        assertEquals(1, g.padH());
        assertEquals(2, g.padW());
        assertEquals(2, g.strideH());
        assertEquals(1, g.strideW());
        assertEquals(1, g.dilationH(), "no dilation is cuDNN dilation 1");
        assertEquals(1, g.groups());
        assertEquals(cudnn.CUDNN_CROSS_CORRELATION, g.mode());
    }

    @Test
    void depthwiseAndGroupedConvUseGroupCountAndPerGroupFilterChannels() {
        CudnnShapes.ConvGeometry dw = CudnnShapes.conv(conv("mb1ic32ih16oc32kh3ph1g32"));
        assertEquals(32, dw.groups());
        assertEquals(new CudnnShapes.Filter4d(32, 1, 3, 3), dw.filter());
        CudnnShapes.ConvGeometry grouped = CudnnShapes.conv(conv("mb1ic8ih6oc12kh1g4"));
        assertEquals(4, grouped.groups());
        assertEquals(new CudnnShapes.Filter4d(12, 2, 1, 1), grouped.filter());
    }

    @Test
    void dilationCountsTheStepBetweenTaps() {
        CudnnShapes.ConvGeometry g = CudnnShapes.conv(conv("ic2ih11oc2kh3ph2dh1"));
        assertEquals(2, g.dilationH());
        assertEquals(2, g.dilationW());
    }

    @Test
    void cudnnsOutputFormulaAgreesWithOpbenchsForEveryShape() {
        String[] shapes = {"mb2ic3ih9iw7oc8kh3kw5sh2sw1ph1pw2", "ic2ih11oc2kh3ph2dh1", "ic3ih224oc32kh3sh2ph1",
            "ic4ih13iw5oc4kh5kw1sh3sw1ph2pw0", "ic1ih7oc1kh7", "ic2ih10oc2kh3sh2ph0dh2"};
        for (String s : shapes) {
            ConvProblem p = conv(s);
            CudnnShapes.ConvGeometry g = CudnnShapes.conv(p);
            assertEquals(p.oh(), CudnnShapes.convOut(p.ih(), g.padH(), p.kh(), g.dilationH(), g.strideH()), s);
            assertEquals(p.ow(), CudnnShapes.convOut(p.iw(), g.padW(), p.kw(), g.dilationW(), g.strideW()), s);
        }
    }

    @Test
    void poolMapsModesAndFloorSize() {
        PoolProblem max = (PoolProblem) Problems.parse(Op.POOL, "max:mb2ic3ih8oh4kh2sh2");
        CudnnShapes.PoolGeometry g = CudnnShapes.pool(max);
        assertEquals(cudnn.CUDNN_POOLING_MAX, g.mode());
        assertFalse(g.ceilMode());
        assertEquals(4, g.floorOutH());
        assertEquals(new CudnnShapes.Tensor4d(2, 3, 4, 4), g.dst());
        assertEquals(cudnn.CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING,
                CudnnShapes.pool((PoolProblem) Problems.parse(Op.POOL, "avg_np:ic3ih5kh3ph1")).mode());
        assertEquals(cudnn.CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING,
                CudnnShapes.pool((PoolProblem) Problems.parse(Op.POOL, "avg_p:ic3ih5kh3ph1")).mode());
    }

    @Test
    void ceilModePoolAsksForOneMoreRowThanCudnnsFormula() {
        // GoogLeNet pool1: 112 -> 56 with a 3x3 window, stride 2, no padding (floor gives 55)
        PoolProblem p = (PoolProblem) Problems.parse(Op.POOL, "max:ic64ih112oh56kh3sh2ph0");
        CudnnShapes.PoolGeometry g = CudnnShapes.pool(p);
        assertTrue(g.ceilMode());
        assertEquals(55, g.floorOutH());
        assertEquals(55, g.floorOutW());
        assertEquals(56, g.dst().h());
        assertEquals(56, g.dst().w());
        assertEquals(0, g.padH(), "cuDNN's symmetric padding stays the problem's; the extra row comes from the output size");
    }

    @Test
    void softmaxIsTheNchwTensorItself() {
        SoftmaxProblem p = (SoftmaxProblem) Problems.parse(Op.SOFTMAX, "mb2ic10ih3iw4");
        assertEquals(new CudnnShapes.Tensor4d(2, 10, 3, 4), CudnnShapes.softmax(p));
    }

    @Test
    void fcGemmShape() {
        FcProblem p = (FcProblem) Problems.parse(Op.FC, "mb3ic4ih2iw2oc5");
        CudnnShapes.Gemm g = CudnnShapes.fc(p);
        assertTrue(g.transA());
        assertFalse(g.transB());
        assertEquals(5, g.m());
        assertEquals(3, g.n());
        assertEquals(16, g.k());
        assertEquals(16, g.lda());
        assertEquals(16, g.ldb());
        assertEquals(5, g.ldc());
    }

    /**
     * Runs the sgemm the fc mapping describes, with cuBLAS's column-major semantics written out in Java, on the
     * row-major opbench buffers with the bias rows preloaded (beta = 1), and compares with the reference: this
     * checks the transposes and leading dimensions numerically.
     */
    @Test
    void fcGemmComputesTheReferenceResultUnderColumnMajorSemantics() {
        for (String d : new String[] {"mb3ic4ih2iw2oc5", "mb1ic7oc3", "mb4ic3ih3iw1oc2"}) {
            FcProblem p = (FcProblem) Problems.parse(Op.FC, d);
            ProblemData data = ProblemData.of(p, 11);
            CudnnShapes.Gemm g = CudnnShapes.fc(p);
            float[] c = CublasFc.biasRows(data.bias(), p.mb());
            sgemmColumnMajor(g, data.weights(), data.src(), c, 1f, 1f);
            assertTrue(Check.relativeError(c, Reference.compute(data)) < 1e-6, d);
        }
    }

    /** {@code C = alpha op(A) op(B) + beta C}, all column-major, as cublasSgemm defines it. */
    private static void sgemmColumnMajor(CudnnShapes.Gemm g, float[] a, float[] b, float[] c, float alpha, float beta) {
        for (int j = 0; j < g.n(); j++) {
            for (int i = 0; i < g.m(); i++) {
                double sum = 0;
                for (int l = 0; l < g.k(); l++) {
                    float av = g.transA() ? a[l + i * g.lda()] : a[i + l * g.lda()];
                    float bv = g.transB() ? b[j + l * g.ldb()] : b[l + j * g.ldb()];
                    sum += (double) av * bv;
                }
                c[i + j * g.ldc()] = (float) (alpha * sum + beta * c[i + j * g.ldc()]);
            }
        }
    }
}
