package org.opbench.backend.reference;

import java.util.Arrays;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Quantization;
import org.opbench.problem.SoftmaxProblem;

/**
 * The int8 reference ({@link org.opbench.problem.Precision#INT8}), computed from the integer levels with the float
 * reference's own loops: the source levels less the source zero point and the weight levels, as floats (exact),
 * give exact sums of {@code (q_src - srcZero) * q_wei} plus the s32 bias in double (exact below 2^53); then one
 * requantisation per output, {@link Quantization#dstLevel} (scale in double, round half to even, saturate to u8).
 * Outputs are the real values of the destination levels, as every backend hands them back.
 * Pooling works on {@code q - zero} (so padding counts as a real zero, the level {@code srcZero}); softmax on the
 * real source values, its destination on 256 levels of [0, 1).
 */
final class RefInt8 {
    private RefInt8() {
    }

    static void conv(ConvProblem p, ProblemData d, float[] dst, Reference.Scratch s) {
        s.levels(d);
        float[] src = s.src;
        float[] wei = s.wei;
        int[] bias = d.biasLevels();
        Quantization q = d.quant();
        double[] acc = s.plane;
        int pixels = p.oh() * p.ow();
        for (int n = 0; n < p.mb(); n++) {
            for (int oc = 0; oc < p.oc(); oc++) {
                Arrays.fill(acc, bias[oc]);
                RefConv.accumulate(p, src, wei, n, oc, acc);
                double scale = (double) q.srcScale() * q.weightScales()[oc];
                int dstPlane = (n * p.oc() + oc) * pixels;
                for (int i = 0; i < pixels; i++) {
                    dst[dstPlane + i] = q.dstReal(q.dstLevel(acc[i] * scale));
                }
            }
        }
    }

    static void fc(FcProblem p, ProblemData d, float[] dst, Reference.Scratch s) {
        s.levels(d);
        float[] src = s.src;
        float[] wei = s.wei;
        int[] bias = d.biasLevels();
        Quantization q = d.quant();
        for (int n = 0; n < p.mb(); n++) {
            for (int oc = 0; oc < p.oc(); oc++) {
                double acc = RefFc.dot(p, src, wei, n, oc, bias[oc]);
                dst[n * p.oc() + oc] = q.dstReal(q.dstLevel(acc * ((double) q.srcScale() * q.weightScales()[oc])));
            }
        }
    }

    static void pool(PoolProblem p, ProblemData d, float[] dst, Reference.Scratch s) {
        s.levels(d);
        RefPool.compute(p, s.src, dst, d.quant());
    }

    static void softmax(SoftmaxProblem p, ProblemData d, float[] dst) {
        RefSoftmax.compute(p, d.src(), dst, d.quant());
    }
}
