package org.opbench.problem;

import java.util.Map;
import java.util.Set;

/**
 * A forward convolution with bias. Depthwise: {@code g == ic == oc}. Dilation follows benchdnn: 0 means none.
 * Padding follows benchdnn: {@code ph}/{@code pw} pad the top/left, and the bottom/right padding is what the output
 * size implies ({@link #padBottom()}, {@link #padRight()}), so {@code oh}/{@code ow} carry the asymmetric padding
 * TensorFlow's SAME mode produces and ONNX writes as {@code pads=[top,left,bottom,right]}.
 */
public record ConvProblem(Precision dtype, int mb, int g, int ic, int ih, int iw, int oc, int oh, int ow,
                          int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, String name)
        implements Problem {

    static final Set<String> KEYS = Set.of("mb", "g", "ic", "ih", "iw", "oc", "oh", "ow", "kh", "kw", "sh", "sw",
            "ph", "pw", "dh", "dw", "n");

    public ConvProblem {
        name = Problems.checkName(name);
        Problems.require(mb > 0 && g > 0 && ic > 0 && ih > 0 && iw > 0 && oc > 0 && kh > 0 && kw > 0 && sh > 0 && sw > 0,
                "conv sizes must be positive");
        Problems.require(ph >= 0 && pw >= 0 && dh >= 0 && dw >= 0, "padding and dilation must not be negative");
        Problems.require(ic % g == 0 && oc % g == 0, "ic and oc must be divisible by g");
        Problems.require(oh > 0 && ow > 0 && Spatial.endPad(ih, oh, kh, sh, ph, dh) > -sh
                        && Spatial.endPad(iw, ow, kw, sw, pw, dw) > -sw,
                "output size does not follow from input, kernel, stride and padding");
        Problems.checkElements(Sizes.elements("source", mb, ic, ih, iw), Sizes.elements("weights", oc, ic / g, kh, kw),
                Sizes.elements("destination", mb, oc, oh, ow));
    }

    /** Convenience constructor for the common case: square-free sizes, no dilation, output derived. */
    public static ConvProblem of(int mb, int g, int ic, int ih, int iw, int oc, int kh, int kw, int sh, int sw,
                                 int ph, int pw, String name) {
        return new ConvProblem(Precision.F32, mb, g, ic, ih, iw, oc, Spatial.floorOut(ih, kh, sh, ph, 0),
                Spatial.floorOut(iw, kw, sw, pw, 0), kh, kw, sh, sw, ph, pw, 0, 0, name);
    }

    static ConvProblem parse(String text, Precision dtype) {
        DescriptorTokens t = DescriptorTokens.parse(text, KEYS);
        for (String k : new String[] {"id", "od", "kd", "sd", "pd"}) {
            if (t.has(k)) {
                throw new ProblemException(t.token(k), "3-D convolutions are not supported");
            }
        }
        int mb = t.positive("mb", 1);
        int g = t.positive("g", 1);
        int ic = t.required("ic", "input channels");
        int oc = t.required("oc", "output channels");
        if (ic % g != 0) {
            throw new ProblemException(t.has("g") ? t.token("g") : "g" + g, "ic" + ic + " is not divisible by g" + g);
        }
        if (oc % g != 0) {
            throw new ProblemException(t.has("g") ? t.token("g") : "g" + g, "oc" + oc + " is not divisible by g" + g);
        }
        Spatial.Axis[] hw = Spatial.axes(t, "dh", "dw", false);
        Spatial.Axis h = hw[0];
        Spatial.Axis w = hw[1];
        int ih = h.in();
        int iw = w.in();
        return new ConvProblem(dtype, mb, g, ic, ih, iw, oc, h.out(), w.out(), h.kernel(), w.kernel(), h.stride(),
                w.stride(), h.pad(), w.pad(), h.dilation(), w.dilation(), t.name());
    }

    @Override
    public Op op() {
        return Op.CONV;
    }

    /** Padding below the input, with {@code ph} above it: {@code ph} where symmetric padding gives {@code oh}. */
    public int padBottom() {
        return Spatial.bottomPad(ih, oh, kh, sh, ph, dh);
    }

    /** Padding right of the input, with {@code pw} left of it: {@code pw} where symmetric padding gives {@code ow}. */
    public int padRight() {
        return Spatial.bottomPad(iw, ow, kw, sw, pw, dw);
    }

    /** Whether symmetric padding ({@code ph} both above and below, {@code pw} both sides) gives the output size. */
    public boolean symmetricPadding() {
        return padBottom() == ph && padRight() == pw;
    }

    public boolean depthwise() {
        return g > 1 && g == ic && g == oc;
    }

    @Override
    public ConvProblem withBatch(int batch) {
        return new ConvProblem(dtype, batch, g, ic, ih, iw, oc, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw, name);
    }

    @Override
    public ConvProblem withName(String newName) {
        return new ConvProblem(dtype, mb, g, ic, ih, iw, oc, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw, newName);
    }

    @Override
    public ConvProblem withDtype(Precision newDtype) {
        return new ConvProblem(newDtype, mb, g, ic, ih, iw, oc, oh, ow, kh, kw, sh, sw, ph, pw, dh, dw, name);
    }

    @Override
    public String descriptor() {
        Map<String, Object> f = fields();
        if (dh == 0 && dw == 0) {
            f.remove("dh");
            f.remove("dw");
        }
        return Problems.descriptor(f);
    }

    @Override
    public Map<String, Object> fields() {
        return Problems.fields("mb", mb, "ic", ic, "ih", ih, "iw", iw, "oc", oc, "oh", oh, "ow", ow, "kh", kh, "kw", kw,
                "sh", sh, "sw", sw, "ph", ph, "pw", pw, "g", g, "dh", dh, "dw", dw);
    }

    @Override
    public long weightElements() {
        return (long) oc * (ic / g) * kh * kw;
    }

    @Override
    public long biasElements() {
        return oc;
    }

    @Override
    public int[] dstDims() {
        return new int[] {mb, oc, oh, ow};
    }

    @Override
    public String toString() {
        return Problems.withName(descriptor(), name);
    }
}
