package org.opbench.problem;

/**
 * Resolves one spatial axis (H or W) of a sliding-window problem the way benchdnn does
 * ({@code str2desc} and {@code init_pad_r} in oneDNN's {@code tests/benchdnn/conv/conv_aux.cpp} and
 * {@code pool/pool_aux.cpp}): the padding key is the top (left) padding; a missing (or negative) padding is derived
 * from a given output size as {@code ((o-1)*s - i + keff) / 2}, a missing output size from the padding as
 * {@code (i - keff + 2p) / s + 1} (both with C's truncating division); the bottom (right) padding is whatever the
 * output size then implies, {@code (o-1)*s - i + keff - p}.
 */
final class Spatial {
    private Spatial() {
    }

    /** Result of resolving one axis. */
    record Axis(int in, int out, int kernel, int stride, int pad, int dilation) {
        /** The axis of a 1-D problem's missing height: size 1, kernel 1, no padding (benchdnn's defaults). */
        static final Axis UNIT = new Axis(1, 1, 1, 1, 0, 0);

        /** benchdnn's defaults for an axis that is given: kernel 1 (opbench's), stride 1, padding 0, no dilation. */
        static Axis defaults(int in) {
            return new Axis(in, 0, 1, 1, 0, 0);
        }
    }

    static int effectiveKernel(int kernel, int dilation) {
        return (int) Math.min(Integer.MAX_VALUE, Sizes.effectiveKernel(kernel, dilation));
    }

    static int floorOut(int in, int kernel, int stride, int pad, int dilation) {
        long span = (long) in + 2L * pad - Sizes.effectiveKernel(kernel, dilation);
        return span < 0 ? 0 : (int) (span / stride + 1);
    }

    /** Floor-rounded output size with {@code begin} padding before and {@code end} after the input. */
    static int floorOutAsym(int in, int kernel, int stride, int begin, int end, int dilation) {
        long span = (long) in + begin + end - effectiveKernel(kernel, dilation);
        return span < 0 ? 0 : (int) (span / stride + 1);
    }

    static int ceilOut(int in, int kernel, int stride, int pad, int dilation) {
        long span = (long) in + 2L * pad - Sizes.effectiveKernel(kernel, dilation);
        return span < 0 ? 0 : (int) ((span + stride - 1) / stride + 1);
    }

    /**
     * benchdnn's bottom (right) padding: the padding after the input that the output size implies. Negative (but
     * greater than {@code -stride}) when the last input rows are reached by no window.
     */
    static long endPad(int in, int out, int kernel, int stride, int pad, int dilation) {
        return (long) (out - 1) * stride - in + effectiveKernel(kernel, dilation) - pad;
    }

    /**
     * The padding after the input to give a library together with {@code pad} before it: {@code pad} itself where
     * symmetric padding gives {@code out} with floor rounding (every such problem computes the same as with the
     * smaller benchdnn end padding), otherwise benchdnn's end padding, at least zero (rows beyond the last window
     * are simply never read, floor rounding drops them).
     */
    static int bottomPad(int in, int out, int kernel, int stride, int pad, int dilation) {
        if (out == floorOut(in, kernel, stride, pad, dilation)) {
            return pad;
        }
        return (int) Math.max(0, endPad(in, out, kernel, stride, pad, dilation));
    }

