package org.opbench.network.tensorrt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opbench.backend.tensorrt.LayerProfiler;
import org.opbench.network.NetLayer;
import org.opbench.network.NetLayers;
import org.opbench.network.profile.KernelTiming;
import org.opbench.network.profile.LayerProfile;
import org.opbench.network.spi.NameResolver;

/**
 * Reads TensorRT's layer names (as its profiler and engine inspector report them, with
 * {@code ProfilingVerbosity::kDETAILED}) back to the network's layers. The ONNX parser names each TensorRT layer
 * after its ONNX node; the builder then names a fused layer after its parts:
 * <ul>
 *   <li>{@code conv1 + conv1/bn + relu1}: a convolution with its batch norm and activation;</li>
 *   <li>{@code PWN(PWN(add1), relu)}: a generated point-wise kernel over several element-wise nodes;</li>
 *   <li>{@code {ForeignNode[conv1...fc7]}}: a sub-graph compiled by Myelin, named by its first and last node;</li>
 *   <li>{@code Reformatting CopyNode for Input Tensor 0 to conv1} and {@code (Unnamed Layer* 12) [Shuffle]}: layers
 *       TensorRT inserted, which belong to no node.</li>
 * </ul>
 * A name's parts are resolved with {@link NameResolver}; the kernel is attributed to the first part that is not an
 * operator frameworks fuse into their producer (the convolution of {@code conv + bn + relu}), or else to the first
 * part found, and reported with that layer's ONNX operator, so that {@link LayerProfile#map} marks the other
 * fusible parts as fused into it. A name none of whose parts resolves is an inserted kernel.
 */
final class TrtLayerNames {
    private static final Pattern FOREIGN = Pattern.compile("^\\{ForeignNode\\[(.*)]}$");
    private static final Pattern UNNAMED = Pattern.compile("^\\(Unnamed Layer\\* \\d+\\) \\[(.+)]$");
    private static final Pattern SEPARATORS = Pattern.compile(" \\+ |\\.\\.\\.|, |PWN\\(|\\(|\\)");

    private TrtLayerNames() {
    }

    /** The candidate node names a TensorRT layer name is made of, in order; empty for an inserted layer. */
    static List<String> parts(String trtName) {
        String n = trtName.trim();
        if (n.startsWith("Reformatting CopyNode") || UNNAMED.matcher(n).matches()) {
            return List.of();
        }
        Matcher f = FOREIGN.matcher(n);
        if (f.matches()) {
            n = f.group(1);
        }
        List<String> parts = new ArrayList<>();
        for (String p : SEPARATORS.split(n)) {
            String t = p.trim();
            if (!t.isEmpty() && !parts.contains(t)) {
                parts.add(t);
            }
        }
        if (parts.isEmpty() || !parts.contains(n)) {
            parts.add(0, n); // the whole name first: node names may themselves contain the separators
        }
        return parts;
    }

    /** The framework operator shown for an inserted layer. */
    static String insertedOp(String trtName) {
        Matcher u = UNNAMED.matcher(trtName.trim());
        if (u.matches()) {
            return u.group(1);
        }
        return trtName.startsWith("Reformatting CopyNode") ? "Reformat" : "TensorRT";
    }

    /** One TensorRT layer's timing, attributed as the class documentation describes. */
    static KernelTiming timing(String trtName, double us, NameResolver names, Map<String, NetLayer> byName) {
        NetLayer first = null;
        for (String part : parts(trtName)) {
            String resolved = names.resolve(part);
            NetLayer l = resolved == null ? null : byName.get(resolved);
            if (l == null) {
                continue;
            }
            if (!LayerProfile.fusible(l.onnxOp())) {
                return new KernelTiming(trtName, l.onnxOp(), us, l.name());
            }
            if (first == null) {
                first = l;
            }
        }
        return first != null ? new KernelTiming(trtName, first.onnxOp(), us, first.name())
                : new KernelTiming(trtName, insertedOp(trtName), us, null);
    }

    /**
     * Each TensorRT layer's median time over the profiled runs (a layer reported several times in one run counts
     * once, with the sum), in the order of the first run.
     */
    static List<KernelTiming> medians(List<List<LayerProfiler.Report>> runs, NameResolver names, NetLayers layers) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (List<LayerProfiler.Report> run : runs) {
            Map<String, Double> sum = new LinkedHashMap<>();
            for (LayerProfiler.Report r : run) {
                sum.merge(r.layer(), r.ms() * 1000.0, Double::sum);
            }
            sum.forEach((k, v) -> times.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        Map<String, NetLayer> byName = layers.byName();
        List<KernelTiming> out = new ArrayList<>();
        times.forEach((name, list) -> out.add(timing(name, median(list), names, byName)));
        return out;
    }

    private static double median(List<Double> list) {
        double[] v = list.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }
}
