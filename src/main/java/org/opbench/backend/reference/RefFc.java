package org.opbench.backend.reference;

import org.opbench.problem.FcProblem;

/** Inner product: {@code dst[n][oc] = bias[oc] + sum_i src[n][i] * wei[oc][i]}, accumulated in double. */
final class RefFc {
    private RefFc() {
    }

    static void compute(FcProblem p, float[] src, float[] wei, float[] bias, float[] dst) {
        for (int n = 0; n < p.mb(); n++) {
            for (int oc = 0; oc < p.oc(); oc++) {
                dst[n * p.oc() + oc] = (float) dot(p, src, wei, n, oc, bias[oc]);
            }
        }
    }

    /**
     * {@code acc} plus the inner product of image {@code n}'s input with output {@code oc}'s weights, in double:
     * exact for the int8 reference's integer values.
     */
    static double dot(FcProblem p, float[] src, float[] wei, int n, int oc, double acc) {
        int len = Math.toIntExact(p.inputLength());
        int s0 = n * len;
        int w0 = oc * len;
        for (int i = 0; i < len; i++) {
            acc += (double) src[s0 + i] * (double) wei[w0 + i];
        }
        return acc;
    }
}
