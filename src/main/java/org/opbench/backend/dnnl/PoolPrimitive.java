package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.dnnl_forward_inference;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_avg_exclude_padding;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_avg_include_padding;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_forward_primitive_desc_create;
import static org.bytedeco.dnnl.global.dnnl.dnnl_pooling_max;
import static org.bytedeco.dnnl.global.dnnl.dnnl_primitive_desc_query_md;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_src_md;

import java.util.Map;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.ProblemData;
import org.opbench.spi.BackendException;
import org.opbench.spi.Transform;

/**
 * Forward-inference pooling. Ceil-mode output sizes are expressed as explicit right/bottom padding
 * ({@link PoolProblem#padBottom()}, {@link PoolProblem#padRight()}); the destination takes the source's layout.
 * int8 pooling runs on the raw u8 levels (oneDNN pooling takes no scales or zero points), which is opbench's rule
 * (destination on the source's scale and zero point) for max and for averages without padding; average with
 * padding included would pad with level 0 rather than the zero point, so {@link #int8Refusal} refuses it.
 */
final class PoolPrimitive {
    private PoolPrimitive() {
    }

    /** Why oneDNN cannot compute the int8 {@code p} by opbench's rule, or null when it can. */
    static String int8Refusal(PoolProblem p) {
        boolean padded = p.ph() > 0 || p.pw() > 0 || p.padBottom() > 0 || p.padRight() > 0;
        if (p.alg() == PoolAlg.AVG_P && padded) {
            return "oneDNN int8 avg_p pools raw u8 levels (pooling takes no zero point attribute), so it pads with"
                    + " level 0, not with the zero point (real 0) of opbench's int8 rule: dnnl times int8 avg_p only"
                    + " without padding";
        }
        return null;
    }

    static int algKind(PoolAlg alg) {
        return switch (alg) {
            case MAX -> dnnl_pooling_max;
            case AVG_NP -> dnnl_pooling_avg_exclude_padding;
            case AVG_P -> dnnl_pooling_avg_include_padding;
        };
    }

    static DnnlOp prepare(PoolProblem p, Layout layout, ProblemData data, Map<String, Object> context) throws BackendException {
        String what = "pooling_" + p.alg().id();
        Precision t = p.dtype();
        try (Builder b = new Builder(context, t, Buffers.quant(data))) {
            long[] srcDims = {p.mb(), p.ic(), p.ih(), p.iw()};
            long[] dstDims = {p.mb(), p.ic(), p.oh(), p.ow()};
            int act = layout.tag(Op.POOL);
            dnnl_primitive_desc pd = new dnnl_primitive_desc();
            int status = dnnl_pooling_forward_primitive_desc_create(pd, b.engine(), dnnl_forward_inference,
                    algKind(p.alg()), b.md(srcDims, t.src(), act), b.md(dstDims, t.dst(), act),
                    new long[] {p.sh(), p.sw()}, new long[] {p.kh(), p.kw()}, new long[] {0, 0},
                    new long[] {p.ph(), p.pw()}, new long[] {p.padBottom(), p.padRight()}, b.attr());
            DnnlStatus.check(status, what + " (dnnl_pooling_forward_primitive_desc_create)");
            b.own(pd);
            b.input(DNNL_ARG_SRC, "src", dnnl_primitive_desc_query_md(pd, dnnl_query_src_md, 0), srcDims, dnnl_nchw,
                    t.src(), Buffers.src(data));
            b.detail("pad_bottom", p.padBottom());
            b.detail("pad_right", p.padRight());
            return b.finish(pd, what, dstDims, dnnl_nchw, "auto", Transform.NONE, Op.POOL);
        }
    }
}
