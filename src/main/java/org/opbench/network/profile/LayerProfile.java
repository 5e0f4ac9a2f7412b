package org.opbench.network.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opbench.network.NetLayer;
import org.opbench.network.NetLayers;

/**
 * Maps a framework's per-kernel times onto the network's layers.
 *
 * <ol>
 *   <li>A kernel whose name resolves to a layer of a compatible operator is that layer's kernel.</li>
 *   <li>A kernel that resolves to a layer of another operator (ONNX Runtime names a Conv fused with its batch norm
 *       and ReLU after the ReLU's output) belongs to the nearest ancestor of that layer with a compatible operator
 *       and no kernel of its own; the layers on the way there are fused into it.</li>
 *   <li>A kernel that resolves to no layer was inserted by the framework (layout reorders) and is kept as its own
 *       entry.</li>
 *   <li>A layer left without a kernel whose operator frameworks fuse into their producer (batch norm, activations,
 *       element-wise add, ...) is fused into its nearest ancestor that has a kernel; any other such layer (a
 *       Flatten done in place, a constant folded away) is reported as not executed.</li>
 * </ol>
 * A kernel with zero time is treated as absent (OpenCV reports layers it skipped after fusing them so).
 */
public final class LayerProfile {
    /** Operators a framework may fold into the kernel of the layer that produces their input. */
    static final Set<String> FUSIBLE = Set.of("BatchNormalization", "Relu", "Clip", "LeakyRelu", "PRelu", "Sigmoid",
            "Tanh", "HardSigmoid", "HardSwish", "Elu", "Selu", "Mish", "Gelu", "Add", "Sum", "Mul", "Identity",
            "Dropout");

    /** Framework operator names (ONNX Runtime, OpenCV) and the ONNX operators they stand for. */
    private static final Map<String, Set<String>> ALIASES = Map.ofEntries(
            Map.entry("FusedConv", Set.of("Conv")),
            Map.entry("NchwcConv", Set.of("Conv")),
            Map.entry("Convolution", Set.of("Conv")),
            Map.entry("FusedGemm", Set.of("Gemm", "MatMul")),
            Map.entry("InnerProduct", Set.of("Gemm", "MatMul")),
            Map.entry("MatMul", Set.of("Gemm", "MatMul")),
            Map.entry("Pooling", Set.of("MaxPool", "AveragePool", "GlobalAveragePool", "GlobalMaxPool")),
            Map.entry("BatchNorm", Set.of("BatchNormalization")),
            Map.entry("ReLU", Set.of("Relu")),
            Map.entry("ReLU6", Set.of("Clip")),
            Map.entry("Eltwise", Set.of("Add", "Sum", "Mul", "Max")),
            Map.entry("NaryEltwise", Set.of("Add", "Sum", "Mul", "Max", "Sub", "Div")));

    private LayerProfile() {
    }

    /** Whether frameworks fold an ONNX operator into the kernel of the layer that produces its input. */
    public static boolean fusible(String onnxOp) {
        return FUSIBLE.contains(onnxOp);
    }

    /** Whether a kernel of framework operator {@code kernelOp} can compute a node of ONNX operator {@code onnxOp}. */
    public static boolean compatible(String kernelOp, String onnxOp) {
        return kernelOp.equals(onnxOp) || ALIASES.getOrDefault(kernelOp, Set.of()).contains(onnxOp)
                || (kernelOp.equals("GlobalAveragePool") && onnxOp.equals("AveragePool"))
                || (kernelOp.equals("AveragePool") && onnxOp.equals("GlobalAveragePool"));
    }

