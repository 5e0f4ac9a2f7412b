package org.opbench.network;

import java.util.Arrays;
import java.util.Locale;

/**
 * The checks and conversions {@link ShapeInference}'s per-operator rules share ({@link ComputeShapes},
 * {@link LayoutShapes}), each failure a {@link ModelException} against the model's source naming the node.
 */
class ShapeRules {
    final String source;
    final int opset;

    ShapeRules(String source, int opset) {
        this.source = source;
        this.opset = opset;
    }

    /** ONNX pads {@code [top, left, bottom, right]} after {@code auto_pad}. */
    long[] pads(NetNode n, long[] x, long[] k, long[] s, long[] d) {
        String auto = n.stringAttr("auto_pad", "NOTSET");
        switch (auto) {
            case "NOTSET" -> {
                return ints(n, "pads", new long[] {0, 0, 0, 0}, 4);
            }
            case "VALID" -> {
                return new long[] {0, 0, 0, 0};
            }
            case "SAME_UPPER", "SAME_LOWER" -> {
                long[] p = new long[4];
                for (int i = 0; i < 2; i++) {
                    long out = (x[2 + i] + s[i] - 1) / s[i];
                    long total = Math.max(0, (out - 1) * s[i] + (k[i] - 1) * d[i] + 1 - x[2 + i]);
                    long small = total / 2;
                    boolean upper = auto.equals("SAME_UPPER");
                    p[i] = upper ? small : total - small;
                    p[i + 2] = upper ? total - small : small;
                }
                return p;
            }
            default -> throw fail(n, "unknown auto_pad " + auto);
        }
    }

    long[] ints(NetNode n, String key, long[] dflt, int length) {
        long[] v = n.intsAttr(key);
        if (v == null) {
            return dflt;
        }
        if (v.length != length) {
            throw fail(n, key + " has " + v.length + " values, expected " + length);
        }
        for (long e : v) {
            if (e < 0 || (!key.equals("pads") && e == 0)) {
                throw fail(n, key + " " + Arrays.toString(v) + " has a value out of range");
            }
        }
        return v;
    }

    long[] rank(NetNode n, ShapeTensor t, int rank, String what) {
        if (t.dims().length != rank) {
            throw fail(n, what + " has shape " + Arrays.toString(t.dims()) + ", expected rank " + rank);
        }
        return t.dims();
    }

    long[] broadcast(NetNode n, long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            long y = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (x != y && x != 1 && y != 1) {
                throw fail(n, "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            out[i] = Math.max(x, y);
        }
        return out;
    }

    int toInt(long v) {
        if (v > Integer.MAX_VALUE) {
            throw new ModelException(source, "size " + v + " exceeds 2^31");
        }
        return (int) v;
    }

    static long product(long[] dims) {
        return org.opbench.problem.Sizes.product("tensor " + Arrays.toString(dims), dims);
    }

    ModelException fail(NetNode n, String why) {
        return new ModelException(source, String.format(Locale.ROOT, "node '%s' (%s): %s", ShapeInference.printable(n.name()),
                n.op(), why));
    }
}
