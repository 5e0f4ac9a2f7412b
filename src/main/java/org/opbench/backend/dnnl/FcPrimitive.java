package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_a;
import static org.bytedeco.dnnl.global.dnnl.dnnl_ab;
import static org.bytedeco.dnnl.global.dnnl.dnnl_ba;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_inner_product_forward_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_matmul_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_oi;
import static org.bytedeco.dnnl.global.dnnl.dnnl_oihw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;

import java.util.Map;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.opbench.problem.FcProblem;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;
import org.opbench.spi.Transform;

/**
 * Forward-inference inner product with bias. A {@code 1x1} spatial input is described as 2-D ({@code nc}), a
 * larger one as 4-D ({@code nchw} flattened is opbench's N x (C*H*W)), as benchdnn does. Types and int8 attributes
 * as for {@link ConvPrimitive}; int8 runs as a matmul ({@link #prepareInt8}), so {@code dnnl.layout} does not apply
 * to it ({@link DnnlBackend#precisionRefusal} refuses an explicit {@code nhwc}).
 */
final class FcPrimitive {
    private FcPrimitive() {
    }

    /** oneDNN scale mask of per-column (N, the output channels) weight scales of a 2-D matmul. */
    static final int MATMUL_N_MASK = 1 << 1;

    static DnnlOp prepare(FcProblem p, Layout layout, ProblemData data, Map<String, Object> context) throws BackendException {
        if (p.dtype().quantized()) {
            return prepareInt8(p, data, context);
        }
        String what = "inner_product";
        Precision t = p.dtype();
        try (Builder b = new Builder(context, t, Buffers.quant(data))) {
            boolean flat = p.ih() == 1 && p.iw() == 1;
            long[] srcDims = flat ? new long[] {p.mb(), p.ic()} : new long[] {p.mb(), p.ic(), p.ih(), p.iw()};
            long[] wDims = flat ? new long[] {p.oc(), p.ic()} : new long[] {p.oc(), p.ic(), p.ih(), p.iw()};
            long[] biasDims = {p.oc()};
            long[] dstDims = {p.mb(), p.oc()};
            int act = layout.tag(Op.FC);
            int srcTag = flat && act != dnnl_format_tag_any ? dnnl_nc : act;
            int dstTag = act == dnnl_format_tag_any ? act : dnnl_nc;
            dnnl_primitive_attr attr = t.quantized() ? b.quantizedAttr(ConvPrimitive.OC_MASK) : b.attr();
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            int status = dnnl_inner_product_forward_primitive_desc_create(pd, b.engine(), dnnl_forward_inference,
                    b.md(srcDims, t.src(), srcTag), b.any(wDims, t.wei()), b.any(biasDims), b.md(dstDims, t.dst(), dstTag),
                    attr);
            DnnlStatus.check(status, what + " (dnnl_inner_product_forward_primitive_desc_create)");
            b.own(pd);
            b.input(DNNL_ARG_SRC, "src", dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), srcDims,
                    flat ? dnnl_nc : dnnl_nchw, t.src(), Buffers.src(data));
            b.input(DNNL_ARG_WEIGHTS, "weights", dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0), wDims,
                    flat ? dnnl_oi : dnnl_oihw, t.wei(), Buffers.weights(data));
            b.input(DNNL_ARG_BIAS, "bias", dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 1), biasDims,
                    dnnl_a, data.bias());
            return b.finish(pd, what, dstDims, dnnl_nc, "auto", Transform.NONE, Op.FC);
        }
    }

    /**
     * int8 fc as a matmul ({@code dnnl_matmul_primitive_desc_create}): oneDNN's inner product takes no source zero
     * point ({@code dnnl_unimplemented}), its matmul does. The source is opbench's flattened N x (C*H*W) matrix
     * ({@code ab}), the weights the K x N view of opbench's oc x K rows ({@code ba}, reordered to the layout the
     * matmul picks), per-column (output channel) weight scales, bias 1 x N in f32.
     */
    private static DnnlOp prepareInt8(FcProblem p, ProblemData data, Map<String, Object> context)
            throws BackendException {
        String what = "matmul";
        Precision t = p.dtype();
        try (Builder b = new Builder(context, t, Buffers.quant(data))) {
            long k = p.inputLength();
            long[] srcDims = {p.mb(), k};
            long[] wDims = {k, p.oc()};
            long[] biasDims = {1, p.oc()};
            long[] dstDims = {p.mb(), p.oc()};
            dnnl_primitive_attr attr = b.quantizedAttr(MATMUL_N_MASK);
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            int status = dnnl_matmul_primitive_desc_create(pd, b.engine(), b.md(srcDims, t.src(), dnnl_ab),
                    b.any(wDims, t.wei()), b.md(biasDims, dnnl_ab), b.md(dstDims, t.dst(), dnnl_ab), attr);
            DnnlStatus.check(status, what + " (dnnl_matmul_primitive_desc_create)");
            b.own(pd);
            b.input(DNNL_ARG_SRC, "src", dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), srcDims, dnnl_ab,
                    t.src(), Buffers.src(data));
            b.input(DNNL_ARG_WEIGHTS, "weights", dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0), wDims,
                    dnnl_ba, t.wei(), Buffers.weights(data));
            b.input(DNNL_ARG_BIAS, "bias", dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 1), biasDims,
                    dnnl_ab, data.bias());
            b.detail("primitive", "matmul (oneDNN inner product takes no source zero point)");
            return b.finish(pd, what, dstDims, dnnl_ab, "auto", Transform.NONE, Op.FC);
        }
    }
}
