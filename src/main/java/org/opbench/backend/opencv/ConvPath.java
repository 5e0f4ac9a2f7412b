package org.opbench.backend.opencv;

import java.util.ArrayList;
import java.util.List;
import org.opbench.problem.ConvProblem;
import org.opbench.spi.Transform;

/**
 * The CPU convolution kernel OpenCV 4.13's DNN module picks for a 2-D fp32 convolution on
 * {@code DNN_BACKEND_OPENCV}/{@code DNN_TARGET_CPU}. OpenCV does not report its choice, so it is inferred from
 * the conditions in its source (module {@code dnn}):
 * <ul>
 *   <li>{@code layers/convolution_layer.cpp}, {@code ConvolutionLayerImpl::forward}:
 *       {@code canUseWinograd = useWinograd && conv_dim == CONV_2D && H >= 12 && W >= 12} (input H, W);</li>
 *   <li>{@code layers/cpu_kernels/convolution.cpp}, {@code initFastConv}: a depthwise conv
 *       ({@code g > 1, g == ic == oc}) takes the 3x3 depthwise kernel when {@code kh == kw == 3},
 *       {@code sw == 1 || (sw == 2 && dilW == 1)}, {@code max(sw, dilW) >= pw}, {@code max(sh, dilH) >= ph},
 *       {@code pw <= 1}, {@code ph <= 1}; otherwise Winograd F(6x6, 3x3) when {@code canUseWinograd} and
 *       {@code kh == kw == 3}, {@code sh == sw == 1}, {@code dilH == dilW == 1} and the CPU has SIMD (always on
 *       x86-64 and AArch64 builds); otherwise the generic depthwise kernel ({@code CONV_TYPE_DEPTHWISE_REMAIN})
 *       for depthwise convs, else the generic im2row/GEMM-style kernel ({@code CONV_TYPE_GENERIC}).</li>
 * </ul>
 * OpenCV dilation is 1-based ({@code dilH = dh + 1}); groups and padding do not matter for Winograd, so a
 * grouped 3x3 stride-1 conv, and even a depthwise 3x3 stride-1 conv with padding 2, run Winograd.
 * The tests check the inference against OpenCV itself: outputs with Winograd enabled and disabled differ bitwise
 * exactly when this class says Winograd.
 */
public enum ConvPath {
    /** {@code CONV_TYPE_WINOGRAD3X3}: Winograd F(6x6, 3x3), {@code runWinograd63}. */
    WINOGRAD_F63("winograd_f63"),
    /** {@code CONV_TYPE_DEPTHWISE}: the 3x3 depthwise kernel. */
    DEPTHWISE_3X3("fast_conv_depthwise3x3"),
    /** {@code CONV_TYPE_DEPTHWISE_REMAIN}: depthwise through the generic packed kernel. */
    DEPTHWISE_GENERIC("fast_conv_depthwise_generic"),
    /** {@code CONV_TYPE_GENERIC}: packed im2row + block GEMM ({@code runFastConv}). */
    GENERIC("fast_conv_generic");

    /** Smallest input height and width for which OpenCV allows Winograd. */
    static final int WINOGRAD_MIN_INPUT = 12;

    private final String id;

    ConvPath(String id) {
        this.id = id;
    }

    /** Name used in impl strings, e.g. {@code winograd_f63}. */
    public String id() {
        return id;
    }

    /** The transform this path computes through. */
    public Transform transform() {
        return this == WINOGRAD_F63 ? Transform.WINOGRAD : Transform.NONE;
    }

    /** The path OpenCV takes for {@code p} with {@code Net.enableWinograd(winogradEnabled)}. */
    public static ConvPath of(ConvProblem p, boolean winogradEnabled) {
        if (fastDepthwise(p)) {
            return DEPTHWISE_3X3;
        }
        if (winogradEnabled && winogradReasons(p).isEmpty()) {
            return WINOGRAD_F63;
        }
        return p.depthwise() ? DEPTHWISE_GENERIC : GENERIC;
    }

    /** Why OpenCV would not run Winograd for {@code p} with Winograd enabled; empty when it would. */
    public static List<String> winogradReasons(ConvProblem p) {
        List<String> why = new ArrayList<>();
        if (fastDepthwise(p)) {
            why.add("a depthwise 3x3 conv with stride and padding <= 1 takes OpenCV's dedicated depthwise kernel");
        }
        if (p.kh() != 3 || p.kw() != 3) {
            why.add("kernel " + p.kh() + "x" + p.kw() + " is not 3x3");
        }
        if (p.sh() != 1 || p.sw() != 1) {
            why.add("stride " + p.sh() + "x" + p.sw() + " is not 1x1");
        }
        if (p.dh() != 0 || p.dw() != 0) {
            why.add("dilation is not 1");
        }
        if (p.ih() < WINOGRAD_MIN_INPUT || p.iw() < WINOGRAD_MIN_INPUT) {
            why.add("input " + p.ih() + "x" + p.iw() + " is smaller than OpenCV's Winograd minimum of "
                    + WINOGRAD_MIN_INPUT + "x" + WINOGRAD_MIN_INPUT);
        }
        return why;
    }

    private static boolean fastDepthwise(ConvProblem p) {
        if (!p.depthwise() || p.kh() != 3 || p.kw() != 3) {
            return false;
        }
        int dilH = p.dh() + 1;
        int dilW = p.dw() + 1;
        return (p.sw() == 1 || (p.sw() == 2 && dilW == 1))
                && Math.max(p.sw(), dilW) >= p.pw() && Math.max(p.sh(), dilH) >= p.ph()
                && p.pw() <= 1 && p.ph() <= 1;
    }
}
