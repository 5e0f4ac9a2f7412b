package org.opbench.network;

import static org.opbench.network.ShapeInference.outSize;
import org.opbench.problem.Precision;

import java.util.Arrays;
import java.util.List;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.SoftmaxProblem;

/**
 * The shape rules of the nodes that compute an opbench problem: {@code Conv} is conv, {@code Gemm} and 2-D
 * {@code MatMul} fc, the (global) pools pool and {@code Softmax} over the channels softmax; a node that computes one
 * in a way opbench does not time keeps its shape and says why it has no problem.
 */
final class ComputeShapes extends ShapeRules {
    ComputeShapes(String source, int opset) {
        super(source, opset);
    }

    ShapeResult conv(NetNode n, List<ShapeTensor> ins, String name) {
        long[] x = rank(n, ins.get(0), 4, "input");
        ShapeTensor wt = ins.size() > 1 ? ins.get(1) : null;
        if (wt == null) {
            throw fail(n, "has no weights");
        }
        long[] w = rank(n, wt, 4, "weights");
        long g = n.intAttr("group", 1);
        if (g < 1 || w[1] * g != x[1]) {
            throw fail(n, "weights " + Arrays.toString(w) + " with group " + g + " do not match input channels " + x[1]);
        }
        if (ins.size() > 2 && ins.get(2) != null && ins.get(2).elements() != w[0]) {
            throw fail(n, "bias has " + ins.get(2).elements() + " values for " + w[0] + " output channels");
        }
        long[] k = ints(n, "kernel_shape", new long[] {w[2], w[3]}, 2);
        if (k[0] != w[2] || k[1] != w[3]) {
            throw fail(n, "kernel_shape " + Arrays.toString(k) + " differs from the weights' " + w[2] + "x" + w[3]);
        }
        long[] s = ints(n, "strides", new long[] {1, 1}, 2);
        long[] d = ints(n, "dilations", new long[] {1, 1}, 2);
        long[] pads = pads(n, x, k, s, d);
        long oh = outSize(x[2], k[0], s[0], pads[0], pads[2], d[0], false);
        long ow = outSize(x[3], k[1], s[1], pads[1], pads[3], d[1], false);
        if (oh < 1 || ow < 1) {
            throw fail(n, "kernel does not fit the padded input " + x[2] + "x" + x[3]);
        }
        long[] out = {x[0], w[0], oh, ow};
        // ONNX pads [top, left, bottom, right]: opbench's ph/pw are the top/left padding and the output size implies
        // the bottom/right one, as in benchdnn (docs/problems.md#padding), so asymmetric padding is kept as it is
        int ph = toInt(pads[0]);
        int pw = toInt(pads[1]);
        try {
            Problem p = new ConvProblem(Precision.F32, toInt(x[0]), toInt(g), toInt(x[1]), toInt(x[2]), toInt(x[3]),
                    toInt(w[0]), toInt(oh), toInt(ow), toInt(k[0]), toInt(k[1]), toInt(s[0]), toInt(s[1]), ph, pw,
                    toInt(d[0] - 1), toInt(d[1] - 1), name);
            return new ShapeResult(out, p, null, null, null);
        } catch (IllegalArgumentException e) {
            return new ShapeResult(out, null, null, null, e.getMessage());
        }
    }

