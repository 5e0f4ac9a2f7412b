package org.opbench.backend.reference;

import org.opbench.problem.PoolProblem;
import org.opbench.problem.Quantization;

/**
 * Pooling over windows starting at {@code o * stride - pad}, clipped to the input.
 * max: the largest input element in the window; avg_np: mean of the elements inside the input;
 * avg_p: sum divided by kh*kw (padding counts as zeros).
 */
final class RefPool {
    private RefPool() {
    }

    /**
     * Pools {@code src} into {@code dst}: each window's value as a float, or with {@code q} (int8, {@code src} the
     * source levels less their zero point) rounded half to even, shifted by the destination zero point, saturated
     * to u8 and written as that level's real value.
     */
    static void compute(PoolProblem p, float[] src, float[] dst, Quantization q) {
        for (int n = 0; n < p.mb(); n++) {
            for (int c = 0; c < p.ic(); c++) {
                int plane = (n * p.ic() + c) * p.ih() * p.iw();
                for (int oy = 0; oy < p.oh(); oy++) {
                    for (int ox = 0; ox < p.ow(); ox++) {
                        double out = window(p, src, plane, oy, ox);
                        dst[((n * p.ic() + c) * p.oh() + oy) * p.ow() + ox] = q == null ? (float) out
                                : q.dstReal(Quantization.saturateU8(Math.rint(out) + q.dstZero()));
                    }
                }
            }
        }
    }

    private static double window(PoolProblem p, float[] src, int plane, int oy, int ox) {
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int count = 0;
        for (int ky = 0; ky < p.kh(); ky++) {
            int iy = oy * p.sh() - p.ph() + ky;
            if (iy < 0 || iy >= p.ih()) {
                continue;
            }
            for (int kx = 0; kx < p.kw(); kx++) {
                int ix = ox * p.sw() - p.pw() + kx;
                if (ix < 0 || ix >= p.iw()) {
                    continue;
                }
                double v = src[plane + iy * p.iw() + ix];
                max = Math.max(max, v);
                sum += v;
                count++;
            }
        }
        return switch (p.alg()) {
            case MAX -> max;
            case AVG_NP -> sum / count;
            case AVG_P -> sum / (p.kh() * p.kw());
        };
    }
}
