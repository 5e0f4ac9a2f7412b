package org.opbench.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.opbench.problem.Problem;

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
            "Gather", "Pad", "ConvTranspose", "Resize", "Upsample", "Slice", "Split", "ReduceMean", "ReduceSum",
            "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL2", "ReduceSumSquare");

    private final NetGraph graph;
    private final String source;
    private final int batch;
    private final Map<String, ShapeTensor> tensors = new HashMap<>();
    private final ShapeRules rules;
    private final ComputeShapes computeShapes;
    private final LayoutShapes layoutShapes;

    private ShapeInference(NetGraph graph, String source, int batch) {
        this.graph = graph;
        this.source = source;
        this.batch = batch;
        this.rules = new ShapeRules(source, graph.opset());
        this.computeShapes = new ComputeShapes(source, graph.opset());
        this.layoutShapes = new LayoutShapes(source, graph.opset());
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
        tensors.put(graph.input(), new ShapeTensor(new long[] {batch, in[0], in[1], in[2]}, null, null, null, false, false));
        graph.params().forEach((name, p) -> tensors.put(name, new ShapeTensor(p.dims(), null, p.intValues(), null, true,
                p.counted(), p.floatValues())));
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
        live.put(graph.input(), 4 * ShapeRules.product(tensors.get(graph.input()).dims()));
        long peak = live.get(graph.input());
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            NetNode node = graph.nodes().get(i);
            String layerName = uniqueName(printable(node.name().isEmpty() ? node.output() : node.name()), names);
            NetLayer layer = node(i, node, layerName);
            layers.add(layer);
            long now = 0;
            for (String out : node.outputs()) {
                ShapeTensor t = tensors.get(out);
                if (t != null && t.known() && !t.param() && t.ints() == null) {
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
            ShapeTensor t = tensors.get(out);
            if (t == null) {
                throw new ModelException(source, "graph output '" + out + "' is produced by no node");
            }
            outDims.put(out, t.dims()); // null when unknown
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
            throw rules.fail(n, "has no output");
        }
        List<ShapeTensor> ins = new ArrayList<>();
        List<String> producers = new ArrayList<>();
        for (String input : n.inputs()) {
            if (input.isEmpty()) {
                ins.add(null); // omitted optional input
                continue;
            }
            ShapeTensor t = tensors.get(input);
            if (t == null) {
                throw rules.fail(n, "input '" + input + "' is neither a graph input, an initializer nor the output of an "
                        + "earlier node (missing initializer, or nodes out of topological order)");
            }
            ins.add(t);
            if (t.producer() != null && !producers.contains(t.producer())) {
                producers.add(t.producer());
            }
        }
        if (ins.isEmpty() || ins.get(0) == null) {
            throw rules.fail(n, "has no first input");
        }
        ShapeResult r = null;
        for (int k = 0; k < ins.size() && r == null; k++) {
            if (ins.get(k) != null && !ins.get(k).known()) {
                r = ShapeResult.unknown("input '" + n.inputs().get(k) + "' has an unknown shape (from layer '"
                        + ins.get(k).producer() + "')");
            }
        }
        if (r == null && !supportedOps().contains(n.op())) {
            r = ShapeResult.unknown("operator " + n.op() + " has no shape rule in opbench: its output shape and "
                    + "operation count are unknown");
        }
        if (r == null) {
            r = compute(n, ins, layerName);
        }
        tensors.put(n.output(), new ShapeTensor(r.dims(), r.flatFrom(), r.ints(), layerName, false, false,
                passesValues(n.op()) ? ins.get(0).floats() : null));
        for (int k = 1; k < n.outputs().size(); k++) {
            if (!n.outputs().get(k).isEmpty()) { // e.g. Dropout's mask, BatchNormalization's training outputs
                long[] dims = r.moreDims() != null && k - 1 < r.moreDims().length ? r.moreDims()[k - 1] : r.dims();
                tensors.put(n.outputs().get(k), new ShapeTensor(dims, null, null, layerName, false, false));
            }
        }
        long params = 0;
        for (ShapeTensor t : ins) {
            if (t != null && t.counted()) {
                params += t.elements();
            }
        }
        Problem p = r.problem();
        Long flops = r.dims() == null ? null : p != null ? Long.valueOf(p.flops()) : r.flops() != null ? r.flops() : 0L;
        return new NetLayer(index, layerName, n.op(), p, r.dims(), flops, params, producers, r.note());
    }

    /** Operators whose output holds their input's values (constant folding passes through them). */
    private static boolean passesValues(String op) {
        return op.equals("Cast") || op.equals("Identity");
    }

    private ShapeResult compute(NetNode n, List<ShapeTensor> ins, String name) {
        ShapeTensor x = ins.get(0);
        String op = n.op();
        if (SAME_SHAPE.contains(op)) {
            return new ShapeResult(x.dims(), null, x.flatFrom(), passesValues(op) ? x.ints() : null, null);
        }
        if (BROADCAST.contains(op)) {
            long[] dims = x.dims();
            for (int i = 1; i < ins.size(); i++) {
                if (ins.get(i) != null) {
                    dims = rules.broadcast(n, dims, ins.get(i).dims());
                }
            }
            return ShapeResult.of(dims);
        }
        return switch (op) {
            case "Conv" -> computeShapes.conv(n, ins, name);
            case "Gemm" -> computeShapes.fc(n, ins, name);
            case "MatMul" -> computeShapes.matmul(n, ins, name);
            case "MaxPool", "AveragePool" -> computeShapes.pool(n, x, name);
            case "GlobalAveragePool", "GlobalMaxPool" -> computeShapes.globalPool(n, x, name);
            case "Softmax" -> computeShapes.softmax(n, x, name);
            case "Concat" -> layoutShapes.concat(n, ins);
            case "Flatten" -> layoutShapes.flatten(n, x);
            case "Reshape" -> layoutShapes.reshape(n, x, ins);
            case "Squeeze", "Unsqueeze" -> layoutShapes.squeeze(n, x, ins, op.equals("Unsqueeze"));
            case "Transpose" -> layoutShapes.transpose(n, x);
            case "Shape" -> new ShapeResult(new long[] {x.dims().length}, null, null, x.dims(), null);
            case "Gather" -> layoutShapes.gather(n, x, ins);
            case "Pad" -> layoutShapes.pad(n, x, ins);
            case "ConvTranspose" -> computeShapes.convTranspose(n, ins);
            case "Resize", "Upsample" -> layoutShapes.resize(n, x, ins);
            case "Slice" -> layoutShapes.slice(n, x, ins);
            case "Split" -> layoutShapes.split(n, x, ins);
            case "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL2", "ReduceSumSquare" ->
                    layoutShapes.reduce(n, x, ins);
            default -> throw rules.fail(n, "operator " + op + " is not supported by opbench's layer reader (supported: "
                    + String.join(", ", supportedOps()) + ")");
        };
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

}
