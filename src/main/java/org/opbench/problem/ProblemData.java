package org.opbench.problem;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Seeded random inputs of a problem, in opbench's canonical layouts: source NCHW (fc: N x (C*H*W)),
 * weights OIHW with I = ic/g (fc: OC x (C*H*W)), bias per output channel. Values are uniform in [-1, 1).
 * The same problem and seed always give the same data, so every backend and the reference see the same inputs.
 */
public final class ProblemData {
    private final Problem problem;
    private final long seed;
    private final float[] src;
    private final float[] weights;
    private final float[] bias;

    private ProblemData(Problem problem, long seed) {
        this.problem = problem;
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        this.src = fill(random.split(), problem.srcElements());
        this.weights = fill(random.split(), problem.weightElements());
        this.bias = fill(random.split(), problem.biasElements());
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

    private static float[] fill(SplittableRandom random, long n) {
        float[] a = new float[Math.toIntExact(n)];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (random.nextDouble() * 2.0 - 1.0);
        }
        return a;
    }

    public Problem problem() {
        return problem;
    }

    public long seed() {
        return seed;
    }

    /** Source tensor; callers must not modify it. */
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
}
