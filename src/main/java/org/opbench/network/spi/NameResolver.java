package org.opbench.network.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.NetNode;

/**
 * Finds the graph layer a framework's kernel name refers to: the node's name, or the name of a tensor it writes,
 * after removing what the framework adds (ONNX Runtime's {@code _nchwc} and {@code _token_N} suffixes,
 * OpenCV's {@code onnx_node!} prefix). Null when the name refers to no node (a kernel the framework inserted).
 */
public final class NameResolver {
    private static final Pattern TOKEN = Pattern.compile("_token_\\d+$");

    private final Map<String, String> names = new HashMap<>();

    public NameResolver(NetGraph graph, NetLayers layers) {
        for (int i = 0; i < graph.nodes().size(); i++) {
            NetNode n = graph.nodes().get(i);
            String layer = layers.layers().get(i).name();
            for (String out : n.outputs()) {
                names.putIfAbsent(out, layer);
            }
        }
        for (int i = 0; i < graph.nodes().size(); i++) { // node names win over tensor names
            names.put(graph.nodes().get(i).name(), layers.layers().get(i).name());
            names.put(layers.layers().get(i).name(), layers.layers().get(i).name());
        }
    }

    /** The layer a kernel name refers to, or null. */
    public String resolve(String kernelName) {
        String n = kernelName;
        for (int i = 0; i < 4 && n != null; i++) {
            String hit = names.get(n);
            if (hit != null) {
                return hit;
            }
            String next = TOKEN.matcher(n).replaceFirst("");
            if (next.endsWith("_nchwc")) {
                next = next.substring(0, next.length() - "_nchwc".length());
            }
            n = next.equals(n) ? null : next;
        }
        return null;
    }
}
