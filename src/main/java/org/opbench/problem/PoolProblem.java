package org.opbench.problem;

import java.util.Map;
import java.util.Set;

/**
 * Max or average pooling. Written {@code ALG:DESCRIPTOR}, e.g. {@code max:mb1ic64ih112iw112oh56ow56kh3kw3sh2sw2ph0pw0};
 * the part after the colon is a benchdnn pool descriptor. The output size is either the floor formula
 * or, as Caffe pools do, the ceil formula; the extra right/bottom rows then fall outside the input
 * ({@link #padBottom()}, {@link #padRight()}).
 */
public record PoolProblem(DataType dtype, PoolAlg alg, int mb, int ic, int ih, int iw, int oh, int ow,
                          int kh, int kw, int sh, int sw, int ph, int pw, String name) implements Problem {

    static final Set<String> KEYS = Set.of("mb", "ic", "ih", "iw", "oh", "ow", "kh", "kw", "sh", "sw", "ph", "pw", "n");

    public PoolProblem {
        name = Problems.checkName(name);
        Problems.require(alg != null, "pooling algorithm missing");
        Problems.require(mb > 0 && ic > 0 && ih > 0 && iw > 0 && kh > 0 && kw > 0 && sh > 0 && sw > 0,
                "pool sizes must be positive");
        Problems.require(ph >= 0 && pw >= 0 && ph < kh && pw < kw, "pool padding must be in [0, kernel)");
        Problems.require(validOut(ih, kh, sh, ph, oh) && validOut(iw, kw, sw, pw, ow),
                "output size does not follow from input, kernel, stride and padding");
        Problems.checkElements(Sizes.elements("source", mb, ic, ih, iw), 0, Sizes.elements("destination", mb, ic, oh, ow));
        Sizes.product("pooling window taps", mb, ic, oh, ow, kh, kw);
    }

    private static boolean validOut(int in, int k, int s, int p, int out) {
        int floor = Spatial.floorOut(in, k, s, p, 0);
        int ceil = Spatial.ceilOut(in, k, s, p, 0);
        return out > 0 && (out == floor || (out == ceil && (long) (out - 1) * s < (long) in + p));
    }

    static PoolProblem parse(String text, DataType dtype) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new ProblemException(text, "pool descriptor '" + DescriptorTokens.printable(text)
                    + "' lacks its algorithm prefix (max:, avg_np: or avg_p:)");
        }
        PoolAlg alg = PoolAlg.parse(text.substring(0, colon));
        DescriptorTokens t = DescriptorTokens.parse(text.substring(colon + 1), KEYS);
        int mb = t.positive("mb", 1);
        int ic = t.required("ic", "channels");
        int ih = t.required("ih", "input height");
        int iw = t.positive("iw", ih);
        Spatial.Axis h = Spatial.resolve(t, ih, "oh", "kh", "sh", "ph", null, true, null);
        Spatial.Axis w = Spatial.resolve(t, iw, "ow", "kw", "sw", "pw", null, true, h);
        if (!validOut(ih, h.kernel(), h.stride(), h.pad(), h.out())) {
            throw new ProblemException(t.token("oh"), t.token("oh") + ": the last window would start in the padding");
        }
        if (!validOut(iw, w.kernel(), w.stride(), w.pad(), w.out())) {
            throw new ProblemException(t.token("ow"), t.token("ow") + ": the last window would start in the padding");
        }
        return new PoolProblem(dtype, alg, mb, ic, ih, iw, h.out(), w.out(), h.kernel(), w.kernel(), h.stride(),
                w.stride(), h.pad(), w.pad(), t.name());
    }

    @Override
    public Op op() {
        return Op.POOL;
    }

    /** Padding below the input implied by the output size (≥ {@code ph}; larger in ceil mode). */
    public int padBottom() {
        return (oh - 1) * sh + kh - ih - ph;
    }

    /** Padding right of the input implied by the output size (≥ {@code pw}; larger in ceil mode). */
    public int padRight() {
        return (ow - 1) * sw + kw - iw - pw;
    }

    /** Whether the output size needs ceil-mode rounding. */
    public boolean ceilMode() {
        return oh != Spatial.floorOut(ih, kh, sh, ph, 0) || ow != Spatial.floorOut(iw, kw, sw, pw, 0);
    }

    @Override
    public PoolProblem withBatch(int batch) {
        return new PoolProblem(dtype, alg, batch, ic, ih, iw, oh, ow, kh, kw, sh, sw, ph, pw, name);
    }

    @Override
    public PoolProblem withName(String newName) {
        return new PoolProblem(dtype, alg, mb, ic, ih, iw, oh, ow, kh, kw, sh, sw, ph, pw, newName);
    }

    @Override
    public String descriptor() {
        Map<String, Object> f = fields();
        f.remove("alg");
        return alg.id() + ":" + Problems.descriptor(f);
    }

    @Override
    public Map<String, Object> fields() {
        return Problems.fields("alg", alg.id(), "mb", mb, "ic", ic, "ih", ih, "iw", iw, "oh", oh, "ow", ow, "kh", kh,
                "kw", kw, "sh", sh, "sw", sw, "ph", ph, "pw", pw);
    }

    @Override
    public int[] dstDims() {
        return new int[] {mb, ic, oh, ow};
    }

    @Override
    public String toString() {
        return Problems.withName(descriptor(), name);
    }
}
