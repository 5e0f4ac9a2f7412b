package org.opbench.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;

/**
 * One-node ONNX models of opbench problems, weights as initializers, input {@value #INPUT}, output
 * {@value #OUTPUT}, default-domain opset {@value #OPSET}.
 *
 * <ul>
 *   <li>conv: {@code Conv} with {@code group}, {@code pads} {@code [ph, pw, padBottom, padRight]}, {@code strides}, {@code dilations}
 *       (benchdnn's 0-based dilation + 1) and bias {@code B}; weights OIHW with I = ic/g, as in {@link ProblemData}.</li>
 *   <li>fc: {@code Gemm(x, W, B)} with {@code transB=1} on the input viewed as 2-D {@code N x (C*H*W)}: the NCHW
 *       source is already contiguous in that order, so no Flatten node is needed; W is opbench's OC x (C*H*W).</li>
 *   <li>pool: {@code MaxPool} / {@code AveragePool} ({@code count_include_pad} 1 for avg_p, 0 for avg_np). A
 *       ceil-mode (or any asymmetric) output size is expressed by the explicit bottom/right padding it implies
 *       ({@link PoolProblem#padBottom()}, {@link PoolProblem#padRight()}) with {@code ceil_mode=0}, so every window
 *       is whole and avg_p divides by kh*kw everywhere, as the reference does (see {@link #poolNode}).</li>
 *   <li>softmax: {@code Softmax} with {@code axis=1}; since opset 13 that normalises along axis 1 only (before 13
 *       the input was coerced to 2-D at the axis, i.e. over C*H*W), which is opbench's channel softmax.</li>
 * </ul>
 */
public final class SingleNodeModels {
    /** Name of the graph input. */
    public static final String INPUT = "x";
    /** Name of the graph output. */
    public static final String OUTPUT = "y";
    /** Default-domain opset. */
    public static final int OPSET = 17;
    /** IR version matching opset 17 (ONNX 1.12). */
    public static final long IR_VERSION = 8;

    /**
     * Largest serialized model: protobuf messages are limited to 2 GiB; 1 MiB is left for everything but the
     * initializers.
     */
    public static final long MAX_MODEL_BYTES = Integer.MAX_VALUE - (1L << 20);

    private SingleNodeModels() {
    }

    /**
     * Why {@code problem} has no single-file model, or null when it has one: initializers larger than
     * {@link #MAX_MODEL_BYTES} would need ONNX external data, which this class does not write.
     */
    public static String tooLarge(Problem problem) {
        long bytes = (problem.weightElements() + problem.biasElements()) * Float.BYTES;
        return bytes <= MAX_MODEL_BYTES ? null : "weights of " + bytes + " bytes exceed the 2 GiB limit of one ONNX"
                + " protobuf (external data is not written)";
    }

    /** The serialized model of {@code data.problem()} with {@code data}'s weights and bias as initializers. */
    public static byte[] build(Problem problem, ProblemData data) {
        if (!problem.equals(data.problem())) {
            throw new IllegalArgumentException("data is for " + data.problem() + ", not " + problem);
        }
        String large = tooLarge(problem);
        if (large != null) {
            throw new IllegalArgumentException(large);
        }
        return model(problem, data).toByteArray();
    }

    /** The model as a protobuf message, for callers that embed or inspect it. */
    public static ModelProto model(Problem problem, ProblemData data) {
        GraphProto.Builder g = GraphProto.newBuilder().setName("opbench_" + problem.op().id())
                .addInput(OnnxProtos.floatValueInfo(INPUT, inputShape(problem)))
                .addOutput(OnnxProtos.floatValueInfo(OUTPUT, outputShape(problem)));
        if (problem instanceof ConvProblem c) {
            convNode(g, c, data);
        } else if (problem instanceof FcProblem f) {
            fcNode(g, f, data);
        } else if (problem instanceof PoolProblem p) {
            g.addNode(poolNode(p));
        } else if (problem instanceof SoftmaxProblem) {
            g.addNode(NodeProto.newBuilder().setName("softmax").setOpType("Softmax").addInput(INPUT).addOutput(OUTPUT)
                    .addAttribute(OnnxProtos.intValue("axis", 1)));
        } else {
            throw new IllegalArgumentException("no ONNX model for " + problem.op().id());
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("opbench")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g).build();
    }

