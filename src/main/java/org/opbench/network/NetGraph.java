package org.opbench.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network as a graph of {@link NetNode}s in topological order, with one fp32 image input of
 * {@code N x channels x height x width} (N, the batch, free), the names of its outputs and its parameters.
 * Built-in networks ({@link org.opbench.network.models}) and imported ONNX files alike are this;
 * {@link ShapeInference} derives the layers, shapes and operator descriptors from it.
 *
 * @param name   network name (built-in name, or the file name without {@code .onnx})
 * @param input  name of the image input tensor
 * @param inputDims {@code channels, height, width}
 * @param nodes  nodes in topological order
 * @param outputs names of the graph outputs
 * @param params parameters by tensor name, in the order they were declared
 * @param opset  the default-domain ONNX opset the nodes follow (Softmax's default axis depends on it)
 */
public record NetGraph(String name, String input, long[] inputDims, List<NetNode> nodes, List<String> outputs,
                       Map<String, ParamSpec> params, int opset) {
    public NetGraph {
        inputDims = inputDims.clone();
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    @Override
    public long[] inputDims() {
        return inputDims.clone();
    }

    /**
     * Number of parameter values: every element of every weight-like initializer (batch-norm statistics included),
     * not counting scalars (a Clip's bounds) and integer tensors (a Reshape's target shape).
     */
    public long parameterCount() {
        return params.values().stream().filter(ParamSpec::counted).mapToLong(ParamSpec::elements).sum();
    }

    /**
     * A short digest of the structure (nodes, attributes, parameter shapes and how they are filled): two graphs
     * with the same digest export to the same ONNX file for the same seed.
     */
    public String digest() {
        StringBuilder b = new StringBuilder(name).append('|').append(opset).append('|').append(input).append(java.util.Arrays.toString(inputDims));
        nodes.forEach(n -> b.append('\n').append(n));
        params.forEach((k, v) -> b.append('\n').append(k).append(':').append(v));
        b.append('\n').append(outputs);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
