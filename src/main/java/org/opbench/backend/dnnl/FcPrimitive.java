package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.dnnl_a;
import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_inner_product_forward_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nc;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_oi;
import static org.bytedeco.dnnl.global.dnnl.dnnl_oihw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_weights_md;

import java.util.Map;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.opbench.problem.FcProblem;
import org.opbench.problem.Op;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;
import org.opbench.spi.Transform;

/**
 * Forward-inference inner product with bias. A {@code 1x1} spatial input is described as 2-D ({@code nc}), a
 * larger one as 4-D ({@code nchw} flattened is opbench's N x (C*H*W)), as benchdnn does.
 */
final class FcPrimitive {
    private FcPrimitive() {
    }

    static DnnlOp prepare(FcProblem p, Layout layout, ProblemData data, Map<String, Object> context) throws BackendException {
        String what = "inner_product";
        try (Builder b = new Builder(context)) {
            boolean flat = p.ih() == 1 && p.iw() == 1;
            long[] srcDims = flat ? new long[] {p.mb(), p.ic()} : new long[] {p.mb(), p.ic(), p.ih(), p.iw()};
            long[] wDims = flat ? new long[] {p.oc(), p.ic()} : new long[] {p.oc(), p.ic(), p.ih(), p.iw()};
            long[] biasDims = {p.oc()};
            long[] dstDims = {p.mb(), p.oc()};
            int act = layout.tag(Op.FC);
            int srcTag = flat && act != dnnl_format_tag_any ? dnnl_nc : act;
            int dstTag = act == dnnl_format_tag_any ? act : dnnl_nc;
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            int status = dnnl_inner_product_forward_primitive_desc_create(pd, b.engine(), dnnl_forward_inference,
                    b.md(srcDims, srcTag), b.any(wDims), b.any(biasDims), b.md(dstDims, dstTag), b.attr());
            DnnlStatus.check(status, what + " (dnnl_inner_product_forward_primitive_desc_create)");
            b.own(pd);
            b.input(DNNL_ARG_SRC, "src", dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), srcDims,
                    flat ? dnnl_nc : dnnl_nchw, data.src());
            b.input(DNNL_ARG_WEIGHTS, "weights", dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0), wDims,
                    flat ? dnnl_oi : dnnl_oihw, data.weights());
            b.input(DNNL_ARG_BIAS, "bias", dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 1), biasDims,
                    dnnl_a, data.bias());
            return b.finish(pd, what, dstDims, dnnl_nc, "auto", Transform.NONE);
        }
    }
}
