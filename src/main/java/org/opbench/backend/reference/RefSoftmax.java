package org.opbench.backend.reference;

import org.opbench.problem.Quantization;
import org.opbench.problem.SoftmaxProblem;

/** Softmax over channels at every (n, y, x): {@code exp(x - max) / sum(exp(x - max))}, in double. */
final class RefSoftmax {
    private RefSoftmax() {
    }

    /** Each probability as a float, or with {@code q} (int8) as the real value of its destination level. */
    static void compute(SoftmaxProblem p, float[] src, float[] dst, Quantization q) {
        int spatial = p.ih() * p.iw();
        for (int n = 0; n < p.mb(); n++) {
            for (int s = 0; s < spatial; s++) {
                int base = n * p.ic() * spatial + s;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < p.ic(); c++) {
                    max = Math.max(max, src[base + c * spatial]);
                }
                double sum = 0;
                for (int c = 0; c < p.ic(); c++) {
                    sum += Math.exp(src[base + c * spatial] - max);
                }
                for (int c = 0; c < p.ic(); c++) {
                    double prob = Math.exp(src[base + c * spatial] - max) / sum;
                    dst[base + c * spatial] = q == null ? (float) prob : q.dstReal(q.dstLevel(prob));
                }
            }
        }
    }
}
