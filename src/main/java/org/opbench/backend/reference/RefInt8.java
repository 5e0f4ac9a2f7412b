package org.opbench.backend.reference;

import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Quantization;
import org.opbench.problem.SoftmaxProblem;

/**
 * The int8 reference ({@link org.opbench.problem.Precision#INT8}), computed from the integer levels: exact integer
 * sums of {@code (q_src - srcZero) * q_wei} plus the s32 bias (held in doubles, exact below 2^53), then one
 * requantisation per output, {@link Quantization#dstLevel} (scale in double, round half to even, saturate to u8).
 * Outputs are the real values of the destination levels, as every backend hands them back.
 * Pooling works on {@code q - zero} (so padding counts as a real zero, the level {@code srcZero}); softmax on the
 * real source values, its destination on 256 levels of [0, 1).
 */
final class RefInt8 {
    private RefInt8() {
    }

    static void conv(ConvProblem p, ProblemData d, float[] dst, double[] acc) {
        byte[] src = d.srcLevels();
        byte[] wei = d.weightLevels();
        int[] bias = d.biasLevels();
        Quantization q = d.quant();
        int zero = q.srcZero();
        int icg = p.ic() / p.g();
        int ocg = p.oc() / p.g();
        int oh = p.oh();
        int ow = p.ow();
        for (int n = 0; n < p.mb(); n++) {
            for (int oc = 0; oc < p.oc(); oc++) {
                int group = oc / ocg;
                java.util.Arrays.fill(acc, bias[oc]);
                for (int c = 0; c < icg; c++) {
                    int srcPlane = (n * p.ic() + group * icg + c) * p.ih() * p.iw();
                    for (int ky = 0; ky < p.kh(); ky++) {
                        for (int kx = 0; kx < p.kw(); kx++) {
                            int w = wei[((oc * icg + c) * p.kh() + ky) * p.kw() + kx];
                            for (int oy = 0; oy < oh; oy++) {
                                int iy = oy * p.sh() - p.ph() + ky * (p.dh() + 1);
                                if (iy < 0 || iy >= p.ih()) {
                                    continue;
                                }
                                int srcRow = srcPlane + iy * p.iw();
                                for (int ox = 0; ox < ow; ox++) {
                                    int ix = ox * p.sw() - p.pw() + kx * (p.dw() + 1);
                                    if (ix >= 0 && ix < p.iw()) {
                                        acc[oy * ow + ox] += ((src[srcRow + ix] & 0xFF) - zero) * w;
                                    }
                                }
                            }
                        }
                    }
                }
                double scale = (double) q.srcScale() * q.weightScales()[oc];
                int dstPlane = (n * p.oc() + oc) * oh * ow;
                for (int i = 0; i < oh * ow; i++) {
                    dst[dstPlane + i] = q.dstReal(q.dstLevel(acc[i] * scale));
                }
            }
        }
    }

    static void fc(FcProblem p, ProblemData d, float[] dst) {
        byte[] src = d.srcLevels();
        byte[] wei = d.weightLevels();
        int[] bias = d.biasLevels();
        Quantization q = d.quant();
        int zero = q.srcZero();
        int len = Math.toIntExact(p.inputLength());
        for (int n = 0; n < p.mb(); n++) {
            for (int oc = 0; oc < p.oc(); oc++) {
                long acc = bias[oc];
                int s0 = n * len;
                int w0 = oc * len;
                for (int i = 0; i < len; i++) {
                    acc += (long) ((src[s0 + i] & 0xFF) - zero) * wei[w0 + i];
                }
                dst[n * p.oc() + oc] = q.dstReal(q.dstLevel(acc * ((double) q.srcScale() * q.weightScales()[oc])));
            }
        }
    }

    static void pool(PoolProblem p, ProblemData d, float[] dst) {
        byte[] src = d.srcLevels();
        Quantization q = d.quant();
        int zero = q.srcZero();
        for (int n = 0; n < p.mb(); n++) {
            for (int c = 0; c < p.ic(); c++) {
                int plane = (n * p.ic() + c) * p.ih() * p.iw();
                for (int oy = 0; oy < p.oh(); oy++) {
                    for (int ox = 0; ox < p.ow(); ox++) {
                        int max = Integer.MIN_VALUE;
                        long sum = 0;
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
                                int v = (src[plane + iy * p.iw() + ix] & 0xFF) - zero;
                                max = Math.max(max, v);
                                sum += v;
                                count++;
                            }
                        }
                        double out = switch (p.alg()) {
                            case MAX -> max;
                            case AVG_NP -> (double) sum / count;
                            case AVG_P -> (double) sum / (p.kh() * p.kw());
                        };
                        int level = Quantization.saturateU8(Math.rint(out) + q.dstZero());
                        dst[((n * p.ic() + c) * p.oh() + oy) * p.ow() + ox] = q.dstReal(level);
                    }
                }
            }
        }
    }

    static void softmax(SoftmaxProblem p, ProblemData d, float[] dst) {
        float[] src = d.src();
        Quantization q = d.quant();
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
                    dst[base + c * spatial] = q.dstReal(q.dstLevel(prob));
                }
            }
        }
    }
}
