package org.opbench.network.models;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opbench.network.NetGraph;
import org.opbench.network.NetNode;
import org.opbench.network.ParamSpec;
import org.opbench.network.ShapeInference;

/**
 * Writes a network definition as ONNX-level nodes: each method adds one node named {@code name}, whose output
 * tensor has the same name, and returns that name. Parameters are named {@code <node>/W}, {@code <node>/B},
 * {@code <node>/scale} etc. and filled with seeded random values on export. The builder tracks shapes at batch 1
 * so that weights get their dimensions; {@link ShapeInference} checks the whole graph again.
 */
public final class GraphBuilder {
    /** Default-domain opset of built-in networks. */
    public static final int OPSET = 17;
    /** Name of the image input. */
    public static final String INPUT = "data";

    private final String name;
    private final long[] inputDims;
    private final List<NetNode> nodes = new ArrayList<>();
    private final Map<String, ParamSpec> params = new LinkedHashMap<>();
    private final Map<String, long[]> dims = new HashMap<>();

    public GraphBuilder(String name, int channels, int height, int width) {
        this.name = name;
        this.inputDims = new long[] {channels, height, width};
        dims.put(INPUT, new long[] {1, channels, height, width});
    }

    public String input() {
        return INPUT;
    }

    /** Channels of a 4-D tensor. */
    public int channels(String tensor) {
        return (int) shape(tensor)[1];
    }

    /** Height of a 4-D tensor. */
    public int height(String tensor) {
        return (int) shape(tensor)[2];
    }

    private long[] shape(String tensor) {
        long[] d = dims.get(tensor);
        if (d == null) {
            throw new IllegalArgumentException(name + ": no tensor named " + tensor);
        }
        return d;
    }

    /** Square-kernel convolution with bias. */
    public String conv(String node, String in, int oc, int k, int s, int p, int g) {
        return conv(node, in, oc, k, k, s, s, p, p, g, true);
    }

    /** Convolution with symmetric padding; {@code bias} false for convolutions followed by batch norm. */
    public String conv(String node, String in, int oc, int kh, int kw, int sh, int sw, int ph, int pw, int g,
                       boolean bias) {
        long[] x = shape(in);
        long ic = x[1];
        if (ic % g != 0 || oc % g != 0) {
            throw new IllegalArgumentException(node + ": channels not divisible by group " + g);
        }
        List<String> inputs = new ArrayList<>(List.of(in, param(node + "/W",
                ParamSpec.random(ParamSpec.Init.WEIGHT, oc, ic / g, kh, kw))));
        if (bias) {
            inputs.add(param(node + "/B", ParamSpec.random(ParamSpec.Init.BIAS, oc)));
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kernel_shape", new long[] {kh, kw});
        a.put("strides", new long[] {sh, sw});
        a.put("pads", new long[] {ph, pw, ph, pw});
        a.put("group", (long) g);
        long oh = ShapeInference.outSize(x[2], kh, sh, ph, ph, 1, false);
        long ow = ShapeInference.outSize(x[3], kw, sw, pw, pw, 1, false);
        return add(node, "Conv", inputs, a, new long[] {x[0], oc, oh, ow});
    }

    /** Inference batch normalisation (epsilon 1e-5). */
    public String bn(String node, String in) {
        return bn(node, in, false);
    }

    /** Batch normalisation; {@code residual} for the last one of a residual branch (a damped scale). */
    public String bn(String node, String in, boolean residual) {
        long c = shape(in)[1];
        List<String> inputs = List.of(in,
                param(node + "/scale", ParamSpec.random(residual ? ParamSpec.Init.BN_SCALE_RESIDUAL
                        : ParamSpec.Init.BN_SCALE, c)),
                param(node + "/shift", ParamSpec.random(ParamSpec.Init.BN_SHIFT, c)),
                param(node + "/mean", ParamSpec.random(ParamSpec.Init.BN_MEAN, c)),
                param(node + "/var", ParamSpec.random(ParamSpec.Init.BN_VAR, c)));
        return add(node, "BatchNormalization", inputs, Map.of("epsilon", 1e-5f), shape(in));
    }

    public String relu(String node, String in) {
        return add(node, "Relu", List.of(in), Map.of(), shape(in));
    }

    /** ReLU6 as ONNX {@code Clip(x, 0, 6)} (bounds as shared scalar initializers, opset 11 and later). */
    public String relu6(String node, String in) {
        String lo = param("relu6/min", ParamSpec.scalar(0f));
        String hi = param("relu6/max", ParamSpec.scalar(6f));
        return add(node, "Clip", List.of(in, lo, hi), Map.of(), shape(in));
    }

    /** Max pooling; {@code ceil} for Caffe's ceil-mode output size. */
    public String maxPool(String node, String in, int k, int s, int p, boolean ceil) {
        return pool(node, "MaxPool", in, k, s, p, ceil);
    }

    /** Average pooling over the elements inside the input ({@code count_include_pad=0}). */
    public String avgPool(String node, String in, int k, int s, int p) {
        return pool(node, "AveragePool", in, k, s, p, false);
    }

    /** Average pooling whose window is the whole (square) feature map, stride 1. */
    public String globalAvgPool(String node, String in) {
        long[] x = shape(in);
        if (x[2] != x[3]) {
            throw new IllegalArgumentException(node + ": feature map is not square");
        }
        return avgPool(node, in, (int) x[2], 1, 0);
    }

    private String pool(String node, String op, String in, int k, int s, int p, boolean ceil) {
        long[] x = shape(in);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kernel_shape", new long[] {k, k});
        a.put("strides", new long[] {s, s});
        a.put("pads", new long[] {p, p, p, p});
        if (ceil) {
            a.put("ceil_mode", 1L);
        }
        long oh = ShapeInference.outSize(x[2], k, s, p, p, 1, ceil);
        long ow = ShapeInference.outSize(x[3], k, s, p, p, 1, ceil);
        return add(node, op, List.of(in), a, new long[] {x[0], x[1], oh, ow});
    }

    /** Local response normalisation across channels (Caffe: bias 1). */
    public String lrn(String node, String in, int size, float alpha, float beta) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("size", (long) size);
        a.put("alpha", alpha);
        a.put("beta", beta);
        a.put("bias", 1f);
        return add(node, "LRN", List.of(in), a, shape(in));
    }

