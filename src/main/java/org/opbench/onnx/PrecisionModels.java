package org.opbench.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.opbench.problem.ConvProblem;
import org.opbench.problem.FcProblem;
import org.opbench.problem.FloatFormats;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Quantization;
import org.opbench.problem.SoftmaxProblem;

/**
 * One-node ONNX models of opbench problems in a reduced precision, beside the fp32 ones of {@link SingleNodeModels}
 * (same names, shapes, attributes and padding rules).
 *
 * <ul>
 *   <li>{@link #reducedFloat}: the fp32 model with every tensor in float16 or bfloat16 (input, output and
 *       initializers; the problem's values are already on the type's grid, so the conversion is exact).</li>
 *   <li>{@link #int8}: the quantised operator on u8 levels, with the problem's {@link Quantization}:
 *       conv {@code QLinearConv(x, x_scale, x_zero_point, W s8, w_scale[oc], w_zero_point[oc]=0, y_scale,
 *       y_zero_point, B s32)}; fc {@code com.microsoft.QGemm(A, a_scale, a_zero_point, B s8, b_scale[oc],
 *       b_zero_point[oc]=0, C s32, y_scale, y_zero_point)} with {@code transB=1} (ONNX's QLinearMatMul has no bias
 *       input); max pooling {@code MaxPool} on u8 (ONNX opset 12+), average pooling
 *       {@code com.microsoft.QLinearAveragePool}; softmax {@code com.microsoft.QLinearSoftmax} ({@code axis=1} with
 *       {@code opset} 17 semantics: along the channels only). With {@code floatIo} the graph's input and output are fp32,
 *       a {@code QuantizeLinear} and a {@code DequantizeLinear} around the node (the QDQ form an importer such as
 *       OpenCV's turns into its quantised layers); without it they are the u8 levels themselves.</li>
 * </ul>
 */
public final class PrecisionModels {
    /** Domain of ONNX Runtime's contrib operators (QGemm, QLinearAveragePool). */
    public static final String MS_DOMAIN = "com.microsoft";

    /**
     * Default-domain opset of the bf16 and f16 models: opset 22 is the first whose Conv, pooling and Softmax admit
     * bfloat16 (opset 17 rejects the model as invalid before a provider is asked); the operators' semantics are
     * those of {@link SingleNodeModels#OPSET} otherwise.
     */
    public static final int REDUCED_FLOAT_OPSET = 22;
    /** IR version matching opset 22 (ONNX 1.16). */
    public static final long REDUCED_FLOAT_IR_VERSION = 10;

    private static final String XQ = "x_q";
    private static final String YQ = "y_q";

    private PrecisionModels() {
    }

