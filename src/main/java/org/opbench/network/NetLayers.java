package org.opbench.network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layers of a network at one batch size, as {@link ShapeInference} derived them.
 *
 * @param model  network name
 * @param batch  batch size
 * @param layers every node, in topological order
 * @param outputDims dimensions of each graph output, by name
 * @param peakActivationBytes the most fp32 activation bytes alive at once when the nodes run in order and each
 *                   tensor is freed after its last reader (a lower bound of what a framework needs)
 */
public record NetLayers(String model, int batch, List<NetLayer> layers, Map<String, long[]> outputDims,
                        long peakActivationBytes) {
    public NetLayers {
        layers = List.copyOf(layers);
        outputDims = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outputDims));
    }

    /**
     * Sum of the layers' operation counts: the network's total at this batch (a lower bound when
     * {@link #withoutFlops()} is not 0).
     */
    public long flops() {
        return layers.stream().filter(NetLayer::counted).mapToLong(NetLayer::flops).sum();
    }

    /** Number of layers whose operation count is unknown (an operator opbench has no shape rule for, or after one). */
    public int withoutFlops() {
        return (int) layers.stream().filter(l -> !l.counted()).count();
    }

    /** {@code "N of M layers without counts"} when some layer has no count, else null. */
    public String flopsCaveat() {
        int n = withoutFlops();
        return n == 0 ? null : n + " of " + layers.size() + " layers without counts";
    }

    public NetLayer get(String name) {
        for (NetLayer l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
        }
        return null;
    }

    /** Layers by name. */
    public Map<String, NetLayer> byName() {
        Map<String, NetLayer> m = new LinkedHashMap<>();
        layers.forEach(l -> m.put(l.name(), l));
        return m;
    }
}