    /** Concatenation along the channels. */
    public String concat(String node, List<String> ins) {
        long[] out = shape(ins.get(0)).clone();
        out[1] = 0;
        for (String t : ins) {
            out[1] += shape(t)[1];
        }
        return add(node, "Concat", ins, Map.of("axis", 1L), out);
    }

    /** Element-wise sum of two tensors of the same shape. */
    public String add(String node, String a, String b) {
        return add(node, "Add", List.of(a, b), Map.of(), shape(a));
    }

    /** {@code N x C x H x W -> N x (C*H*W)}. */
    public String flatten(String node, String in) {
        long[] x = shape(in);
        return add(node, "Flatten", List.of(in), Map.of("axis", 1L), new long[] {x[0], x[1] * x[2] * x[3]});
    }

    /** Fully connected: {@code Gemm(x, W, B)} with {@code transB=1}, W of {@code oc x K}, on a 2-D input. */
    public String fc(String node, String in, int oc) {
        long[] x = shape(in);
        if (x.length != 2) {
            throw new IllegalArgumentException(node + ": fc needs a 2-D input (flatten first)");
        }
        List<String> inputs = List.of(in, param(node + "/W", ParamSpec.random(ParamSpec.Init.WEIGHT, oc, x[1])),
                param(node + "/B", ParamSpec.random(ParamSpec.Init.BIAS, oc)));
        return add(node, "Gemm", inputs, Map.of("transB", 1L), new long[] {x[0], oc});
    }

    /** Softmax over axis 1 of a 2-D input. */
    public String softmax(String node, String in) {
        return add(node, "Softmax", List.of(in), Map.of("axis", 1L), shape(in));
    }

    public NetGraph build(String... outputs) {
        for (String o : outputs) {
            shape(o);
        }
        return new NetGraph(name, INPUT, inputDims, nodes, List.of(outputs), params, OPSET);
    }

    private String param(String tensor, ParamSpec spec) {
        ParamSpec old = params.putIfAbsent(tensor, spec);
        if (old != null && !old.equals(spec)) {
            throw new IllegalArgumentException(name + ": parameter " + tensor + " declared twice");
        }
        return tensor;
    }

    private String add(String node, String op, List<String> inputs, Map<String, Object> attrs, long[] out) {
        if (dims.containsKey(node)) {
            throw new IllegalArgumentException(name + ": two nodes named " + node);
        }
        nodes.add(new NetNode(node, op, inputs, List.of(node), attrs));
        dims.put(node, out);
        return node;
    }
}
