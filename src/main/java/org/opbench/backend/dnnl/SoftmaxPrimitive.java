package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_softmax_accurate;
import static org.bytedeco.dnnl.global.dnnl.dnnl_softmax_forward_primitive_desc_create;

import java.util.Map;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.BackendException;
import org.opbench.spi.Transform;

/**
 * Forward-inference softmax ({@code dnnl_softmax_accurate}) over axis 1, the channels, in f32, bf16 or f16
 * (int8 is refused by {@link DnnlBackend#supports}).
 */
final class SoftmaxPrimitive {
    static final int AXIS = 1;

    private SoftmaxPrimitive() {
    }

    static DnnlOp prepare(SoftmaxProblem p, Layout layout, ProblemData data, Map<String, Object> context) throws BackendException {
        String what = "softmax_accurate";
        Precision t = p.dtype();
        try (Builder b = new Builder(context, t, null)) {
            long[] dims = {p.mb(), p.ic(), p.ih(), p.iw()};
            int act = layout.tag(Op.SOFTMAX);
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            int status = dnnl_softmax_forward_primitive_desc_create(pd, b.engine(), dnnl_forward_inference,
                    dnnl_softmax_accurate, b.md(dims, t.src(), act), b.md(dims, t.dst(), act), AXIS, b.attr());
            DnnlStatus.check(status, what + " (dnnl_softmax_forward_primitive_desc_create)");
            b.own(pd);
            b.input(DNNL_ARG_SRC, "src", dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), dims, dnnl_nchw,
                    t.src(), Buffers.src(data));
            return b.finish(pd, what, dims, dnnl_nchw, "auto", Transform.NONE, Op.SOFTMAX);
        }
    }
}