    /** The layers in network order, then the inserted kernels, each with its time and fusion. */
    public static List<LayerTime> map(NetLayers layers, List<KernelTiming> kernels) {
        Map<String, NetLayer> byName = layers.byName();
        Map<String, List<KernelTiming>> hosted = new LinkedHashMap<>();
        Map<String, String> fusedInto = new HashMap<>();
        List<KernelTiming> inserted = new ArrayList<>();
        List<KernelTiming> pending = new ArrayList<>();
        for (KernelTiming k : kernels) {
            if (k.us() <= 0) {
                continue;
            }
            NetLayer l = k.layer() == null ? null : byName.get(k.layer());
            if (l == null) {
                inserted.add(k);
            } else if (compatible(k.op(), l.onnxOp())) {
                hosted.computeIfAbsent(l.name(), x -> new ArrayList<>()).add(k);
            } else {
                pending.add(k);
            }
        }
        for (KernelTiming k : pending) {
            NetLayer start = byName.get(k.layer());
            List<String> path = pathToHost(start, byName, hosted, k.op());
            if (path == null) {
                hosted.computeIfAbsent(start.name(), x -> new ArrayList<>()).add(k);
                continue;
            }
            String host = path.get(path.size() - 1);
            hosted.computeIfAbsent(host, x -> new ArrayList<>()).add(k);
            for (String p : path.subList(0, path.size() - 1)) {
                if (!hosted.containsKey(p)) {
                    fusedInto.putIfAbsent(p, host);
                }
            }
        }
        for (NetLayer l : layers.layers()) {
            if (!hosted.containsKey(l.name()) && !fusedInto.containsKey(l.name()) && FUSIBLE.contains(l.onnxOp())) {
                String host = nearestHost(l, byName, hosted);
                if (host != null) {
                    fusedInto.put(l.name(), host);
                }
            }
        }
        Map<String, List<String>> contains = new HashMap<>();
        for (NetLayer l : layers.layers()) { // network order for the lists
            String h = fusedInto.get(l.name());
            if (h != null) {
                contains.computeIfAbsent(h, x -> new ArrayList<>()).add(l.name());
            }
        }
        List<LayerTime> out = new ArrayList<>();
        for (NetLayer l : layers.layers()) {
            List<KernelTiming> ks = hosted.getOrDefault(l.name(), List.of());
            double us = ks.stream().mapToDouble(KernelTiming::us).sum();
            String op = ks.isEmpty() ? null : ks.get(0).op();
            String into = fusedInto.get(l.name());
            out.add(new LayerTime(l, l.name(), op, ks.stream().map(KernelTiming::name).toList(), us, into,
                    contains.getOrDefault(l.name(), List.of()), !ks.isEmpty() || into != null));
        }
        for (KernelTiming k : inserted) {
            out.add(new LayerTime(null, k.name(), k.op(), List.of(k.name()), k.us(), null, List.of(), true));
        }
        return out;
    }

    /**
     * Breadth-first over producers from {@code start} (inclusive) to the nearest layer of a compatible operator that
     * hosts no kernel yet; the path from start to it, or null. Layers that host a kernel are not passed through.
     */
    private static List<String> pathToHost(NetLayer start, Map<String, NetLayer> byName,
                                           Map<String, List<KernelTiming>> hosted, String kernelOp) {
        Map<String, String> parent = new HashMap<>();
        Deque<NetLayer> queue = new ArrayDeque<>();
        queue.add(start);
        parent.put(start.name(), null);
        while (!queue.isEmpty()) {
            NetLayer l = queue.removeFirst();
            if (l != start && hosted.containsKey(l.name())) {
                continue;
            }
            if (compatible(kernelOp, l.onnxOp()) && !hosted.containsKey(l.name())) {
                List<String> path = new ArrayList<>();
                for (String n = l.name(); n != null; n = parent.get(n)) {
                    path.add(0, n);
                }
                return path;
            }
            for (String p : l.producers()) {
                NetLayer pl = byName.get(p);
                if (pl != null && !parent.containsKey(p)) {
                    parent.put(p, l.name());
                    queue.addLast(pl);
                }
            }
        }
        return null;
    }

    /**
     * The layer whose kernel computed {@code start} along with its own: of the kernel-hosting layers reachable
     * through producers that are themselves fusible, the last in network order (an element-wise add of two branches
     * can only be folded into the kernel that computes the later of its inputs); null when there is none.
     */
    private static String nearestHost(NetLayer start, Map<String, NetLayer> byName,
                                      Map<String, List<KernelTiming>> hosted) {
        Deque<NetLayer> queue = new ArrayDeque<>(List.of(start));
        Set<String> seen = new java.util.HashSet<>(Set.of(start.name()));
        NetLayer best = null;
        while (!queue.isEmpty()) {
            NetLayer l = queue.removeFirst();
            for (String p : l.producers()) {
                NetLayer pl = byName.get(p);
                if (pl == null || !seen.add(p)) {
                    continue;
                }
                if (hosted.containsKey(p)) {
                    if (best == null || pl.index() > best.index()) {
                        best = pl;
                    }
                } else if (FUSIBLE.contains(pl.onnxOp())) {
                    queue.addLast(pl);
                }
            }
        }
        return best == null ? null : best.name();
    }
}
