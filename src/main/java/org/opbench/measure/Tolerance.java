package org.opbench.measure;

import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;

/**
 * Largest accepted {@link Check#relativeError relative error} of a backend's output against the reference, from
 * what the backend states it ran ({@link Execution}), never from names. The rules, first match wins:
 * <ol>
 *   <li>an integer (quantised) storage, math or accumulation format: {@link #QUANTIZED};</li>
 *   <li>a floating-point format narrower than fp32 (tf32, bf16, f16): {@link #REDUCED_PRECISION};</li>
 *   <li>a transform (Winograd, FFT, or one the library may pick without saying): {@link #TRANSFORM};</li>
 *   <li>otherwise fp32 computing the same sums in another order: {@link #EXACT_ORDER}.</li>
 * </ol>
 * fp32 algorithms that compute the same sums in another order agree to about 1e-6 of the output range; 1e-4 leaves
 * room for long reductions. Transforms lose precision in the transforms, and reduced-precision math more still.
 */
public final class Tolerance {
    /** Same sums, other order (direct, GEMM, im2col, implicit GEMM, ...). */
    public static final double EXACT_ORDER = 1e-4;
    /** Winograd and FFT transforms. */
    public static final double TRANSFORM = 5e-3;
    /** Tensor-op math (tf32) and fp16 or bf16 storage or arithmetic. */
    public static final double REDUCED_PRECISION = 2e-2;
    /** int8 quantisation (calibrated on random data): a sanity bound that catches wrong results, not rounding. */
    public static final double QUANTIZED = 1e-1;

    private Tolerance() {
    }

    /** The tolerance for what {@code ran} states. */
    public static double of(Execution ran) {
        return of(ran.numerics(), ran.transform());
    }

    /** The tolerance for {@code numerics} and {@code transform} (the rules above). */
    public static double of(Numerics numerics, Transform transform) {
        if (numerics.quantized()) {
            return QUANTIZED;
        }
        if (numerics.reduced()) {
            return REDUCED_PRECISION;
        }
        if (transform != Transform.NONE) {
            return TRANSFORM;
        }
        return EXACT_ORDER;
    }
}
