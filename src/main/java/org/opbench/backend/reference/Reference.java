package org.opbench.backend.reference;

import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;

/**
 * The correctness oracle: computes any problem with the plain-Java reference operators, in double. bf16 and f16
 * problems are computed the same way on their inputs, which {@link ProblemData} already rounded to the type (the
 * output is not rounded: the check's tolerance covers a backend's rounding of its destination); int8 problems from
 * their integer levels with exact sums and the requantisation rule of {@link org.opbench.problem.Quantization}.
 */
public final class Reference {
    private Reference() {
    }

    /**
     * Scratch space {@link #compute(ProblemData, float[], Scratch)} needs (allocated outside any timed region): an
     * output plane of doubles for conv; for int8 also the source levels less their zero point and the weight levels
     * as floats, so that the int8 reference runs the float loops. They are converted on the first computation of a
     * given {@link ProblemData} and kept for the next ones, so repeated runs of one point convert nothing.
     */
    public static final class Scratch {
        final double[] plane;
        final float[] src;
        final float[] wei;
        private ProblemData converted;

        private Scratch(Problem p) {
            boolean int8 = p.dtype().quantized();
            this.plane = p instanceof ConvProblem c ? RefConv.plane(c) : new double[0];
            this.src = new float[int8 ? Math.toIntExact(p.srcElements()) : 0];
            this.wei = new float[int8 ? Math.toIntExact(p.weightElements()) : 0];
        }

        /** Fills {@link #src} and {@link #wei} from {@code d}'s int8 levels, unless they already hold them. */
        void levels(ProblemData d) {
            if (converted == d) {
                return;
            }
            byte[] srcLevels = d.srcLevels();
            int zero = d.quant().srcZero();
            for (int i = 0; i < srcLevels.length; i++) {
                src[i] = (srcLevels[i] & 0xFF) - zero;
            }
            byte[] weightLevels = d.weightLevels();
            for (int i = 0; i < weightLevels.length; i++) {
                wei[i] = weightLevels[i];
            }
            converted = d;
        }
    }

    /** Scratch space for {@code p}. */
    public static Scratch scratch(Problem p) {
        return new Scratch(p);
    }

    /** Computes {@code data.problem()} into {@code dst} (length {@code dstElements()}); allocates nothing. */
    public static void compute(ProblemData data, float[] dst, Scratch scratch) {
        Problem p = data.problem();
        if (p.dtype().quantized()) {
            computeInt8(data, dst, scratch);
        } else if (p instanceof ConvProblem c) {
            RefConv.compute(c, data.src(), data.weights(), data.bias(), dst, scratch.plane);
        } else if (p instanceof FcProblem f) {
            RefFc.compute(f, data.src(), data.weights(), data.bias(), dst);
        } else if (p instanceof PoolProblem q) {
            RefPool.compute(q, data.src(), dst, null);
        } else if (p instanceof SoftmaxProblem s) {
            RefSoftmax.compute(s, data.src(), dst, null);
        } else {
            throw new IllegalArgumentException("no reference for " + p.op().id());
        }
    }

    private static void computeInt8(ProblemData data, float[] dst, Scratch scratch) {
        Problem p = data.problem();
        if (p instanceof ConvProblem c) {
            RefInt8.conv(c, data, dst, scratch);
        } else if (p instanceof FcProblem f) {
            RefInt8.fc(f, data, dst, scratch);
        } else if (p instanceof PoolProblem q) {
            RefInt8.pool(q, data, dst, scratch);
        } else if (p instanceof SoftmaxProblem s) {
            RefInt8.softmax(s, data, dst);
        } else {
            throw new IllegalArgumentException("no int8 reference for " + p.op().id());
        }
    }

    /** Computes and returns a new output array. */
    public static float[] compute(ProblemData data) {
        float[] dst = new float[Math.toIntExact(data.problem().dstElements())];
        compute(data, dst, scratch(data.problem()));
        return dst;
    }
}
