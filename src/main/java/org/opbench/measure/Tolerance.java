package org.opbench.measure;

import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
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

    /** Slack on the one-level rule of int8 outputs, for the fp32 rounding of dequantised values. */
    static final double LEVEL_SLACK = 1e-3;

    private Tolerance() {
    }

    /**
     * The tolerance of a point of {@code problem} whose reference output is {@code expected}, by the problem's
     * precision ({@link Precision}):
     * <ul>
     *   <li>int8: every output within one quantisation level of the reference (the libraries and the reference may
     *       round a product sum that lies within float error of a half level differently), expressed as the
     *       relative error one level ({@link ProblemData#dstScale}) is of the reference's range;</li>
     *   <li>bf16, f16: the type's epsilon times 2 (the backend rounds its destination to the type: half an ulp of
     *       each value, and inputs are exact in the type) where the sums run in fp32 or wider, times
     *       {@code 2 sqrt(K)} (at least 2) where they run in the narrow type ({@code K} products per output), plus
     *       {@link #TRANSFORM} for a transform;</li>
     *   <li>f32: {@link #of(Execution)}.</li>
     * </ul>
     */
    public static double of(Execution ran, Problem problem, float[] expected) {
        Precision t = problem.dtype();
        if (t.quantized()) {
            double range = 0;
            for (float v : expected) {
                range = Math.max(range, Math.abs(v));
            }
            return (1 + LEVEL_SLACK) * ProblemData.dstScale(problem) / Math.max(range, 1e-30);
        }
        if (t == Precision.F32) {
            return of(ran);
        }
        double eps = t.src().epsilon();
        double growth = ran.numerics().accumulation().reducedFloat()
                ? Math.max(2, 2 * Math.sqrt(reductionLength(problem))) : 2;
        return eps * growth + (ran.transform() != Transform.NONE ? TRANSFORM : 0);
    }

    /** Products (or terms) summed into one output of {@code p}. */
    static long reductionLength(Problem p) {
        if (p instanceof ConvProblem c) {
            return (long) (c.ic() / c.g()) * c.kh() * c.kw();
        }
        if (p instanceof FcProblem f) {
            return f.inputLength();
        }
        if (p instanceof PoolProblem q) {
            return (long) q.kh() * q.kw();
        }
        return ((SoftmaxProblem) p).ic();
    }

    /** The largest difference between {@code out} and {@code ref} in destination levels of the int8 {@code problem}. */
    public static double errorLevels(Problem problem, float[] out, float[] ref) {
        double max = 0;
        for (int i = 0; i < Math.min(out.length, ref.length); i++) {
            max = Math.max(max, Math.abs((double) out[i] - ref[i]));
        }
        return max / ProblemData.dstScale(problem);
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
