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
    /** int8 quantisation (calibrated on random data): a sanity bound that catches wrong results, not rounding. */
    public static final double QUANTIZED = 1e-1;

    private Tolerance() {
    }

    /**
     * Tolerance for an algorithm name plus the implementation string. Matched on whole words (split at anything that is
     * not a letter or digit, and at '+'), so that e.g. "tensorrt" is not read as tensor-op math.
     */
    public static double forAlgorithm(String algorithm) {
        java.util.Set<String> words = new java.util.HashSet<>(java.util.Arrays.asList(
                algorithm.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")));
        if (words.contains("int8")) {
            return QUANTIZED;
        }
        for (String w : words) {
            if (w.equals("fp16") || w.equals("half") || w.equals("tf32") || w.equals("tensor")
                    || w.startsWith("tensorop") || (w.equals("op") && words.contains("tensor"))) {
                return REDUCED_PRECISION;
            }
        }
        for (String w : words) {
            if (w.startsWith("winograd") || w.startsWith("fft")) {
                return TRANSFORM;
            }
        }
        return EXACT_ORDER;
    }
}
