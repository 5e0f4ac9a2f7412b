package org.opbench.backend.acl;

import java.util.List;
import org.opbench.problem.Op;
import org.opbench.spi.Transform;

/**
 * opbench's algorithm names for ACL: the NEON (CPU) functions under plain names, their OpenCL counterparts with a
 * {@code cl-} prefix.
 *
 * <p>Convolution: {@code auto} is {@code NEConvolutionLayer} choosing its own method (recorded in the impl string,
 * e.g. {@code NEConvolutionLayer:GEMM}; depthwise problems go to {@code NEDepthwiseConvolutionLayer}, as ACL's graph
 * API does), {@code gemm}, {@code direct}, {@code winograd}, {@code depthwise}, {@code fft} name one function each.
 * The other operators have {@code auto} (NEON) and {@code cl}; fc also {@code gemm-conv}: {@code NEGEMMConvolutionLayer}
 * computing the layer as a convolution whose kernel covers the input (the fully connected function of ACL 20.08
 * refuses per-channel int8 weights; this one takes them).
 *
 * @param name    opbench's name
 * @param target  {@link AclNative#NEON} or {@link AclNative#CL}
 * @param conv    the glue's convolution algorithm code (conv only)
 */
record AclAlgorithm(String name, int target, int conv) {
    static final List<String> CONV = List.of("auto", "gemm", "direct", "winograd", "depthwise", "fft",
            "cl-auto", "cl-gemm", "cl-direct", "cl-winograd", "cl-depthwise", "cl-fft");
    static final List<String> OTHER = List.of("auto", "cl");
    /** fc: also {@code gemm-conv}, the layer computed by NEGEMMConvolutionLayer (which takes per-channel int8 weights). */
    static final List<String> FC = List.of("auto", "cl", "gemm-conv");

    static List<String> names(Op op) {
        return op == Op.CONV ? CONV : op == Op.FC ? FC : OTHER;
    }

    /** The algorithm called {@code name} for {@code op}, or null. */
    static AclAlgorithm of(Op op, String name) {
        if (!names(op).contains(name)) {
            return null;
        }
        boolean cl = name.equals("cl") || name.startsWith("cl-");
        String base = name.equals("cl") ? "auto" : cl ? name.substring(3) : name;
        int code = switch (base) {
            case "gemm", "gemm-conv" -> AclNative.CONV_GEMM;
            case "direct" -> AclNative.CONV_DIRECT;
            case "winograd" -> AclNative.CONV_WINOGRAD;
            case "depthwise" -> AclNative.CONV_DEPTHWISE;
            case "fft" -> AclNative.CONV_FFT;
            default -> AclNative.CONV_AUTO;
        };
        return new AclAlgorithm(name, cl ? AclNative.CL : AclNative.NEON, code);
    }

    boolean opencl() {
        return target == AclNative.CL;
    }

    /**
     * The transform a convolution configured with this algorithm computes through. For {@code auto} it is the
     * method {@code ConvolutionLayer::get_convolution_method} returned, which the glue reports after the last
     * {@code ':'} of {@code impl} as ACL's {@code ConvolutionMethod} enumerator name ({@code method_name} in
     * {@code native/acl/opbench_acl.cpp}); a depthwise problem under {@code auto} goes to the depthwise function,
     * whose impl has no method.
     */
    Transform convTransform(String impl) {
        return switch (conv) {
            case AclNative.CONV_WINOGRAD -> Transform.WINOGRAD;
            case AclNative.CONV_FFT -> Transform.FFT;
            case AclNative.CONV_AUTO -> reportedMethod(impl);
            default -> Transform.NONE;
        };
    }

    static Transform reportedMethod(String impl) {
        int colon = impl.lastIndexOf(':');
        if (colon < 0) {
            return Transform.NONE;
        }
        return switch (impl.substring(colon + 1)) {
            case "GEMM", "DIRECT" -> Transform.NONE;
            case "WINOGRAD" -> Transform.WINOGRAD;
            case "FFT" -> Transform.FFT;
            default -> Transform.UNREPORTED;
        };
    }

    /** The function-name prefix ACL uses for this target. */
    String prefix() {
        return opencl() ? "CL" : "NE";
    }

    /** The ACL function a convolution algorithm names (for reasons), e.g. {@code NEDirectConvolutionLayer}. */
    String convFunction() {
        String base = switch (conv) {
            case AclNative.CONV_GEMM -> "GEMMConvolutionLayer";
            case AclNative.CONV_DIRECT -> "DirectConvolutionLayer";
            case AclNative.CONV_WINOGRAD -> "WinogradConvolutionLayer";
            case AclNative.CONV_DEPTHWISE -> "DepthwiseConvolutionLayer";
            case AclNative.CONV_FFT -> "FFTConvolutionLayer";
            default -> "ConvolutionLayer";
        };
        return prefix() + base;
    }
}