    /** The ONNX operator the model of {@code problem} consists of. */
    public static String opType(Problem problem) {
        if (problem instanceof ConvProblem) {
            return "Conv";
        } else if (problem instanceof FcProblem) {
            return "Gemm";
        } else if (problem instanceof PoolProblem p) {
            return p.alg() == PoolAlg.MAX ? "MaxPool" : "AveragePool";
        } else {
            return "Softmax";
        }
    }

    /** Shape of input {@value #INPUT}: NCHW, or {@code N x (C*H*W)} for fc. */
    public static long[] inputShape(Problem problem) {
        if (problem instanceof ConvProblem c) {
            return new long[] {c.mb(), c.ic(), c.ih(), c.iw()};
        } else if (problem instanceof FcProblem f) {
            return new long[] {f.mb(), f.inputLength()};
        } else if (problem instanceof PoolProblem p) {
            return new long[] {p.mb(), p.ic(), p.ih(), p.iw()};
        } else if (problem instanceof SoftmaxProblem s) {
            return new long[] {s.mb(), s.ic(), s.ih(), s.iw()};
        }
        throw new IllegalArgumentException("no ONNX model for " + problem.op().id());
    }

    /** Shape of output {@value #OUTPUT}: opbench's {@link Problem#dstDims()}. */
    public static long[] outputShape(Problem problem) {
        int[] d = problem.dstDims();
        long[] s = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            s[i] = d[i];
        }
        return s;
    }

    private static void convNode(GraphProto.Builder g, ConvProblem c, ProblemData data) {
        g.addInitializer(OnnxProtos.floatTensor("W", data.weights(), c.oc(), c.ic() / c.g(), c.kh(), c.kw()));
        g.addInitializer(OnnxProtos.floatTensor("B", data.bias(), c.oc()));
        g.addNode(NodeProto.newBuilder().setName("conv").setOpType("Conv")
                .addInput(INPUT).addInput("W").addInput("B").addOutput(OUTPUT)
                .addAttribute(OnnxProtos.ints("kernel_shape", c.kh(), c.kw()))
                .addAttribute(OnnxProtos.ints("strides", c.sh(), c.sw()))
                .addAttribute(OnnxProtos.ints("pads", c.ph(), c.pw(), c.padBottom(), c.padRight()))
                .addAttribute(OnnxProtos.ints("dilations", c.dh() + 1, c.dw() + 1))
                .addAttribute(OnnxProtos.intValue("group", c.g())));
    }

    private static void fcNode(GraphProto.Builder g, FcProblem f, ProblemData data) {
        g.addInitializer(OnnxProtos.floatTensor("W", data.weights(), f.oc(), f.inputLength()));
        g.addInitializer(OnnxProtos.floatTensor("B", data.bias(), f.oc()));
        g.addNode(NodeProto.newBuilder().setName("fc").setOpType("Gemm")
                .addInput(INPUT).addInput("W").addInput("B").addOutput(OUTPUT)
                .addAttribute(OnnxProtos.intValue("transB", 1)));
    }

    /**
     * Pooling node. ONNX's own {@code ceil_mode=1} would give the same output size, but ONNX Runtime (like PyTorch)
     * clips a ceil-mode window's divisor to the input plus the declared padding, so avg_p's last row/column would be
     * divided by less than kh*kw; declaring the implied bottom/right padding (always {@code < kernel}, which ONNX
     * requires) keeps every window whole and matches opbench's definition for all three algorithms.
     */
    static NodeProto poolNode(PoolProblem p) {
        NodeProto.Builder n = NodeProto.newBuilder().setName("pool").setOpType(opType(p))
                .addInput(INPUT).addOutput(OUTPUT)
                .addAttribute(OnnxProtos.ints("kernel_shape", p.kh(), p.kw()))
                .addAttribute(OnnxProtos.ints("strides", p.sh(), p.sw()))
                .addAttribute(OnnxProtos.ints("pads", p.ph(), p.pw(), p.padBottom(), p.padRight()));
        if (p.alg() != PoolAlg.MAX) {
            n.addAttribute(OnnxProtos.intValue("count_include_pad", p.alg() == PoolAlg.AVG_P ? 1 : 0));
        }
        return n.build();
    }
}
