package org.opbench.backend.reference;

import org.opbench.problem.ConvProblem;

/** Direct convolution, written for obviousness: one output at a time, accumulated in double. */
final class RefConv {
    private RefConv() {
    }

    static void compute(ConvProblem p, float[] src, float[] wei, float[] bias, float[] dst) {
        int icg = p.ic() / p.g();
        int ocg = p.oc() / p.g();
        for (int n = 0; n < p.mb(); n++) {
            for (int oc = 0; oc < p.oc(); oc++) {
                int group = oc / ocg;
                for (int oy = 0; oy < p.oh(); oy++) {
                    for (int ox = 0; ox < p.ow(); ox++) {
                        double acc = bias[oc];
                        for (int c = 0; c < icg; c++) {
                            int ic = group * icg + c;
                            for (int ky = 0; ky < p.kh(); ky++) {
                                int iy = oy * p.sh() - p.ph() + ky * (p.dh() + 1);
                                if (iy < 0 || iy >= p.ih()) {
                                    continue;
                                }
                                for (int kx = 0; kx < p.kw(); kx++) {
                                    int ix = ox * p.sw() - p.pw() + kx * (p.dw() + 1);
                                    if (ix < 0 || ix >= p.iw()) {
                                        continue;
                                    }
                                    double s = src[((n * p.ic() + ic) * p.ih() + iy) * p.iw() + ix];
                                    double w = wei[((oc * icg + c) * p.kh() + ky) * p.kw() + kx];
                                    acc += s * w;
                                }
                            }
                        }
                        dst[((n * p.oc() + oc) * p.oh() + oy) * p.ow() + ox] = (float) acc;
                    }
                }
            }
        }
    }
}
