package org.opbench.problem;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Seeded random inputs of a problem, in opbench's canonical layouts: source NCHW (fc: N x (C*H*W)),
 * weights OIHW with I = ic/g (fc: OC x (C*H*W)), bias per output channel. The same problem and seed always give the
 * same data, so every backend and the reference see the same inputs. Per {@link Precision}:
 * <ul>
 *   <li>f32: values uniform in [-1, 1).</li>
 *   <li>bf16, f16: the same values rounded to the type ({@link FloatFormats}, ties to even), so a backend's conversion
 *       to the type is exact and every library starts from the same numbers.</li>
 *   <li>int8: integer levels ({@link #srcLevels()}: u8 uniform in [0, 255]; {@link #weightLevels()}: s8 uniform in
 *       [-127, 127]; {@link #biasLevels()}: s32) with the scales and zero points of {@link #quant()}; the float arrays
 *       hold the real values the levels stand for. The destination scale covers about four standard deviations
 *       of the output on either side of its zero point 128, so a few outputs saturate.</li>
 * </ul>
 */
public final class ProblemData {
    /** Scale and zero point of an int8 source: levels 0..255 stand for about [-1, 1). */
    static final float SRC_SCALE = 2f / 255f;
    static final int SRC_ZERO = 128;
    static final int DST_ZERO = 128;

    private final Problem problem;
    private final long seed;
    private final float[] src;
    private final float[] weights;
    private final float[] bias;
    private final byte[] srcLevels;
    private final byte[] weightLevels;
    private final int[] biasLevels;
    private final Quantization quant;

    private ProblemData(Problem problem, long seed) {
        this.problem = problem;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        Precision t = problem.dtype();
        int srcN = Math.toIntExact(problem.srcElements());
        int weiN = Math.toIntExact(problem.weightElements());
        int biasN = Math.toIntExact(problem.biasElements());
        if (!t.quantized()) {
            this.src = fill(random.split(), srcN, t.src());
            this.weights = fill(random.split(), weiN, t.wei());
            this.bias = fill(random.split(), biasN, t.wei());
            this.srcLevels = null;
            this.weightLevels = null;
            this.biasLevels = null;
            this.quant = null;
            return;
        }
        SplittableRandom r = random.split();
        this.srcLevels = new byte[srcN];
        this.src = new float[srcN];
        for (int i = 0; i < srcN; i++) {
            int q = r.nextInt(256);
            srcLevels[i] = (byte) q;
            src[i] = (q - SRC_ZERO) * SRC_SCALE;
        }
        int oc = biasN;
        float[] scales = new float[oc];
        this.weightLevels = new byte[weiN];
        this.weights = new float[weiN];
        this.biasLevels = new int[oc];
        this.bias = new float[oc];
        if (oc > 0) {
            SplittableRandom s = random.split();
            for (int o = 0; o < oc; o++) {
                scales[o] = (float) ((0.5 + s.nextDouble()) / 127.0);
            }
            SplittableRandom w = random.split();
            int perOc = weiN / oc;
            for (int i = 0; i < weiN; i++) {
                int q = w.nextInt(255) - 127;
                weightLevels[i] = (byte) q;
                weights[i] = q * scales[i / perOc];
            }
            SplittableRandom b = random.split();
            for (int o = 0; o < oc; o++) {
                double grid = (double) SRC_SCALE * scales[o];
                biasLevels[o] = (int) Math.rint((b.nextDouble() * 2.0 - 1.0) / grid);
                bias[o] = (float) (biasLevels[o] * grid);
            }
        }
        this.quant = new Quantization(SRC_SCALE, SRC_ZERO, scales, dstScale(problem), dstZero(problem));
    }

    private ProblemData(Problem problem, byte[] srcLevels, byte[] weightLevels, int[] biasLevels, Quantization q) {
        this.problem = problem;
        this.seed = 0;
        this.srcLevels = srcLevels;
        this.weightLevels = weightLevels;
        this.biasLevels = biasLevels;
        this.quant = q;
        this.src = new float[srcLevels.length];
        for (int i = 0; i < src.length; i++) {
            src[i] = ((srcLevels[i] & 0xFF) - q.srcZero()) * q.srcScale();
        }
        this.weights = new float[weightLevels.length];
        this.bias = new float[biasLevels.length];
        int perOc = biasLevels.length == 0 ? 1 : weightLevels.length / biasLevels.length;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = weightLevels[i] * q.weightScales()[i / perOc];
        }
        for (int o = 0; o < bias.length; o++) {
            bias[o] = (float) (biasLevels[o] * ((double) q.srcScale() * q.weightScales()[o]));
        }
    }

    /**
     * The int8 data of {@code problem} given level by level (hand-worked cases and tests); the arrays are kept, not
     * copied. Sizes must match the problem's tensors.
     */
    public static ProblemData ofLevels(Problem problem, byte[] srcLevels, byte[] weightLevels, int[] biasLevels,
                                       Quantization q) {
        if (!problem.dtype().quantized() || srcLevels.length != problem.srcElements()
                || weightLevels.length != problem.weightElements() || biasLevels.length != problem.biasElements()
                || q.weightScales().length != problem.biasElements()) {
            throw new IllegalArgumentException("levels do not match the int8 problem " + problem);
        }
        return new ProblemData(problem, srcLevels, weightLevels, biasLevels, q);
    }

    /**
     * Destination scale of an int8 problem: for conv and fc, eight standard deviations of the output over 255
     * levels (sources and weights have a standard deviation of about 0.58 each, so the sum of {@code K} products
     * has about {@code 0.335 sqrt(K)}, plus the bias); pooling keeps the source's scale; softmax maps [0, 1) onto
     * 256 levels.
     */
    public static float dstScale(Problem p) {
        long k;
        if (p instanceof ConvProblem c) {
            k = (long) (c.ic() / c.g()) * c.kh() * c.kw();
        } else if (p instanceof FcProblem f) {
            k = (long) f.ic() * f.ih() * f.iw();
        } else if (p instanceof PoolProblem) {
            return SRC_SCALE;
        } else {
            return 1f / 256f;
        }
        double sigma = Math.sqrt(0.335 * 0.335 * k + 0.34);
        return (float) (8 * sigma / 255);
    }

    /** Destination zero point of an int8 problem: 128 for conv and fc, the source's for pooling, 0 for softmax. */
    static int dstZero(Problem p) {
        if (p instanceof PoolProblem) {
            return SRC_ZERO;
        }
        return p instanceof SoftmaxProblem ? 0 : DST_ZERO;
    }

    /** Data for {@code problem} from a seed derived from its canonical descriptor and {@code runSeed}. */
    public static ProblemData of(Problem problem, long runSeed) {
        return new ProblemData(problem, seedFor(problem, runSeed));
    }

    /** FNV-1a of the canonical descriptor (name excluded), mixed with the run seed. */
    public static long seedFor(Problem problem, long runSeed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : problem.descriptor().getBytes(StandardCharsets.US_ASCII)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        return h ^ (runSeed * 0x9E3779B97F4A7C15L);
    }

    private static float[] fill(SplittableRandom random, int n, DataType type) {
        float[] a = new float[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = FloatFormats.round(type, (float) (random.nextDouble() * 2.0 - 1.0));
        }
        return a;
    }

    public Problem problem() {
        return problem;
    }

    public long seed() {
        return seed;
    }

    /** Source tensor (for int8, the real values of {@link #srcLevels()}); callers must not modify it. */
    public float[] src() {
        return src;
    }

    /** Weights; empty for operators without weights. Callers must not modify them. */
    public float[] weights() {
        return weights;
    }

    /** Bias; empty for operators without bias. Callers must not modify it. */
    public float[] bias() {
        return bias;
    }

    /** The quantisation of an int8 problem. */
    public Quantization quant() {
        return requireInt8(quant);
    }

    /** u8 source levels (read as unsigned) of an int8 problem; callers must not modify them. */
    public byte[] srcLevels() {
        return requireInt8(srcLevels);
    }

    /** s8 weight levels of an int8 problem (empty without weights); callers must not modify them. */
    public byte[] weightLevels() {
        return requireInt8(weightLevels);
    }

    /** s32 bias levels of an int8 problem on the grid {@code srcScale * weightScales[oc]}. */
    public int[] biasLevels() {
        return requireInt8(biasLevels);
    }

    private <T> T requireInt8(T value) {
        if (value == null) {
            throw new IllegalStateException("a " + problem.dtype().id() + " problem has no quantisation");
        }
        return value;
    }
}
