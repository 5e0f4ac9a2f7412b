package org.opbench.analysis;

import java.util.List;
import java.util.Map;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.Op;
import org.opbench.problem.Problems;
import org.opbench.result.PointRecord;

/**
 * The type of a layer from its op and problem fields, never from its name: a conv with a 1x1 kernel is
 * {@link #CONV_1X1} (pointwise); one with a 3x3 kernel whose groups equal its input and output channels (more than
 * one) is {@code conv 3x3 depthwise}; every other conv is {@code conv other}; then {@code fc}, {@code pool},
 * {@code softmax}. The fields are the record's {@code shape}, else its parsed descriptor.
 */
public final class LayerTypes {
    public static final String CONV_1X1 = "conv 1x1";
    public static final String DEPTHWISE = "conv 3x3 depthwise";
    public static final String CONV_OTHER = "conv other";
    public static final String UNKNOWN_CONV = "conv (shape unknown)";
    /** Every type, in the order tables list them. */
    public static final List<String> TYPES = List.of(CONV_1X1, DEPTHWISE, CONV_OTHER, UNKNOWN_CONV, "fc", "pool",
            "softmax");

    private LayerTypes() {
    }

    /** The layer type of a point. */
    public static String type(PointRecord p) {
        Op op = Op.parse(p.op());
        if (op != Op.CONV) {
            return op.id();
        }
        Map<String, Object> s = p.shape();
        int kh;
        int kw;
        int g;
        int ic;
        int oc;
        if (s != null && s.get("kh") instanceof Number) {
            kh = num(s, "kh");
            kw = num(s, "kw");
            g = num(s, "g");
            ic = num(s, "ic");
            oc = num(s, "oc");
        } else {
            ConvProblem c;
            try {
                c = (ConvProblem) Problems.parse(op, p.problem());
            } catch (RuntimeException e) {
                return UNKNOWN_CONV; // a point without fields and with a descriptor this version cannot read
            }
            kh = c.kh();
            kw = c.kw();
            g = c.g();
            ic = c.ic();
            oc = c.oc();
        }
        if (kh == 1 && kw == 1) {
            return CONV_1X1;
        }
        if (kh == 3 && kw == 3 && g > 1 && g == ic && g == oc) {
            return DEPTHWISE;
        }
        return CONV_OTHER;
    }

    private static int num(Map<String, Object> s, String key) {
        Object v = s.get(key);
        return v instanceof Number n ? n.intValue() : -1;
    }
}
