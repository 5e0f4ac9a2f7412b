package org.opbench.network.run;

import org.opbench.measure.Tolerance;

/**
 * Largest accepted relative error ({@link org.opbench.measure.Check#relativeError}) of a network's output against
 * ONNX Runtime without graph optimisation on the same input: {@link Tolerance#EXACT_ORDER} (1e-4) for algorithms
 * that compute the same sums in another order (fused batch norm, NCHWc layouts, GEMM blocking), and
 * {@link Tolerance#TRANSFORM} (5e-3) where Winograd convolutions are on (OpenCV's {@code winograd}). Measured on
 * the built-in networks at batch 2 with seeded weights: at most 1e-6 for ONNX Runtime's levels and 4e-6 for
 * OpenCV with and without Winograd, so both bounds leave a wide margin and a wrong kernel (errors of order 1e-1)
 * still fails.
 */
public final class NetworkTolerance {
    private NetworkTolerance() {
    }

    public static double of(String backend, String algorithm) {
        if (backend.equals("tensorrt")) {
            return tensorRt(algorithm);
        }
        return algorithm.equals("winograd") ? Tolerance.TRANSFORM : Tolerance.EXACT_ORDER;
    }

    /**
     * TensorRT picks its tactics by timing, Winograd and FFT convolutions included, so fp32 gets
     * {@link Tolerance#TRANSFORM}; tf32 and fp16 {@link Tolerance#REDUCED_PRECISION}; int8 (calibrated on random
     * data) {@link Tolerance#QUANTIZED}. Not yet measured on a GPU: see the README's NVIDIA section.
     */
    private static double tensorRt(String precision) {
        return switch (precision) {
            case "fp32" -> Tolerance.TRANSFORM;
            case "int8" -> Tolerance.QUANTIZED;
            default -> Tolerance.REDUCED_PRECISION;
        };
    }
}