    /** Whether any of the axis keys is given: benchdnn's test for an axis being present. */
    static boolean mentioned(DescriptorTokens t, String... keys) {
        for (String k : keys) {
            if (k != null && t.has(k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Both spatial axes as benchdnn resolves them: an axis no key mentions is missing; a missing W axis copies H
     * (square problem), a missing H axis is benchdnn's 1-D problem and runs as 2-D with {@code ih1}; a W axis with
     * its own {@code iw} and {@code kw} takes benchdnn's defaults for the rest (stride 1, padding 0 or derived from
     * {@code ow}, no dilation), one without them (which benchdnn refuses) takes H's kernel, stride, padding and
     * dilation.
     */
    static Axis[] axes(DescriptorTokens t, String dh, String dw, boolean pool) {
        boolean hGiven = mentioned(t, "ih", "oh", "kh", "sh", "ph", dh);
        boolean wGiven = mentioned(t, "iw", "ow", "kw", "sw", "pw", dw);
        Axis h;
        if (hGiven || !wGiven) {
            int ih = t.required("ih", "input height");
            h = resolve(t, ih, "oh", "kh", "sh", "ph", dh, pool, Axis.defaults(ih));
        } else {
            h = Axis.UNIT;
        }
        Axis w;
        if (!wGiven) {
            w = h;
        } else if (!hGiven || (t.has("iw") && t.has("kw"))) {
            int iw = t.required("iw", "input width");
            w = resolve(t, iw, "ow", "kw", "sw", "pw", dw, pool, Axis.defaults(iw));
        } else {
            w = resolve(t, t.positive("iw", h.in()), "ow", "kw", "sw", "pw", dw, pool, h);
        }
        return new Axis[] {h, w};
    }

    /**
     * @param t       tokens
     * @param in      input size on this axis
     * @param o       output key (oh/ow)
     * @param k       kernel key, p padding key, s stride key, d dilation key
     * @param pool    whether this is a pooling axis (windows must start inside the input or its top padding)
     * @param dflt    defaults for kernel/stride/pad/dilation when their key is absent: {@link Axis#defaults} or the
     *                other axis' values (whose output size is then also taken when everything else matches)
     */
    static Axis resolve(DescriptorTokens t, int in, String o, String k, String s, String p, String d,
                        boolean pool, Axis dflt) {
        int kernel = t.positive(k, dflt.kernel());
        int stride = t.positive(s, dflt.stride());
        int dilation = d == null ? 0 : t.nonNegative(d, dflt.dilation());
        int keff = Sizes.toInt("kernel extent of " + (t.has(k) ? t.token(k) : k + kernel)
                + (d != null && t.has(d) ? " with " + t.token(d) : ""), Sizes.effectiveKernel(kernel, dilation));
        Integer given = t.has(o) ? t.positive(o, 0) : null;
        boolean padGiven = t.has(p) && t.integer(p) >= 0; // benchdnn: a negative padding means "derive it"
        int pad;
        int out;
        if (given != null) {
            out = given;
            if (padGiven) {
                pad = t.nonNegative(p, 0);
            } else {
                long derived = ((long) (out - 1) * stride - in + keff) / 2; // C division, as benchdnn
                if (derived < 0) {
                    throw new ProblemException(t.token(o), t.token(o) + " does not follow from input " + in
                            + ", kernel " + kernel + ", stride " + stride + (dilation > 0 ? ", dilation " + dilation : "")
                            + ": it would need negative padding (at least " + o + floorOut(in, kernel, stride, 0,
                            dilation) + ")");
                }
                long derivedEnd = endPad(in, out, kernel, stride, (int) Math.min(derived, Integer.MAX_VALUE), dilation);
                if (derived >= keff || derivedEnd >= keff) {
                    throw new ProblemException(t.token(o), t.token(o) + " does not follow from input " + in
                            + ", kernel " + kernel + ", stride " + stride + (dilation > 0 ? ", dilation " + dilation : "")
                            + ": it would need padding " + derived + " before and " + derivedEnd + " after, not less "
                            + "than the kernel extent " + keff + " (give " + p + " to mean it; expected " + o
                            + floorOut(in, kernel, stride, (keff - 1) / 2, dilation) + " for padding " + (keff - 1) / 2
                            + ")");
                }
                pad = (int) derived;
            }
            long end = endPad(in, out, kernel, stride, pad, dilation);
            if (end <= -stride) {
                long least = ((long) in + pad - keff) / stride + 1;
                throw new ProblemException(t.token(o), t.token(o) + " does not follow from input " + in + ", kernel "
                        + kernel + ", stride " + stride + ", top padding " + pad
                        + (dilation > 0 ? ", dilation " + dilation : "") + ": expected at least " + o + least);
            }
        } else {
            if (padGiven) {
                pad = t.nonNegative(p, 0);
            } else {
                pad = dflt.pad();
            }
            long span = (long) in - keff + 2L * pad;
            long computed = span / stride + 1; // C division: a span in (-stride, 0) still gives one output
            if (computed <= 0) {
                throw new ProblemException(t.has(k) ? t.token(k) : k + kernel, "kernel extent " + keff + " (" + k
                        + kernel + ") does not fit the padded input " + in + "+2*" + pad);
            }
            out = (int) computed;
            if (dflt.out() > 0 && in == dflt.in() && kernel == dflt.kernel() && stride == dflt.stride()
                    && pad == dflt.pad() && dilation == dflt.dilation()) {
                out = dflt.out(); // a square problem's missing width equals its height
            }
        }
        if (pool && (pad >= kernel || endPad(in, out, kernel, stride, pad, dilation) >= kernel)) {
            String key = given != null ? t.token(o) : (t.has(p) ? t.token(p) : p + pad);
            throw new ProblemException(key, key + ": a pooling window would lie wholly in the padding (kernel "
                    + kernel + ", top padding " + pad + ", bottom padding "
                    + endPad(in, out, kernel, stride, pad, dilation) + ")");
        }
        return new Axis(in, out, kernel, stride, pad, dilation);
    }
}