    /** The fp32 model of {@code problem} with all tensors in {@code problem.dtype()} (bf16 or f16). */
    public static ModelProto reducedFloat(Problem problem, ProblemData data) {
        Precision p = problem.dtype();
        if (p != Precision.BF16 && p != Precision.F16) {
            throw new IllegalArgumentException("not a reduced float precision: " + p.id());
        }
        ModelProto fp32 = SingleNodeModels.model(problem, data);
        int type = elemType(p);
        GraphProto.Builder g = fp32.getGraph().toBuilder();
        g.setInput(0, retype(g.getInput(0), type));
        g.setOutput(0, retype(g.getOutput(0), type));
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            g.setInitializer(i, halfTensor(t.getName(), p, t.getRawData(), t.getDimsList()));
        }
        return fp32.toBuilder().setIrVersion(REDUCED_FLOAT_IR_VERSION).clearOpsetImport()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(REDUCED_FLOAT_OPSET))
                .setGraph(g).build();
    }

    /** ONNX element type of a bf16 or f16 precision. */
    public static int elemType(Precision p) {
        return switch (p) {
            case BF16 -> TensorProto.DataType.BFLOAT16.getNumber();
            case F16 -> TensorProto.DataType.FLOAT16.getNumber();
            case F32 -> TensorProto.DataType.FLOAT.getNumber();
            case INT8 -> TensorProto.DataType.UINT8.getNumber();
        };
    }

    /** The 16-bit pattern of {@code x} in {@code p} (bf16 or f16), round to nearest even. */
    public static short bits(Precision p, float x) {
        return p == Precision.BF16 ? FloatFormats.bf16Bits(x) : FloatFormats.f16Bits(x);
    }

    /** The float value of the 16-bit pattern {@code b} in {@code p} (bf16 or f16). */
    public static float value(Precision p, short b) {
        return p == Precision.BF16 ? FloatFormats.fromBf16(b) : FloatFormats.fromF16(b);
    }

    /**
     * The int8 model of {@code problem} (conv, fc or pooling; see the class comment).
     *
     * @param floatIo fp32 input and output with QuantizeLinear / DequantizeLinear around the node, else u8 ones
     */
    public static ModelProto int8(Problem problem, ProblemData data, boolean floatIo) {
        if (problem.dtype() != Precision.INT8 || !problem.equals(data.problem())) {
            throw new IllegalArgumentException("int8 data of " + problem + " expected");
        }
        Quantization q = data.quant();
        int inType = floatIo ? TensorProto.DataType.FLOAT.getNumber() : TensorProto.DataType.UINT8.getNumber();
        GraphProto.Builder g = GraphProto.newBuilder().setName("opbench_" + problem.op().id() + "_int8")
                .addInput(valueInfo(SingleNodeModels.INPUT, inType, SingleNodeModels.inputShape(problem)))
                .addOutput(valueInfo(SingleNodeModels.OUTPUT, inType, SingleNodeModels.outputShape(problem)));
        String x = floatIo ? XQ : SingleNodeModels.INPUT;
        String y = floatIo ? YQ : SingleNodeModels.OUTPUT;
        g.addInitializer(scalarFloat("x_scale", q.srcScale()));
        g.addInitializer(scalarU8("x_zero_point", q.srcZero()));
        g.addInitializer(scalarFloat("y_scale", q.dstScale()));
        g.addInitializer(scalarU8("y_zero_point", q.dstZero()));
        if (floatIo) {
            g.addNode(NodeProto.newBuilder().setName("quantize").setOpType("QuantizeLinear")
                    .addInput(SingleNodeModels.INPUT).addInput("x_scale").addInput("x_zero_point").addOutput(XQ));
        }
        boolean contrib = false;
        if (problem instanceof ConvProblem c) {
            weights(g, data, c.oc(), c.oc(), c.ic() / c.g(), c.kh(), c.kw());
            g.addNode(NodeProto.newBuilder().setName("conv").setOpType("QLinearConv")
                    .addInput(x).addInput("x_scale").addInput("x_zero_point")
                    .addInput("W").addInput("w_scale").addInput("w_zero_point")
                    .addInput("y_scale").addInput("y_zero_point").addInput("B").addOutput(y)
                    .addAttribute(OnnxProtos.ints("kernel_shape", c.kh(), c.kw()))
                    .addAttribute(OnnxProtos.ints("strides", c.sh(), c.sw()))
                    .addAttribute(OnnxProtos.ints("pads", c.ph(), c.pw(), c.padBottom(), c.padRight()))
                    .addAttribute(OnnxProtos.ints("dilations", c.dh() + 1, c.dw() + 1))
                    .addAttribute(OnnxProtos.intValue("group", c.g())));
        } else if (problem instanceof FcProblem f) {
            weights(g, data, f.oc(), f.oc(), f.inputLength());
            contrib = true;
            g.addNode(NodeProto.newBuilder().setName("fc").setOpType("QGemm").setDomain(MS_DOMAIN)
                    .addInput(x).addInput("x_scale").addInput("x_zero_point")
                    .addInput("W").addInput("w_scale").addInput("w_zero_point")
                    .addInput("B").addInput("y_scale").addInput("y_zero_point").addOutput(y)
                    .addAttribute(OnnxProtos.intValue("transB", 1)));
        } else if (problem instanceof PoolProblem p) {
            NodeProto.Builder n = SingleNodeModels.poolNode(p).toBuilder().clearInput().clearOutput();
            if (p.alg() == PoolAlg.MAX) {
                n.addInput(x).addOutput(y);
            } else {
                contrib = true;
                n.setOpType("QLinearAveragePool").setDomain(MS_DOMAIN).addInput(x).addInput("x_scale")
                        .addInput("x_zero_point").addInput("y_scale").addInput("y_zero_point").addOutput(y);
            }
            g.addNode(n);
        } else if (problem instanceof SoftmaxProblem) {
            contrib = true;
            g.addNode(NodeProto.newBuilder().setName("softmax").setOpType("QLinearSoftmax").setDomain(MS_DOMAIN)
                    .addInput(x).addInput("x_scale").addInput("x_zero_point").addInput("y_scale")
                    .addInput("y_zero_point").addOutput(y)
                    .addAttribute(OnnxProtos.intValue("axis", 1))
                    .addAttribute(OnnxProtos.intValue("opset", SingleNodeModels.OPSET)));
        } else {
            throw new IllegalArgumentException("no int8 ONNX model for " + problem.op().id());
        }
        if (floatIo) {
            g.addNode(NodeProto.newBuilder().setName("dequantize").setOpType("DequantizeLinear")
                    .addInput(YQ).addInput("y_scale").addInput("y_zero_point").addOutput(SingleNodeModels.OUTPUT));
        }
        ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(SingleNodeModels.IR_VERSION)
                .setProducerName("opbench")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(SingleNodeModels.OPSET));
        if (contrib) {
            m.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(MS_DOMAIN).setVersion(1));
        }
        return m.setGraph(g).build();
    }

    /** The ONNX operator of the int8 model of {@code problem}. */
    public static String int8OpType(Problem problem) {
        if (problem instanceof ConvProblem) {
            return "QLinearConv";
        } else if (problem instanceof FcProblem) {
            return "QGemm";
        } else if (problem instanceof PoolProblem p) {
            return p.alg() == PoolAlg.MAX ? "MaxPool" : "QLinearAveragePool";
        }
        return "QLinearSoftmax";
    }

    /** W (s8, {@code dims}), w_scale (fp32 [oc]), w_zero_point (s8 zeros [oc]) and B (s32 [oc]). */
    private static void weights(GraphProto.Builder g, ProblemData data, int oc, long... dims) {
        g.addInitializer(bytes("W", TensorProto.DataType.INT8, data.weightLevels(), dims));
        g.addInitializer(OnnxProtos.floatTensor("w_scale", data.quant().weightScales(), oc));
        g.addInitializer(bytes("w_zero_point", TensorProto.DataType.INT8, new byte[oc], oc));
        int[] b = data.biasLevels();
        ByteBuffer raw = ByteBuffer.allocate(Math.multiplyExact(b.length, Integer.BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        raw.asIntBuffer().put(b);
        g.addInitializer(TensorProto.newBuilder().setName("B").setDataType(TensorProto.DataType.INT32.getNumber())
                .addDims(oc).setRawData(UnsafeByteOperations.unsafeWrap(raw.array())));
    }

    private static TensorProto bytes(String name, TensorProto.DataType type, byte[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(values));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static TensorProto scalarFloat(String name, float v) {
        return OnnxProtos.floatTensor(name, new float[] {v});
    }

    private static TensorProto scalarU8(String name, int v) {
        return bytes(name, TensorProto.DataType.UINT8, new byte[] {(byte) v});
    }

    /** A 16-bit float initializer from the little-endian fp32 raw data of an fp32 one. */
    private static TensorProto halfTensor(String name, Precision p, ByteString fp32Raw, java.util.List<Long> dims) {
        ByteBuffer in = fp32Raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int n = in.remaining() / Float.BYTES;
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(n, 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out.putShort(bits(p, in.getFloat()));
        }
        return TensorProto.newBuilder().setName(name).setDataType(elemType(p)).addAllDims(dims)
                .setRawData(UnsafeByteOperations.unsafeWrap(out.array())).build();
    }

    private static ValueInfoProto retype(ValueInfoProto v, int elemType) {
        return v.toBuilder().setType(v.getType().toBuilder().setTensorType(
                v.getType().getTensorType().toBuilder().setElemType(elemType))).build();
    }

    private static ValueInfoProto valueInfo(String name, int elemType, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(elemType).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
