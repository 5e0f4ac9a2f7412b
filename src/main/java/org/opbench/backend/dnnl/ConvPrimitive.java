package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_a;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_auto;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_direct;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_forward_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_convolution_winograd;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_goihw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_oihw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;

import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;

/**
 * Forward-inference convolution with bias ({@code dnnl_convolution_forward_primitive_desc_create}) in the problem's
 * precision: f32, bf16 or f16 tensors with an f32 bias, or int8 (u8 source and destination with a scale and zero
 * point, s8 weights with per-output-channel scales, f32 bias, {@link Builder#quantizedAttr}).
 */
final class ConvPrimitive {
    /** oneDNN scale masks of per-output-channel weight scales: over oc (oihw), over g and oc (goihw). */
    static final int OC_MASK = 1;
    static final int GROUPED_OC_MASK = 0b11;

    /** Algorithm names, the default first; each maps to a oneDNN {@code dnnl_alg_kind_t}. */
    static final List<String> ALGORITHMS = List.of("auto", "direct", "winograd");

    private ConvPrimitive() {
    }

    static int algKind(String algorithm) {
        return switch (algorithm) {
            case "auto" -> dnnl_convolution_auto;
            case "direct" -> dnnl_convolution_direct;
            case "winograd" -> dnnl_convolution_winograd;
            default -> throw new IllegalArgumentException("unknown convolution algorithm " + algorithm);
        };
    }

    static DnnlOp prepare(ConvProblem p, String algorithm, Layout layout, ProblemData data,
                          Map<String, Object> context) throws BackendException {
        int alg = algKind(algorithm);
        String what = "convolution_" + algorithm;
        Precision t = p.dtype();
        try (Builder b = new Builder(context, t, Buffers.quant(data))) {
            long[] srcDims = {p.mb(), p.ic(), p.ih(), p.iw()};
            long[] dstDims = {p.mb(), p.oc(), p.oh(), p.ow()};
            long[] biasDims = {p.oc()};
            boolean grouped = p.g() > 1;
            long[] wDims = grouped
                    ? new long[] {p.g(), p.oc() / p.g(), p.ic() / p.g(), p.kh(), p.kw()}
                    : new long[] {p.oc(), p.ic(), p.kh(), p.kw()};
            int act = layout.tag(Op.CONV);
            dnnl_primitive_attr attr = t.quantized() ? b.quantizedAttr(grouped ? GROUPED_OC_MASK : OC_MASK) : b.attr();
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            int status = dnnl_convolution_forward_primitive_desc_create(pd, b.engine(), dnnl_forward_inference, alg,
                    b.md(srcDims, t.src(), act), b.any(wDims, t.wei()), b.any(biasDims), b.md(dstDims, t.dst(), act),
                    new long[] {p.sh(), p.sw()}, new long[] {p.dh(), p.dw()},
                    new long[] {p.ph(), p.pw()}, new long[] {p.padBottom(), p.padRight()}, attr);
            DnnlStatus.check(status, what + " (dnnl_convolution_forward_primitive_desc_create)");
            b.own(pd);
            b.input(DNNL_ARG_SRC, "src", dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), srcDims, dnnl_nchw,
                    t.src(), Buffers.src(data));
            b.input(DNNL_ARG_WEIGHTS, "weights", dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0), wDims,
                    grouped ? dnnl_goihw : dnnl_oihw, t.wei(), Buffers.weights(data));
            b.input(DNNL_ARG_BIAS, "bias", dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 1), biasDims,
                    dnnl_a, data.bias());
            return b.finish(pd, what, dstDims, dnnl_nchw, algorithm, DnnlPrecision.convTransform(pd), Op.CONV);
        }
    }
}
