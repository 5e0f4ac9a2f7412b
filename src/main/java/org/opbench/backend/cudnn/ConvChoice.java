package org.opbench.backend.cudnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.cuda.global.cudnn;
import org.opbench.problem.DataType;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/**
 * A convolution algorithm name as opbench spells it, parsed into cuDNN's forward algorithm and math type.
 *
 * <p>Names are {@code ALGO} or {@code ALGO+tensor_op}, where ALGO is {@code auto} (the first algorithm cuDNN's
 * heuristics, {@code cudnnGetConvolutionForwardAlgorithm_v7}, return as supported) or one of the eight forward
 * algorithms cuDNN defines. The math type is the second axis: without a suffix, {@code CUDNN_FMA_MATH} (plain fp32
 * FMA kernels, no tensor cores); with {@code +tensor_op}, {@code CUDNN_TENSOR_OP_MATH} (tensor cores, TF32 on fp32
 * data, so a looser tolerance applies). cuDNN's own {@code CUDNN_DEFAULT_MATH} is not used for the plain names
 * because on Ampere and later it lets cuDNN pick TF32 tensor-core kernels for fp32 data, so that a "plain" result
 * could silently be a TF32 one.
 *
 * @param algo     the cuDNN algorithm ({@code cudnnConvolutionFwdAlgo_t}), or -1 for auto
 * @param tensorOp whether tensor-op math is requested
 */
public record ConvChoice(int algo, boolean tensorOp) {
    /** The suffix selecting tensor-op math. */
    public static final String TENSOR_OP = "+tensor_op";
    public static final String AUTO = "auto";

    /** cuDNN's forward algorithms in {@code cudnnConvolutionFwdAlgo_t} order, as opbench names them. */
    private static final String[] NAMES = {"implicit_gemm", "implicit_precomp_gemm", "gemm", "direct", "fft",
        "fft_tiling", "winograd", "winograd_nonfused"};

    static {
        if (NAMES.length != cudnn.CUDNN_CONVOLUTION_FWD_ALGO_COUNT
                || cudnn.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED != 7
                || cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM != 0) {
            throw new AssertionError("cudnnConvolutionFwdAlgo_t changed; update ConvChoice.NAMES");
        }
    }

    /** Every conv algorithm name, default first: auto, the eight algorithms, then the same nine with tensor-op math. */
    public static List<String> names() {
        List<String> all = new ArrayList<>();
        all.add(AUTO);
        all.addAll(List.of(NAMES));
        all.add(AUTO + TENSOR_OP);
        for (String n : NAMES) {
            all.add(n + TENSOR_OP);
        }
        return List.copyOf(all);
    }

    /** The choice for {@code name}, or null if it names no cuDNN algorithm. */
    public static ConvChoice parse(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        boolean tensor = n.endsWith(TENSOR_OP);
        String base = tensor ? n.substring(0, n.length() - TENSOR_OP.length()) : n;
        if (base.equals(AUTO)) {
            return new ConvChoice(-1, tensor);
        }
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(base)) {
                return new ConvChoice(i, tensor);
            }
        }
        return null;
    }

    public boolean auto() {
        return algo < 0;
    }

    /** {@code cudnnMathType_t} to set on the convolution descriptor. */
    public int mathType() {
        return tensorOp ? cudnn.CUDNN_TENSOR_OP_MATH : cudnn.CUDNN_FMA_MATH;
    }

    /** opbench's name of a cuDNN algorithm value. */
    public static String algoName(int algo) {
        return algo >= 0 && algo < NAMES.length ? NAMES[algo] : "algo" + algo;
    }

    /** The transform a {@code cudnnConvolutionFwdAlgo_t} value computes through. */
    public static Transform transform(int algo) {
        return switch (algo) {
            case cudnn.CUDNN_CONVOLUTION_FWD_ALGO_FFT, cudnn.CUDNN_CONVOLUTION_FWD_ALGO_FFT_TILING -> Transform.FFT;
            case cudnn.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD, cudnn.CUDNN_CONVOLUTION_FWD_ALGO_WINOGRAD_NONFUSED ->
                    Transform.WINOGRAD;
            case cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_GEMM, cudnn.CUDNN_CONVOLUTION_FWD_ALGO_IMPLICIT_PRECOMP_GEMM,
                    cudnn.CUDNN_CONVOLUTION_FWD_ALGO_GEMM, cudnn.CUDNN_CONVOLUTION_FWD_ALGO_DIRECT -> Transform.NONE;
            default -> Transform.UNREPORTED;
        };
    }

    /**
     * The number formats fp32 data runs in under a {@code cudnnMathType_t}: FMA math is fp32; tensor-op math and
     * default math (which lets cuDNN pick tensor-core kernels from Ampere on) multiply in TF32; tensor-op math with
     * conversion may convert the operands to fp16.
     */
    public static Numerics numerics(int math) {
        return switch (math) {
            case cudnn.CUDNN_FMA_MATH -> Numerics.F32;
            case cudnn.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION -> new Numerics(DataType.F32, DataType.F16, DataType.F32);
            default -> Numerics.TF32;
        };
    }

    /** The name of a {@code cudnnMathType_t} value as it appears in impl strings. */
    public static String mathName(int math) {
        return switch (math) {
            case cudnn.CUDNN_DEFAULT_MATH -> "default_math";
            case cudnn.CUDNN_TENSOR_OP_MATH -> "tensor_op";
            case cudnn.CUDNN_TENSOR_OP_MATH_ALLOW_CONVERSION -> "tensor_op_allow_conversion";
            case cudnn.CUDNN_FMA_MATH -> "fma";
            default -> "math" + math;
        };
    }
}
