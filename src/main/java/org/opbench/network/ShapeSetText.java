package org.opbench.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.problem.Layer;
import org.opbench.problem.Op;

/**
 * A network's shape set (the format of {@code tensors/*.txt}): its conv, fc and pool layers at batch 1 in network
 * order, identical layers (same operator and descriptor, adjacent or not) collapsed into the line of their first
 * occurrence with {@code repeat=N} and the other names after {@code # also:}. Softmax, activations, batch norm,
 * LRN, concat and add are not listed, as in the published per-layer tables the sets are checked against.
 */
public final class ShapeSetText {
    private ShapeSetText() {
    }

    /** One collapsed line: the first layer of its shape, how many there are, and the names of the others. */
    public record Line(NetLayer first, int repeat, List<String> also) {
        public String text() {
            String s = first.problem().op().id() + " " + first.problem();
            if (repeat > 1) {
                s += " repeat=" + repeat + " # also: " + String.join(", ", also);
            }
            return s;
        }
    }

    /** The collapsed lines of {@code layers} (any batch). */
    public static List<Line> lines(NetLayers layers) {
        Map<String, List<NetLayer>> groups = new LinkedHashMap<>();
        for (NetLayer l : layers.layers()) {
            if (l.problem() == null || l.problem().op() == Op.SOFTMAX) {
                continue;
            }
            groups.computeIfAbsent(l.problem().op().id() + " " + l.problem().descriptor(), k -> new ArrayList<>())
                    .add(l);
        }
        List<Line> out = new ArrayList<>();
        for (List<NetLayer> g : groups.values()) {
            out.add(new Line(g.get(0), g.size(), g.subList(1, g.size()).stream().map(NetLayer::name).toList()));
        }
        return out;
    }

    /** The collapsed lines as shape-set layers (problem, network, repeat), as a sweep would read them. */
    public static List<Layer> layers(NetLayers layers) {
        return lines(layers).stream().map(l -> new Layer(l.first().problem(), layers.model(), l.repeat())).toList();
    }

    /**
     * A shape-set file: {@code header} (its comment and directive lines, each ending in a newline, and the blank line
     * after them) followed by the collapsed lines of {@code layers}.
     */
    public static String file(String header, NetLayers layers) {
        StringBuilder b = new StringBuilder(header);
        for (Line l : lines(layers)) {
            b.append(l.text()).append('\n');
        }
        return b.toString();
    }

    /**
     * Comment lines on how much of the network's counted operations the listed layers hold, and which layers have no
     * count: {@code # 1234 layers, 4.1 GFLOPs counted; the conv/fc/pool lines below hold 3.9 (95.1%)}, then
     * {@code # 3 of 1234 layers without counts (first: 'name': why)} where some have none. Each line ends in a newline.
     */
    public static String coverage(NetLayers layers) {
        long swept = 0;
        for (NetLayer l : layers.layers()) {
            if (l.problem() != null && l.problem().op() != Op.SOFTMAX) {
                swept += l.problem().flops();
            }
        }
        long total = layers.flops();
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                "# %d layers, %.3f GFLOPs counted; the conv/fc/pool lines below hold %.3f (%.1f%%)%n",
                layers.layers().size(), total / 1e9, swept / 1e9, total > 0 ? 100.0 * swept / total : 0));
        String caveat = layers.flopsCaveat();
        if (caveat != null) {
            NetLayer first = layers.layers().stream().filter(l -> !l.counted()).findFirst().orElseThrow();
            b.append("# ").append(caveat).append(" (first: '").append(first.name()).append("': ").append(first.note())
                    .append(")\n");
        }
        return b.toString();
    }
}
