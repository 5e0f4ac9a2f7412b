package org.opbench.backend.cudnn;

import org.bytedeco.cuda.global.cudnn;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.SoftmaxProblem;

/**
 * opbench problems as cuDNN/cuBLAS descriptor parameters. Pure functions: no native call, tested without a GPU.
 * Every tensor is packed NCHW float, as opbench stores it, so no data is reordered.
 */
public final class CudnnShapes {
    private CudnnShapes() {
    }

    /** A packed NCHW tensor: what {@code cudnnSetTensor4dDescriptorEx} receives. */
    public record Tensor4d(int n, int c, int h, int w) {
        public int nStride() {
            return c * h * w;
        }

        public int cStride() {
            return h * w;
        }

        public int hStride() {
            return w;
        }

        public int wStride() {
            return 1;
        }

        public long elements() {
            return (long) n * c * h * w;
        }
    }

    /** A KCRS filter ({@code cudnnSetFilter4dDescriptor}, NCHW format): k output channels, c = ic / g per group. */
    public record Filter4d(int k, int c, int h, int w) {
        public long elements() {
            return (long) k * c * h * w;
        }
    }

    /**
     * Convolution parameters. cuDNN's dilation counts the step between taps (1 = none), benchdnn's the gap (0 =
     * none). The mode is cross-correlation (no kernel flip), as in every framework.
     */
    public record ConvGeometry(Tensor4d src, Filter4d filter, Tensor4d dst, Tensor4d bias, int padH, int padW,
                               int strideH, int strideW, int dilationH, int dilationW, int groups, int mode) {
    }

    /**
     * Pooling parameters. cuDNN's pooling descriptor has symmetric padding and computes the floor output size
     * ({@code floorOutH/W}); a ceil-mode problem ({@code ceilMode}) asks for one more row or column than that, which
     * is passed to cuDNN as an explicit output tensor size.
     */
    public record PoolGeometry(Tensor4d src, Tensor4d dst, int mode, int windowH, int windowW, int padH, int padW,
                               int strideH, int strideW, boolean ceilMode, int floorOutH, int floorOutW) {
    }

    /**
     * A column-major {@code cublasSgemm}: {@code C(m x n) = op(A) op(B) + beta C}.
     */
    public record Gemm(boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc) {
    }

    public static ConvGeometry conv(ConvProblem p) {
        Tensor4d src = new Tensor4d(p.mb(), p.ic(), p.ih(), p.iw());
        Filter4d filter = new Filter4d(p.oc(), p.ic() / p.g(), p.kh(), p.kw());
        Tensor4d dst = new Tensor4d(p.mb(), p.oc(), p.oh(), p.ow());
        Tensor4d bias = new Tensor4d(1, p.oc(), 1, 1);
        return new ConvGeometry(src, filter, dst, bias, p.ph(), p.pw(), p.sh(), p.sw(), p.dh() + 1, p.dw() + 1,
                p.g(), cudnn.CUDNN_CROSS_CORRELATION);
    }

    /** The output size cuDNN's convolution formula gives (what {@code cudnnGetConvolution2dForwardOutputDim} returns). */
    public static int convOut(int in, int pad, int filter, int dilation, int stride) {
        return 1 + (in + 2 * pad - ((filter - 1) * dilation + 1)) / stride;
    }

    public static int poolMode(PoolAlg alg) {
        return switch (alg) {
            case MAX -> cudnn.CUDNN_POOLING_MAX;
            case AVG_NP -> cudnn.CUDNN_POOLING_AVERAGE_COUNT_EXCLUDE_PADDING;
            case AVG_P -> cudnn.CUDNN_POOLING_AVERAGE_COUNT_INCLUDE_PADDING;
        };
    }

    public static PoolGeometry pool(PoolProblem p) {
        Tensor4d src = new Tensor4d(p.mb(), p.ic(), p.ih(), p.iw());
        Tensor4d dst = new Tensor4d(p.mb(), p.ic(), p.oh(), p.ow());
        int floorH = 1 + (p.ih() + 2 * p.ph() - p.kh()) / p.sh();
        int floorW = 1 + (p.iw() + 2 * p.pw() - p.kw()) / p.sw();
        return new PoolGeometry(src, dst, poolMode(p.alg()), p.kh(), p.kw(), p.ph(), p.pw(), p.sh(), p.sw(),
                p.ceilMode(), floorH, floorW);
    }

    /** Softmax over channels: the NCHW tensor as it is ({@code CUDNN_SOFTMAX_MODE_CHANNEL}). */
    public static Tensor4d softmax(SoftmaxProblem p) {
        return new Tensor4d(p.mb(), p.ic(), p.ih(), p.iw());
    }

    /**
     * Fully connected as one sgemm. opbench's row-major {@code dst[N][OC] = src[N][K] * W[OC][K]^T} is, read
     * column-major, {@code dst^T (OC x N) = W^T^T (OC x K) * src^T (K x N)}: A is the weights (stored K x OC
     * column-major, transposed), B the source (K x N, not transposed), C the output (OC x N). No copy of either
     * operand is made.
     */
    public static Gemm fc(FcProblem p) {
        int k = Math.toIntExact(p.inputLength());
        return new Gemm(true, false, p.oc(), p.mb(), k, k, k, p.oc());
    }
}
