package org.opbench.measure;

import java.util.Locale;

/**
 * Largest accepted {@link Check#relativeError relative error} of a backend's output against the reference,
 * per algorithm. fp32 algorithms that compute the same sums in another order agree to about 1e-6 of the
 * output range; 1e-4 leaves room for long reductions. Transform-based algorithms (Winograd, FFT) lose
 * precision in the transforms, and reduced-precision math (tf32/tensor ops, fp16) more still.
 */
public final class Tolerance {
    /** Same sums, other order (direct, GEMM, im2col, implicit GEMM, ...). */
    public static final double EXACT_ORDER = 1e-4;
    /** Winograd and FFT transforms. */
    public static final double TRANSFORM = 5e-3;
    /** Tensor-op math (tf32) and fp16 storage or arithmetic. */
    public static final double REDUCED_PRECISION = 2e-2;

    private Tolerance() {
    }

    /** Tolerance for an algorithm name; names are matched on their documented words. */
    public static double forAlgorithm(String algorithm) {
        String a = algorithm.toLowerCase(Locale.ROOT);
        if (a.contains("fp16") || a.contains("tensor") || a.contains("tf32") || a.contains("half")) {
            return REDUCED_PRECISION;
        }
        if (a.contains("winograd") || a.contains("fft")) {
            return TRANSFORM;
        }
        return EXACT_ORDER;
    }
}
