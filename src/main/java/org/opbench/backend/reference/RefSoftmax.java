package org.opbench.backend.reference;

import org.opbench.problem.SoftmaxProblem;

/** Softmax over channels at every (n, y, x): {@code exp(x - max) / sum(exp(x - max))}, in double. */
final class RefSoftmax {
    private RefSoftmax() {
    }

    static void compute(SoftmaxProblem p, float[] src, float[] dst) {
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
                    dst[base + c * spatial] = (float) (Math.exp(src[base + c * spatial] - max) / sum);
                }
            }
        }
    }
}
