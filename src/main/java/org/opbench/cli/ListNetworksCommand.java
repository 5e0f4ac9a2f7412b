package org.opbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.models.BuiltinNetwork;
import org.opbench.network.models.Networks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opbench list networks}: the built-in networks with parameters, GFLOPs per image and top-1 accuracy. */
@Command(name = "networks", mixinStandardHelpOptions = true,
        description = "The built-in networks: input, layers, parameters, GFLOPs per image and, where published, "
                + "ImageNet top-1 accuracy with its source.")
final class ListNetworksCommand implements Runnable {
    @Mixin
    ListFormat format;

    @Override
    public void run() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (BuiltinNetwork n : Networks.all()) {
            NetGraph g = n.build();
            NetLayers l = ShapeInference.infer(g, 1, n.name());
            long[] in = g.inputDims();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.name());
            m.put("input", in[0] + "x" + in[1] + "x" + in[2]);
            m.put("nodes", l.layers().size());
            m.put("params", g.parameterCount());
            m.put("gflops", l.flops() / 1e9);
            m.put("top1", n.top1());
            m.put("top1_source", n.top1Source());
            rows.add(m);
        }
        if (format.printedAsJson(rows)) {
            return;
        }
        PrintWriter out = format.out();
        Table t = new Table(List.of("network", "input", "nodes", "params (M)", "GFLOPs/image", "top-1 %"),
                false, false, true, true, true, true);
        for (Map<String, Object> m : rows) {
            t.row(List.of((String) m.get("name"), (String) m.get("input"), m.get("nodes").toString(),
                    Format.num((Long) m.get("params") / 1e6, 2), Format.num((Double) m.get("gflops"), 3),
                    m.get("top1") == null ? "-" : m.get("top1").toString()));
        }
        t.print(out, Table.terminalWidth(), 1);
        Table.printWrapped(out, "GFLOPs = 2 x multiply-adds of conv and fc plus pooling and softmax operations per image"
                + " (the sum of the layer records); parameters = every weight, bias and batch-norm value of the ONNX"
                + " model.", Table.terminalWidth());
        out.println("Top-1 sources (ImageNet-1k validation, single crop):");
        for (Map<String, Object> m : rows) {
            if (m.get("top1") != null) {
                Table.printWrapped(out, "  " + m.get("name") + ": " + m.get("top1_source"), Table.terminalWidth());
            }
        }
        out.flush();
    }
}
