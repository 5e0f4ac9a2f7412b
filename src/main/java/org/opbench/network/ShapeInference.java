package org.opbench.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.DataType;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.SoftmaxProblem;

/**
 * Derives every node's output shape and, for conv, fc, pool and softmax nodes, the opbench problem they compute,
 * following the ONNX operator definitions. The same code serves built-in networks and imported ONNX files, so
 * their layer lists are comparable.
 *
 * <p>Mapping: {@code Conv} (2-D) is conv; {@code Gemm} and 2-D {@code MatMul} are fc, with {@code ic ih iw} the
 * dimensions before a {@code Flatten}/{@code Reshape} of a 4-D tensor; {@code MaxPool}, {@code AveragePool}
 * ({@code count_include_pad} 0 is {@code avg_np}, 1 {@code avg_p}), {@code GlobalAveragePool} and
 * {@code GlobalMaxPool} are pool, a ceil-mode size becoming opbench's ceil-mode output; {@code Softmax} over the
 * channels is softmax. Asymmetric padding that gives the same output as some symmetric padding is written with it
 * (the operation count depends only on the output size). Every other supported operator is a layer without a
 * problem and counts 0 operations.
 */
public final class ShapeInference {
    /** Operators whose output has the shape of their first input. */
    static final Set<String> SAME_SHAPE = Set.of("Relu", "Clip", "LeakyRelu", "PRelu", "Sigmoid", "Tanh",
            "HardSigmoid", "HardSwish", "Elu", "Selu", "Softplus", "Identity", "Dropout", "BatchNormalization", "LRN",
            "InstanceNormalization", "Neg", "Abs", "Exp", "Log", "Sqrt", "Reciprocal", "Erf", "Mish", "Gelu",
            "LogSoftmax", "Cast");
    /** Element-wise operators with multidirectional broadcasting. */
    static final Set<String> BROADCAST = Set.of("Add", "Sub", "Mul", "Div", "Sum", "Max", "Min", "Pow", "Mean");
    static final Set<String> OTHERS = Set.of("Conv", "Gemm", "MatMul", "MaxPool", "AveragePool", "GlobalAveragePool",
            "GlobalMaxPool", "Softmax", "Concat", "Flatten", "Reshape", "Squeeze", "Unsqueeze", "Transpose", "Shape",
            "Gather", "Pad");

    private final NetGraph graph;
    private final String source;
    private final int batch;
    private final Map<String, Tensor> tensors = new HashMap<>();

    /** What is known about a tensor: its dimensions, the 4-D shape it was flattened from, constant integers. */
    private record Tensor(long[] dims, long[] flatFrom, long[] ints, String producer, boolean param, boolean counted) {
        long elements() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    private ShapeInference(NetGraph graph, String source, int batch) {
        this.graph = graph;
        this.source = source;
        this.batch = batch;
    }

    /** Supported ONNX operators (default domain). */
    public static Set<String> supportedOps() {
        Set<String> all = new TreeSet<>(SAME_SHAPE);
        all.addAll(BROADCAST);
        all.addAll(OTHERS);
        return all;
    }

