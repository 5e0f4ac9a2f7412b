package org.opbench.network;

import java.util.List;
import org.opbench.problem.Problem;

/**
 * One node of a network with what shape inference found: its output dimensions (batch included), the opbench
 * problem it maps to (conv, fc, pool, softmax; null for every other operator), its operation count and parameters.
 *
 * @param index     position in the network's topological order
 * @param name      layer name (the node name, made printable)
 * @param onnxOp    the ONNX operator type
 * @param problem   the operator descriptor, at the inferred batch, named after the layer; null when none applies
 * @param outDims   dimensions of the first output, null when unknown (an operator without a shape rule upstream)
 * @param flops     {@link Problem#flops()} of the problem; for a deconvolution or a batched matrix product without
 *                  an opbench problem their count; 0 for element-wise and layout layers (ReLU, add, concat, ...);
 *                  null when unknown ({@code note} says why)
 * @param params    parameter values the node reads (weights, bias, batch-norm vectors)
 * @param producers names of the layers whose outputs this one reads
 * @param note      why a compute layer has no problem (e.g. a padding opbench's descriptors cannot express), else null
 */
public record NetLayer(int index, String name, String onnxOp, Problem problem, long[] outDims, Long flops, long params,
                       List<String> producers, String note) {
    public NetLayer {
        outDims = outDims == null ? null : outDims.clone();
        producers = List.copyOf(producers);
    }

    /** The opbench operator ({@code conv}, {@code fc}, {@code pool}, {@code softmax}) or else the ONNX type. */
    public String op() {
        return problem != null ? problem.op().id() : onnxOp;
    }

    @Override
    public long[] outDims() {
        return outDims == null ? null : outDims.clone();
    }

    /** Whether the operation count is known. */
    public boolean counted() {
        return flops != null;
    }
}
