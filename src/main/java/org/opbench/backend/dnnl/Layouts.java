package org.opbench.backend.dnnl;

import static org.bytedeco.dnnl.global.dnnl.dnnl_blocked;
import static org.bytedeco.dnnl.global.dnnl.dnnl_memory_desc_query;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_format_kind;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_inner_blks;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_inner_idxs;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_inner_nblks_s32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_ndims_s32;
import static org.bytedeco.dnnl.global.dnnl.dnnl_query_strides;

import java.util.Arrays;
import java.util.Comparator;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.opbench.spi.BackendException;

/**
 * Names the layout of a blocked memory descriptor the way oneDNN's format tags do: dimensions as letters
 * outermost first (by stride), upper case where the dimension is also blocked, then the inner blocks,
 * e.g. {@code abcd} (nchw), {@code acdb} (nhwc), {@code aBcd8b} (nChw8c), {@code ABcd8b8a} (OIhw8i8o).
 */
final class Layouts {
    private static final int MAX_NDIMS = 12;

    private Layouts() {
    }

    static String describe(dnnl_memory_desc md) throws BackendException {
        try (IntPointer i = new IntPointer(1)) {
            DnnlStatus.check(dnnl_memory_desc_query(md, dnnl_query_format_kind, i), "dnnl_memory_desc_query(format_kind)");
            if (i.get() != dnnl_blocked) {
                return "format_kind_" + i.get();
            }
            DnnlStatus.check(dnnl_memory_desc_query(md, dnnl_query_ndims_s32, i), "dnnl_memory_desc_query(ndims)");
            int ndims = i.get();
            DnnlStatus.check(dnnl_memory_desc_query(md, dnnl_query_inner_nblks_s32, i),
                    "dnnl_memory_desc_query(inner_nblks)");
            int nblks = i.get();
            long[] strides = dimsArray(md, dnnl_query_strides, ndims, "strides");
            long[] blks = dimsArray(md, dnnl_query_inner_blks, nblks, "inner_blks");
            long[] idxs = dimsArray(md, dnnl_query_inner_idxs, nblks, "inner_idxs");
            return name(strides, blks, idxs);
        }
    }

    /** The tag for outer {@code strides} and inner blocks {@code blks} of dimensions {@code idxs}. */
    static String name(long[] strides, long[] blks, long[] idxs) {
        boolean[] blocked = new boolean[strides.length];
        for (long idx : idxs) {
            blocked[(int) idx] = true;
        }
        Integer[] order = new Integer[strides.length];
        for (int d = 0; d < order.length; d++) {
            order[d] = d;
        }
        Arrays.sort(order, Comparator.comparingLong((Integer d) -> -strides[d]).thenComparingInt(d -> d));
        StringBuilder sb = new StringBuilder();
        for (int d : order) {
            char c = (char) ('a' + d);
            sb.append(blocked[d] ? Character.toUpperCase(c) : c);
        }
        for (int b = 0; b < blks.length; b++) {
            sb.append(blks[b]).append((char) ('a' + idxs[b]));
        }
        return sb.toString();
    }

    private static long[] dimsArray(dnnl_memory_desc md, int what, int n, String name) throws BackendException {
        if (n == 0) {
            return new long[0];
        }
        try (PointerPointer<LongPointer> out = new PointerPointer<>(1)) {
            DnnlStatus.check(dnnl_memory_desc_query(md, what, out), "dnnl_memory_desc_query(" + name + ")");
            LongPointer p = out.get(LongPointer.class, 0).capacity(MAX_NDIMS);
            long[] a = new long[n];
            p.get(a);
            return a;
        }
    }
}
