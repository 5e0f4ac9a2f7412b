package org.opbench.problem;

/**
 * Resolves one spatial axis (H or W) of a sliding-window problem the way benchdnn does:
 * a missing padding is derived from a given output size, a missing output size from the padding,
 * and a given output size that does not follow is an error naming it.
 */
final class Spatial {
    private Spatial() {
    }

    /** Result of resolving one axis. */
    record Axis(int in, int out, int kernel, int stride, int pad, int dilation) {
    }

    static int effectiveKernel(int kernel, int dilation) {
        return (int) Math.min(Integer.MAX_VALUE, Sizes.effectiveKernel(kernel, dilation));
    }

    static int floorOut(int in, int kernel, int stride, int pad, int dilation) {
        long span = (long) in + 2L * pad - Sizes.effectiveKernel(kernel, dilation);
        return span < 0 ? 0 : (int) (span / stride + 1);
    }

    static int ceilOut(int in, int kernel, int stride, int pad, int dilation) {
        long span = (long) in + 2L * pad - Sizes.effectiveKernel(kernel, dilation);
        return span < 0 ? 0 : (int) ((span + stride - 1) / stride + 1);
    }

    /**
     * @param t       tokens
     * @param in      input size on this axis
     * @param o       output key (oh/ow)
     * @param k       kernel key, p padding key, s stride key, d dilation key
     * @param ceilOk  whether a ceil-mode output size is accepted (pooling)
     * @param dflt    defaults for kernel/stride/pad/dilation when their key is absent (the other axis' values)
     */
    static Axis resolve(DescriptorTokens t, int in, String o, String k, String s, String p, String d,
                        boolean ceilOk, Axis dflt) {
        int kernel = t.positive(k, dflt == null ? 1 : dflt.kernel());
        int stride = t.positive(s, dflt == null ? 1 : dflt.stride());
        int dilation = d == null ? 0 : t.nonNegative(d, dflt == null ? 0 : dflt.dilation());
        int keff = Sizes.toInt("kernel extent of " + (t.has(k) ? t.token(k) : k + kernel)
                + (d != null && t.has(d) ? " with " + t.token(d) : ""), Sizes.effectiveKernel(kernel, dilation));
        Integer given = t.has(o) ? t.positive(o, 0) : null;
        int pad;
        if (t.has(p)) {
            pad = t.nonNegative(p, 0);
        } else if (given != null) {
            pad = derivePad(t, in, given, o, kernel, stride, dilation, ceilOk);
        } else {
            pad = dflt == null ? 0 : dflt.pad();
        }
        int floor = floorOut(in, kernel, stride, pad, dilation);
        if (floor <= 0) {
            throw new ProblemException(t.has(k) ? t.token(k) : k + kernel, "kernel extent " + keff + " (" + k + kernel
                    + ") does not fit the padded input " + in + "+2*" + pad);
        }
        int out = floor;
        if (given == null && dflt != null && in == dflt.in() && kernel == dflt.kernel() && stride == dflt.stride()
                && pad == dflt.pad() && dilation == dflt.dilation()) {
            out = dflt.out(); // benchdnn: a square problem's missing width equals its height (ceil mode included)
        }
        if (given != null && given != floor) {
            int ceil = ceilOut(in, kernel, stride, pad, dilation);
            if (ceilOk && given == ceil) {
                out = ceil;
            } else {
                throw new ProblemException(t.token(o), t.token(o) + " does not follow from input " + in + ", kernel "
                        + kernel + ", stride " + stride + ", padding " + pad
                        + (dilation > 0 ? ", dilation " + dilation : "") + ": expected " + o + floor
                        + (ceilOk && ceil != floor ? " (or " + o + ceil + " in ceil mode)" : ""));
            }
        }
        return new Axis(in, out, kernel, stride, pad, dilation);
    }

    private static int derivePad(DescriptorTokens t, int in, int out, String o, int kernel, int stride,
                                 int dilation, boolean ceilOk) {
        int keff = effectiveKernel(kernel, dilation);
        for (int pad = 0; pad < Math.max(keff, 1); pad++) {
            if (floorOut(in, kernel, stride, pad, dilation) == out
                    || (ceilOk && ceilOut(in, kernel, stride, pad, dilation) == out)) {
                return pad;
            }
        }
        throw new ProblemException(t.token(o), t.token(o) + " does not follow from input " + in + ", kernel " + kernel
                + ", stride " + stride + " with any padding");
    }
}