    /**
     * ConvTranspose (ONNX's rule): {@code out = stride * (in - 1) + output_padding + (k - 1) * d + 1 - pad_begin -
     * pad_end}, or {@code output_shape} where given, or {@code in * stride} with {@code SAME_*} padding; weights
     * {@code [C, M/group, kH, kW]}. opbench has no deconvolution problem; the count is that of the convolution whose
     * backward-data pass it is: {@code 2 N C H W (M/group) kH kW}.
     */
    ShapeResult convTranspose(NetNode n, List<ShapeTensor> ins) {
        long[] x = rank(n, ins.get(0), 4, "input");
        ShapeTensor wt = ins.size() > 1 ? ins.get(1) : null;
        if (wt == null) {
            throw fail(n, "has no weights");
        }
        long[] w = rank(n, wt, 4, "weights");
        long g = n.intAttr("group", 1);
        if (g < 1 || w[0] != x[1] || x[1] % g != 0) {
            throw fail(n, "weights " + Arrays.toString(w) + " with group " + g + " do not match input channels " + x[1]);
        }
        long m = w[1] * g;
        if (ins.size() > 2 && ins.get(2) != null && ins.get(2).elements() != m) {
            throw fail(n, "bias has " + ins.get(2).elements() + " values for " + m + " output channels");
        }
        long[] k = ints(n, "kernel_shape", new long[] {w[2], w[3]}, 2);
        long[] s = ints(n, "strides", new long[] {1, 1}, 2);
        long[] d = ints(n, "dilations", new long[] {1, 1}, 2);
        long[] outPad = n.intsAttr("output_padding") == null ? new long[] {0, 0} : n.intsAttr("output_padding");
        if (outPad.length != 2 || outPad[0] < 0 || outPad[1] < 0) {
            throw fail(n, "output_padding " + Arrays.toString(outPad) + " is not two non-negative values");
        }
        long[] given = n.intsAttr("output_shape");
        String auto = n.stringAttr("auto_pad", "NOTSET");
        long[] out = {x[0], m, 0, 0};
        for (int i = 0; i < 2; i++) {
            if (outPad[i] >= Math.max(s[i], d[i])) {
                throw fail(n, "output_padding " + Arrays.toString(outPad) + " must be smaller than the stride or the "
                        + "dilation");
            }
            if (given != null) {
                if (given.length != 2 && given.length != 4) {
                    throw fail(n, "output_shape " + Arrays.toString(given) + " has neither 2 nor 4 values");
                }
                out[2 + i] = given[given.length - 2 + i];
            } else if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
                out[2 + i] = x[2 + i] * s[i];
            } else {
                long[] pads = auto.equals("VALID") ? new long[4] : ints(n, "pads", new long[4], 4);
                out[2 + i] = s[i] * (x[2 + i] - 1) + outPad[i] + (k[i] - 1) * d[i] + 1 - pads[i] - pads[i + 2];
            }
            if (out[2 + i] < 1) {
                throw fail(n, "output size " + out[2 + i] + " from input " + x[2] + "x" + x[3]);
            }
        }
        long flops = Math.multiplyExact(2L * x[0] * x[1] * x[2] * x[3], Math.multiplyExact(w[1], k[0] * k[1]));
        return ShapeResult.counted(out, flops, "deconvolution (ConvTranspose): opbench times forward convolution "
                + "only; flops = 2 N C H W (M/group) kH kW");
    }

    /**
     * MatMul with numpy's rules beyond 2-D (a linear layer on tokens, attention's products of two activations): counted,
     * {@code 2 * batch * M * K * N}, without a problem; 2-D is {@link #fc}.
     */
    ShapeResult matmul(NetNode n, List<ShapeTensor> ins, String name) {
        ShapeTensor a = ins.get(0);
        ShapeTensor b = ins.size() > 1 ? ins.get(1) : null;
        if (b == null) {
            throw fail(n, "has no second input");
        }
        long[] ad = a.dims();
        long[] bd = b.dims();
        if (ad.length == 2 && bd.length == 2) {
            return fc(n, ins, name);
        }
        if (ad.length == 0 || bd.length == 0) {
            throw fail(n, "MatMul of a scalar");
        }
        long[] am = ad.length == 1 ? new long[] {1, ad[0]} : ad;
        long[] bm = bd.length == 1 ? new long[] {bd[0], 1} : bd;
        long rows = am[am.length - 2];
        long k = am[am.length - 1];
        long cols = bm[bm.length - 1];
        if (bm[bm.length - 2] != k) {
            throw fail(n, "inner dimensions differ: A " + Arrays.toString(ad) + ", B " + Arrays.toString(bd));
        }
        long[] batch = broadcast(n, Arrays.copyOf(am, am.length - 2), Arrays.copyOf(bm, bm.length - 2));
        List<Long> out = new java.util.ArrayList<>();
        for (long v : batch) {
            out.add(v);
        }
        if (ad.length > 1) {
            out.add(rows);
        }
        if (bd.length > 1) {
            out.add(cols);
        }
        long[] dims = out.stream().mapToLong(Long::longValue).toArray();
        long batches = product(batch);
        if (bd.length == 2 && b.param() && ad.length > 2) { // mb would be batch x rows; sweeps set mb to the batch
            return ShapeResult.counted(dims, Math.multiplyExact(2L * batches * rows, k * cols), "linear layer over "
                    + (batches * rows) + " rows (fc with mb = batch x " + (batches * rows / Math.max(1, ad[0]))
                    + "): counted, not an opbench problem, since a sweep's batch sets fc's mb");
        }
        return ShapeResult.counted(dims, Math.multiplyExact(2L * batches * rows, k * cols),
                "batched matrix product of two activations: no opbench problem; flops = 2 * batch * M * K * N");
    }

    ShapeResult fc(NetNode n, List<ShapeTensor> ins, String name) {
        ShapeTensor a = ins.get(0);
        ShapeTensor b = ins.size() > 1 ? ins.get(1) : null;
        if (b == null) {
            throw fail(n, "has no second input");
        }
        long[] ad = rank(n, a, 2, "input A");
        long[] bd = rank(n, b, 2, "input B");
        boolean gemm = n.op().equals("Gemm");
        boolean transA = gemm && n.intAttr("transA", 0) != 0;
        boolean transB = gemm && n.intAttr("transB", 0) != 0;
        long rows = transA ? ad[1] : ad[0];
        long k = transA ? ad[0] : ad[1];
        long kb = transB ? bd[1] : bd[0];
        long cols = transB ? bd[0] : bd[1];
        if (k != kb) {
            throw fail(n, "inner dimensions differ: A " + Arrays.toString(ad) + (transA ? " (transposed)" : "")
                    + ", B " + Arrays.toString(bd) + (transB ? " (transposed)" : ""));
        }
        long[] out = {rows, cols};
        if (transA || !b.param()) {
            return new ShapeResult(out, null, null, null, transA ? "transposed input" : "B is not a constant weight matrix");
        }
        long[] from = a.flatFrom();
        int ic = toInt(k);
        int ih = 1;
        int iw = 1;
        if (from != null && from.length == 4 && from[1] * from[2] * from[3] == k) {
            ic = toInt(from[1]);
            ih = toInt(from[2]);
            iw = toInt(from[3]);
        }
        try {
            return new ShapeResult(out, new FcProblem(Precision.F32, toInt(rows), ic, ih, iw, toInt(cols), name), null, null,
                    null);
        } catch (IllegalArgumentException e) {
            return new ShapeResult(out, null, null, null, e.getMessage());
        }
    }

    ShapeResult pool(NetNode n, ShapeTensor in, String name) {
        long[] x = rank(n, in, 4, "input");
        long[] k = n.intsAttr("kernel_shape");
        if (k == null || k.length != 2) {
            throw fail(n, "needs a 2-D kernel_shape");
        }
        long[] s = ints(n, "strides", new long[] {1, 1}, 2);
        long[] d = ints(n, "dilations", new long[] {1, 1}, 2);
        long[] pads = pads(n, x, k, s, d);
        boolean ceil = n.intAttr("ceil_mode", 0) != 0;
        long oh = outSize(x[2], k[0], s[0], pads[0], pads[2], d[0], ceil);
        long ow = outSize(x[3], k[1], s[1], pads[1], pads[3], d[1], ceil);
        if (oh < 1 || ow < 1) {
            throw fail(n, "kernel does not fit the padded input " + x[2] + "x" + x[3]);
        }
        long[] out = {x[0], x[1], oh, ow};
        if (d[0] != 1 || d[1] != 1) {
            return new ShapeResult(out, null, null, null, "dilated pooling");
        }
        PoolAlg alg = n.op().equals("MaxPool") ? PoolAlg.MAX
                : n.intAttr("count_include_pad", 0) != 0 ? PoolAlg.AVG_P : PoolAlg.AVG_NP;
        try { // top/left padding; the output size implies the bottom/right one (as for conv)
            return new ShapeResult(out, new PoolProblem(Precision.F32, alg, toInt(x[0]), toInt(x[1]), toInt(x[2]),
                    toInt(x[3]), toInt(oh), toInt(ow), toInt(k[0]), toInt(k[1]), toInt(s[0]), toInt(s[1]),
                    toInt(pads[0]), toInt(pads[1]), name), null, null, null);
        } catch (IllegalArgumentException e) {
            return new ShapeResult(out, null, null, null, e.getMessage());
        }
    }

    ShapeResult globalPool(NetNode n, ShapeTensor in, String name) {
        long[] x = rank(n, in, 4, "input");
        PoolAlg alg = n.op().equals("GlobalMaxPool") ? PoolAlg.MAX : PoolAlg.AVG_NP;
        long[] out = {x[0], x[1], 1, 1};
        return new ShapeResult(out, new PoolProblem(Precision.F32, alg, toInt(x[0]), toInt(x[1]), toInt(x[2]), toInt(x[3]),
                1, 1, toInt(x[2]), toInt(x[3]), 1, 1, 0, 0, name), null, null, null);
    }

    ShapeResult softmax(NetNode n, ShapeTensor in, String name) {
        long[] x = in.dims();
        long axis = n.intAttr("axis", opset >= 13 ? -1 : 1);
        if (axis < 0) {
            axis += x.length;
        }
        if (axis < 0 || axis >= x.length) {
            throw fail(n, "axis " + n.intAttr("axis", 0) + " outside a tensor of rank " + x.length);
        }
        Problem p = null;
        String note = null;
        boolean overChannels = axis == 1 && (x.length == 2 || (x.length == 4 && (opset >= 13
                || x[2] * x[3] == 1)));
        if (overChannels) {
            p = new SoftmaxProblem(Precision.F32, toInt(x[0]), toInt(x[1]), x.length == 4 ? toInt(x[2]) : 1,
                    x.length == 4 ? toInt(x[3]) : 1, name);
        } else {
            note = "softmax over axis " + axis + " of a rank-" + x.length + " tensor (opbench's is over channels)";
        }
        return new ShapeResult(x, p, null, null, note);
    }
}