    /**
     * The layers of {@code graph} at {@code batch}.
     *
     * @param source the file or name errors are reported against
     * @throws ModelException naming the node and the reason when a node cannot be understood
     */
    public static NetLayers infer(NetGraph graph, int batch, String source) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive");
        }
        return new ShapeInference(graph, source, batch).run();
    }

    private NetLayers run() {
        long[] in = graph.inputDims();
        tensors.put(graph.input(), new Tensor(new long[] {batch, in[0], in[1], in[2]}, null, null, null, false, false));
        graph.params().forEach((name, p) -> tensors.put(name, new Tensor(p.dims(), null, p.intValues(), null, true, p.counted())));
        List<NetLayer> layers = new ArrayList<>();
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            for (String input : graph.nodes().get(i).inputs()) {
                lastUse.put(input, i);
            }
        }
        for (String out : graph.outputs()) {
            lastUse.put(out, Integer.MAX_VALUE);
        }
        Map<String, Long> live = new LinkedHashMap<>();
        live.put(graph.input(), 4 * product(tensors.get(graph.input()).dims()));
        long peak = live.get(graph.input());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            NetNode node = graph.nodes().get(i);
            String layerName = uniqueName(printable(node.name().isEmpty() ? node.output() : node.name()), names);
            NetLayer layer = node(i, node, layerName);
            layers.add(layer);
            long now = 0;
            for (String out : node.outputs()) {
                Tensor t = tensors.get(out);
                if (t != null && !t.param() && t.ints() == null) {
                    live.put(out, 4 * t.elements());
                }
            }
            for (long v : live.values()) {
                now += v;
            }
            peak = Math.max(peak, now);
            final int at = i;
            live.keySet().removeIf(name -> lastUse.getOrDefault(name, -1) <= at);
        }
        Map<String, long[]> outDims = new LinkedHashMap<>();
        for (String out : graph.outputs()) {
            Tensor t = tensors.get(out);
            if (t == null) {
                throw new ModelException(source, "graph output '" + out + "' is produced by no node");
            }
            outDims.put(out, t.dims());
        }
        return new NetLayers(graph.name(), batch, layers, outDims, peak);
    }

    private static String uniqueName(String name, java.util.Set<String> taken) {
        String n = name.isEmpty() ? "layer" : name;
        String candidate = n;
        for (int k = 2; !taken.add(candidate); k++) {
            candidate = n + "#" + k;
        }
        return candidate;
    }

    /** A node name as an opbench layer name: printable ASCII without quotes, at most 200 characters. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            b.append(c < 0x20 || c > 0x7e || c == '"' ? '_' : c);
        }
        return b.length() > 200 ? b.substring(0, 200) : b.toString();
    }

    private NetLayer node(int index, NetNode n, String layerName) {
        if (n.outputs().isEmpty()) {
            throw fail(n, "has no output");
        }
        List<Tensor> ins = new ArrayList<>();
        List<String> producers = new ArrayList<>();
        for (String input : n.inputs()) {
            if (input.isEmpty()) {
                ins.add(null); // omitted optional input
                continue;
            }
            Tensor t = tensors.get(input);
            if (t == null) {
                throw fail(n, "input '" + input + "' is neither a graph input, an initializer nor the output of an "
                        + "earlier node (missing initializer, or nodes out of topological order)");
            }
            ins.add(t);
            if (t.producer() != null && !producers.contains(t.producer())) {
                producers.add(t.producer());
            }
        }
        if (ins.isEmpty() || ins.get(0) == null) {
            throw fail(n, "has no first input");
        }
        Result r = compute(n, ins, layerName);
        tensors.put(n.output(), new Tensor(r.dims, r.flatFrom, r.ints, layerName, false, false));
        for (int k = 1; k < n.outputs().size(); k++) {
            if (!n.outputs().get(k).isEmpty()) { // e.g. Dropout's mask, BatchNormalization's training outputs
                tensors.put(n.outputs().get(k), new Tensor(r.dims, null, null, layerName, false, false));
            }
        }
        long params = 0;
        for (Tensor t : ins) {
            if (t != null && t.counted()) {
                params += t.elements();
            }
        }
        Problem p = r.problem;
        return new NetLayer(index, layerName, n.op(), p, r.dims, p == null ? 0 : p.flops(), params, producers, r.note);
    }

    private record Result(long[] dims, Problem problem, long[] flatFrom, long[] ints, String note) {
        static Result of(long[] dims) {
            return new Result(dims, null, null, null, null);
        }
    }

    private Result compute(NetNode n, List<Tensor> ins, String name) {
        Tensor x = ins.get(0);
        String op = n.op();
        if (SAME_SHAPE.contains(op)) {
            return new Result(x.dims(), null, x.flatFrom(), op.equals("Cast") || op.equals("Identity") ? x.ints() : null,
                    null);
        }
        if (BROADCAST.contains(op)) {
            long[] dims = x.dims();
            for (int i = 1; i < ins.size(); i++) {
                if (ins.get(i) != null) {
                    dims = broadcast(n, dims, ins.get(i).dims());
                }
            }
            return Result.of(dims);
        }
        return switch (op) {
            case "Conv" -> conv(n, ins, name);
            case "Gemm", "MatMul" -> fc(n, ins, name);
            case "MaxPool", "AveragePool" -> pool(n, x, name);
            case "GlobalAveragePool", "GlobalMaxPool" -> globalPool(n, x, name);
            case "Softmax" -> softmax(n, x, name);
            case "Concat" -> concat(n, ins);
            case "Flatten" -> flatten(n, x);
            case "Reshape" -> reshape(n, x, ins);
            case "Squeeze", "Unsqueeze" -> squeeze(n, x, ins, op.equals("Unsqueeze"));
            case "Transpose" -> transpose(n, x);
            case "Shape" -> new Result(new long[] {x.dims().length}, null, null, x.dims(), null);
            case "Gather" -> gather(n, x, ins);
            case "Pad" -> pad(n, x, ins);
            default -> throw fail(n, "operator " + op + " is not supported by opbench's layer reader (supported: "
                    + String.join(", ", supportedOps()) + ")");
        };
    }

    private Result conv(NetNode n, List<Tensor> ins, String name) {
        long[] x = rank(n, ins.get(0), 4, "input");
        Tensor wt = ins.size() > 1 ? ins.get(1) : null;
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
        Integer ph = symmetricPad(x[2], k[0], s[0], d[0], pads[0], pads[2], oh);
        Integer pw = symmetricPad(x[3], k[1], s[1], d[1], pads[1], pads[3], ow);
        if (ph == null || pw == null) {
            return new Result(out, null, null, null, "padding " + Arrays.toString(pads)
                    + " has no symmetric equivalent with the same output size");
        }
        try {
            Problem p = new ConvProblem(DataType.F32, toInt(x[0]), toInt(g), toInt(x[1]), toInt(x[2]), toInt(x[3]),
                    toInt(w[0]), toInt(oh), toInt(ow), toInt(k[0]), toInt(k[1]), toInt(s[0]), toInt(s[1]), ph, pw,
                    toInt(d[0] - 1), toInt(d[1] - 1), name);
            return new Result(out, p, null, null, null);
        } catch (IllegalArgumentException e) {
            return new Result(out, null, null, null, e.getMessage());
        }
    }

    /** The symmetric padding giving output {@code out} (begin/end first), or null. */
    private static Integer symmetricPad(long in, long k, long s, long d, long begin, long end, long out) {
        long lo = Math.min(begin, end);
        long hi = Math.max(begin, end);
        for (long p : new long[] {begin, end}) {
            if (outSize(in, k, s, p, p, d, false) == out) {
                return (int) p;
            }
        }
        for (long p = lo; p <= hi; p++) {
            if (outSize(in, k, s, p, p, d, false) == out) {
                return (int) p;
            }
        }
        return null;
    }

    private Result fc(NetNode n, List<Tensor> ins, String name) {
        Tensor a = ins.get(0);
        Tensor b = ins.size() > 1 ? ins.get(1) : null;
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
            return new Result(out, null, null, null, transA ? "transposed input" : "B is not a constant weight matrix");
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
            return new Result(out, new FcProblem(DataType.F32, toInt(rows), ic, ih, iw, toInt(cols), name), null, null,
                    null);
        } catch (IllegalArgumentException e) {
            return new Result(out, null, null, null, e.getMessage());
        }
    }

    private Result pool(NetNode n, Tensor in, String name) {
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
            return new Result(out, null, null, null, "dilated pooling");
        }
        PoolAlg alg = n.op().equals("MaxPool") ? PoolAlg.MAX
                : n.intAttr("count_include_pad", 0) != 0 ? PoolAlg.AVG_P : PoolAlg.AVG_NP;
        String why = null;
        for (long ph : new long[] {pads[0], pads[2]}) {
            for (long pw : new long[] {pads[1], pads[3]}) {
                try {
                    return new Result(out, new PoolProblem(DataType.F32, alg, toInt(x[0]), toInt(x[1]), toInt(x[2]),
                            toInt(x[3]), toInt(oh), toInt(ow), toInt(k[0]), toInt(k[1]), toInt(s[0]), toInt(s[1]),
                            toInt(ph), toInt(pw), name), null, null, null);
                } catch (IllegalArgumentException e) {
                    why = e.getMessage();
                }
            }
        }
        return new Result(out, null, null, null, why);
    }

    private Result globalPool(NetNode n, Tensor in, String name) {
        long[] x = rank(n, in, 4, "input");
        PoolAlg alg = n.op().equals("GlobalMaxPool") ? PoolAlg.MAX : PoolAlg.AVG_NP;
        long[] out = {x[0], x[1], 1, 1};
        return new Result(out, new PoolProblem(DataType.F32, alg, toInt(x[0]), toInt(x[1]), toInt(x[2]), toInt(x[3]),
                1, 1, toInt(x[2]), toInt(x[3]), 1, 1, 0, 0, name), null, null, null);
    }

    private Result softmax(NetNode n, Tensor in, String name) {
        long[] x = in.dims();
        long axis = n.intAttr("axis", graph.opset() >= 13 ? -1 : 1);
        if (axis < 0) {
            axis += x.length;
        }
        if (axis < 0 || axis >= x.length) {
            throw fail(n, "axis " + n.intAttr("axis", 0) + " outside a tensor of rank " + x.length);
        }
        Problem p = null;
        String note = null;
        boolean overChannels = axis == 1 && (x.length == 2 || (x.length == 4 && (graph.opset() >= 13
                || x[2] * x[3] == 1)));
        if (overChannels) {
            p = new SoftmaxProblem(DataType.F32, toInt(x[0]), toInt(x[1]), x.length == 4 ? toInt(x[2]) : 1,
                    x.length == 4 ? toInt(x[3]) : 1, name);
        } else {
            note = "softmax over axis " + axis + " of a rank-" + x.length + " tensor (opbench's is over channels)";
        }
        return new Result(x, p, null, null, note);
    }

    private Result concat(NetNode n, List<Tensor> ins) {
        long[] first = ins.get(0).dims();
        long axis = n.intAttr("axis", Long.MIN_VALUE);
        if (axis == Long.MIN_VALUE) {
            throw fail(n, "needs an axis");
        }
        if (axis < 0) {
            axis += first.length;
        }
        if (axis < 0 || axis >= first.length) {
            throw fail(n, "axis outside a tensor of rank " + first.length);
        }
        long[] out = first.clone();
        out[(int) axis] = 0;
        boolean constant = true;
        List<Long> values = new ArrayList<>();
        for (Tensor t : ins) {
            if (t == null) {
                continue;
            }
            long[] d = t.dims();
            if (d.length != first.length) {
                throw fail(n, "inputs of different rank");
            }
            for (int i = 0; i < d.length; i++) {
                if (i != axis && d[i] != first[i]) {
                    throw fail(n, "inputs differ outside the concatenation axis: " + Arrays.toString(first) + " and "
                            + Arrays.toString(d));
                }
            }
            out[(int) axis] += d[(int) axis];
            if (t.ints() == null) {
                constant = false;
            } else {
                for (long v : t.ints()) {
                    values.add(v);
                }
            }
        }
        long[] ints = constant ? values.stream().mapToLong(Long::longValue).toArray() : null;
        return new Result(out, null, null, ints, null);
    }

    private Result flatten(NetNode n, Tensor in) {
        long[] x = in.dims();
        long axis = n.intAttr("axis", 1);
        if (axis < 0) {
            axis += x.length;
        }
        if (axis < 0 || axis > x.length) {
            throw fail(n, "axis outside a tensor of rank " + x.length);
        }
        long a = 1;
        long b = 1;
        for (int i = 0; i < x.length; i++) {
            if (i < axis) {
                a *= x[i];
            } else {
                b *= x[i];
            }
        }
        return new Result(new long[] {a, b}, null, axis == 1 && x.length == 4 ? x : in.flatFrom(), null, null);
    }

    private Result reshape(NetNode n, Tensor in, List<Tensor> ins) {
        Tensor shapeT = ins.size() > 1 ? ins.get(1) : null;
        long[] shape = shapeT != null ? shapeT.ints() : n.intsAttr("shape");
        if (shape == null) {
            throw fail(n, "target shape is not a constant opbench can read");
        }
        long[] x = in.dims();
        boolean allowZero = n.intAttr("allowzero", 0) != 0;
        long[] out = shape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (i >= x.length) {
                    throw fail(n, "shape " + Arrays.toString(shape) + " copies a dimension the input lacks");
                }
                out[i] = x[i];
            }
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw fail(n, "shape " + Arrays.toString(shape) + " has two -1");
                }
                infer = i;
            } else {
                known *= out[i];
            }
        }
        long total = product(x);
        if (infer >= 0) {
            if (known == 0 || total % known != 0) {
                throw fail(n, "cannot reshape " + Arrays.toString(x) + " to " + Arrays.toString(shape));
            }
            out[infer] = total / known;
        } else if (known != total) {
            throw fail(n, "cannot reshape " + Arrays.toString(x) + " (" + total + " values) to "
                    + Arrays.toString(shape));
        }
        long[] from = out.length == 2 && x.length == 4 && out[0] == x[0] ? x : null;
        return new Result(out, null, from, null, null);
    }

    private Result squeeze(NetNode n, Tensor in, List<Tensor> ins, boolean unsqueeze) {
        long[] x = in.dims();
        long[] axes = ins.size() > 1 && ins.get(1) != null ? ins.get(1).ints() : n.intsAttr("axes");
        if (ins.size() > 1 && ins.get(1) != null && axes == null) {
            throw fail(n, "axes are not a constant opbench can read");
        }
        List<Long> out = new ArrayList<>();
        if (unsqueeze) {
            if (axes == null) {
                throw fail(n, "needs axes");
            }
            int rank = x.length + axes.length;
            boolean[] inserted = new boolean[rank];
            for (long a : axes) {
                inserted[(int) (a < 0 ? a + rank : a)] = true;
            }
            int j = 0;
            for (int i = 0; i < rank; i++) {
                out.add(inserted[i] ? 1L : x[j++]);
            }
        } else {
            boolean[] drop = new boolean[x.length];
            for (int i = 0; i < x.length; i++) {
                drop[i] = axes == null && x[i] == 1;
            }
            if (axes != null) {
                for (long a : axes) {
                    drop[(int) (a < 0 ? a + x.length : a)] = true;
                }
            }
            for (int i = 0; i < x.length; i++) {
                if (!drop[i]) {
                    out.add(x[i]);
                }
            }
        }
        long[] dims = out.stream().mapToLong(Long::longValue).toArray();
        long[] from = dims.length == 2 && x.length == 4 ? x : in.flatFrom();
        return new Result(dims, null, from, in.ints(), null);
    }

    private Result transpose(NetNode n, Tensor in) {
        long[] x = in.dims();
        long[] perm = n.intsAttr("perm");
        long[] out = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[perm == null ? x.length - 1 - i : (int) perm[i]];
        }
        return Result.of(out);
    }

    private Result gather(NetNode n, Tensor data, List<Tensor> ins) {
        Tensor idx = ins.size() > 1 ? ins.get(1) : null;
        if (data.ints() == null || idx == null || idx.ints() == null || n.intAttr("axis", 0) != 0) {
            throw fail(n, "Gather is supported only on constant shape vectors (as in a flatten computed from Shape)");
        }
        long[] v = data.ints();
        long[] ix = idx.ints();
        long[] out = new long[ix.length];
        for (int i = 0; i < ix.length; i++) {
            out[i] = v[(int) (ix[i] < 0 ? ix[i] + v.length : ix[i])];
        }
        return new Result(idx.dims().length == 0 ? new long[0] : new long[] {out.length}, null, null, out, null);
    }

    private Result pad(NetNode n, Tensor in, List<Tensor> ins) {
        long[] x = in.dims();
        long[] pads = ins.size() > 1 && ins.get(1) != null ? ins.get(1).ints() : n.intsAttr("pads");
        if (pads == null || pads.length != 2 * x.length) {
            throw fail(n, "pads are not a constant of length " + 2 * x.length);
        }
        long[] out = x.clone();
        for (int i = 0; i < x.length; i++) {
            out[i] += pads[i] + pads[i + x.length];
        }
        return Result.of(out);
    }

    /** ONNX pads {@code [top, left, bottom, right]} after {@code auto_pad}. */
    private long[] pads(NetNode n, long[] x, long[] k, long[] s, long[] d) {
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

    /**
     * ONNX output size; in ceil mode a window that would start in the end padding is dropped (ONNX Runtime and
     * PyTorch).
     */
    public static long outSize(long in, long k, long s, long begin, long end, long d, boolean ceil) {
        long span = in + begin + end - ((k - 1) * d + 1);
        if (span < 0) {
            return 0;
        }
        long out = (ceil ? (span + s - 1) / s : span / s) + 1;
        if (ceil && (out - 1) * s >= in + begin) {
            out--;
        }
        return out;
    }

    private long[] ints(NetNode n, String key, long[] dflt, int length) {
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

    private long[] rank(NetNode n, Tensor t, int rank, String what) {
        if (t.dims().length != rank) {
            throw fail(n, what + " has shape " + Arrays.toString(t.dims()) + ", expected rank " + rank);
        }
        return t.dims();
    }

    private long[] broadcast(NetNode n, long[] a, long[] b) {
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

    private int toInt(long v) {
        if (v > Integer.MAX_VALUE) {
            throw new ModelException(source, "size " + v + " exceeds 2^31");
        }
        return (int) v;
    }

    private static long product(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    private ModelException fail(NetNode n, String why) {
        return new ModelException(source, String.format(Locale.ROOT, "node '%s' (%s): %s", printable(n.name()),
                n.op(), why));
    }
}
