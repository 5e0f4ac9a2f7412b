package org.opbench.network.models;

import java.util.function.Supplier;
import org.opbench.network.NetGraph;
import org.opbench.network.ShapeInference;
import org.opbench.network.ShapeSetText;

/**
 * A network opbench defines itself: the graph (from which its ONNX model, its layer list and its shape-set file
 * {@code tensors/<name>.txt} are all generated), the shape set's header comment and {@code @published} figure,
 * and its published ImageNet top-1 accuracy where there is one.
 *
 * @param name          e.g. {@code mobilenet-v1-1.0-224}
 * @param comments      the shape-set file's header comment lines, each starting with {@code #}
 * @param published     the argument of the file's {@code @published} directive (GFLOPs, optional tolerance, source)
 * @param top1          published ImageNet-1k top-1 accuracy in percent, or null
 * @param top1Source    where that figure comes from and how it was measured
 * @param graph         builds the graph
 */
public record BuiltinNetwork(String name, String comments, String published, Double top1, String top1Source,
                             Supplier<NetGraph> graph) {
    public NetGraph build() {
        return graph.get();
    }

    /** The shape-set file {@code tensors/<name>.txt}: the header comments and directives, then the layers at batch 1. */
    public String shapeSetFile() {
        NetGraph g = build();
        long[] in = g.inputDims();
        String header = comments + "@network " + name + "\n@published " + published + "\n@input " + in[0] + "x" + in[1]
                + "x" + in[2] + "\n\n";
        return ShapeSetText.file(header, ShapeInference.infer(g, 1, name));
    }
}
