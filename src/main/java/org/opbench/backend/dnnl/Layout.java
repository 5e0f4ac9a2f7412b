package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.dnnl_format_tag_any;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nchw;
import static org.bytedeco.dnnl.global.dnnl.dnnl_nhwc;

import java.util.Locale;
import org.opbench.problem.Op;

/**
 * The {@code dnnl.layout} option: the activation layout (source and destination) a primitive works in.
 * {@code default} lets convolution and inner product choose ({@code any}) and runs pooling and softmax in
 * {@code nhwc} (pooling on plain {@code nchw} takes a slow reference path); {@code any}, {@code nhwc} and
 * {@code nchw} force a choice. Pooling and softmax need a concrete source layout, so {@code any} is refused there.
 */
enum Layout {
    DEFAULT, ANY, NHWC, NCHW;

    static final String KEY = "layout";

    /** The layout named {@code text}, or null when it names none. */
    static Layout parse(String text) {
        for (Layout l : values()) {
            if (l.id().equals(text)) {
                return l;
            }
        }
        return null;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Why {@code op} cannot run in this layout, or null when it can. */
    String refusal(Op op) {
        if (this == ANY && (op == Op.POOL || op == Op.SOFTMAX)) {
            return "oneDNN " + op.id() + " needs a concrete source layout; dnnl.layout=any is for conv and fc"
                    + " (use default, nhwc or nchw)";
        }
        return null;
    }

    /** The oneDNN format tag for the activations of {@code op}. */
    int tag(Op op) {
        return switch (this) {
            case ANY -> dnnl_format_tag_any;
            case NHWC -> dnnl_nhwc;
            case NCHW -> dnnl_nchw;
            case DEFAULT -> op == Op.CONV || op == Op.FC ? dnnl_format_tag_any : dnnl_nhwc;
        };
    }
}
