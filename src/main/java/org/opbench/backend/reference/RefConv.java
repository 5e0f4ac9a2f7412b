package org.opbench.backend.reference;

import java.util.Arrays;
import org.opbench.problem.ConvProblem;

/**
 * Direct convolution, written for obviousness: for every output plane, start from the bias and add each weight
 * tap times the input it touches (zero outside the input), accumulating in double. The tap loop is outside the
 * pixel loop so that memory is read in order; the sums are the same.
 */
final class RefConv {
    private RefConv() {
    }

    /** Scratch space {@link #compute} needs: one output plane of doubles. */
    static double[] plane(ConvProblem p) {
        return new double[p.oh() * p.ow()];
    }

    static void compute(ConvProblem p, float[] src, float[] wei, float[] bias, float[] dst, double[] acc) {
        int pixels = p.oh() * p.ow();
        for (int n = 0; n < p.mb(); n++) {
            for (int oc = 0; oc < p.oc(); oc++) {
                Arrays.fill(acc, bias[oc]);
                accumulate(p, src, wei, n, oc, acc);
                int dstPlane = (n * p.oc() + oc) * pixels;
                for (int i = 0; i < pixels; i++) {
                    dst[dstPlane + i] = (float) acc[i];
                }
            }
        }
    }

    /**
     * Adds to {@code acc} (the output plane of image {@code n}, channel {@code oc}: oh x ow) every weight tap of
     * {@code oc} times the input it touches. Products are of a float and a double, sums in double: exact for the
     * int8 reference's integer values (|src| &lt;= 255, |wei| &lt;= 128, sums far below 2^53).
     */
    static void accumulate(ConvProblem p, float[] src, float[] wei, int n, int oc, double[] acc) {
        int icg = p.ic() / p.g();
        int group = oc / (p.oc() / p.g());
        int oh = p.oh();
        int ow = p.ow();
        for (int c = 0; c < icg; c++) {
            int srcPlane = (n * p.ic() + group * icg + c) * p.ih() * p.iw();
            for (int ky = 0; ky < p.kh(); ky++) {
                for (int kx = 0; kx < p.kw(); kx++) {
                    double w = wei[((oc * icg + c) * p.kh() + ky) * p.kw() + kx];
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * p.sh() - p.ph() + ky * (p.dh() + 1);
                        if (iy < 0 || iy >= p.ih()) {
                            continue;
                        }
                        int srcRow = srcPlane + iy * p.iw();
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * p.sw() - p.pw() + kx * (p.dw() + 1);
                            if (ix >= 0 && ix < p.iw()) {
                                acc[oy * ow + ox] += src[srcRow + ix] * w;
                            }
                        }
                    }
                }
            }
        }
    }
}
