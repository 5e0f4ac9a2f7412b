package org.opbench.backend.reference;

import org.opbench.problem.FcProblem;

/** Inner product: {@code dst[n][oc] = bias[oc] + sum_i src[n][i] * wei[oc][i]}, accumulated in double. */
final class RefFc {
    private RefFc() {
    }

    static void compute(FcProblem p, float[] src, float[] wei, float[] bias, float[] dst) {
        int len = Math.toIntExact(p.inputLength());
        for (int n = 0; n < p.mb(); n++) {
            for (int oc = 0; oc < p.oc(); oc++) {
                double acc = bias[oc];
                int s0 = n * len;
                int w0 = oc * len;
                for (int i = 0; i < len; i++) {
                    acc += (double) src[s0 + i] * (double) wei[w0 + i];
                }
                dst[n * p.oc() + oc] = (float) acc;
            }
        }
    }
}
