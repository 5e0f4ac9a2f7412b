package org.opbench.backend.onnxruntime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opbench.onnx.PrecisionModels;
import org.opbench.onnx.SingleNodeModels;
import org.opbench.problem.DataType;
import org.opbench.problem.PoolAlg;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Quantization;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.Transform;
import org.opbench.spi.UnsupportedException;

/**
 * The onnxruntime backend's bf16, f16 and int8 points: a one-node model of {@link PrecisionModels} on the CPU
 * execution provider, the input and output bound as u8, float16 or bfloat16 tensors ({@link PinnedSession#openTyped}).
 *
 * <ul>
 *   <li>int8: u8 source levels in, u8 destination levels out (dequantised by {@link PinnedSession#output()}, outside
 *       the timed run): QLinearConv, com.microsoft QGemm, MaxPool on u8, com.microsoft QLinearAveragePool,
 *       com.microsoft QLinearSoftmax.</li>
 *   <li>bf16, f16: the fp32 model with every tensor in the type. Where the CPU provider has no kernel of the node
 *       for the type, creating the session fails with {@code ORT_NOT_IMPLEMENTED} (bfloat16) and the point is
 *       {@code unsupported} with ORT's own message; for float16, ORT instead wraps the node in Casts to fp32,
 *       which opbench finds in ORT's optimised graph and refuses likewise ({@link #insertedCasts}).</li>
 * </ul>
 */
final class OrtReduced {
    private OrtReduced() {
    }

    /** Why {@code problem} (not fp32) cannot be built for {@code provider}, or null. */
    static String unsupported(Problem problem, OrtProvider provider) {
        if (provider != OrtProvider.CPU) {
            return "onnxruntime " + problem.dtype().id() + " points run on the CPU execution provider only (what "
                    + provider.getName() + " would compute them in is not stated by ORT)";
        }
        return null;
    }

    /**
     * Creates the session (ORT's refusal becomes {@code UnsupportedException}), binds the typed tensors and checks
     * ORT's optimised graph ({@link #insertedCasts}): a session that would compute in fp32 is refused, not timed.
     * Takes ownership of {@code options}.
     */
    static OrtPreparedOp open(Problem problem, ProblemData data, OrtSession.SessionOptions options,
                              OrtProvider provider, String algorithm, Map<String, Object> settings,
                              boolean profiling) throws BackendException {
        Precision p = problem.dtype();
        long[] in = SingleNodeModels.inputShape(problem);
        long[] out = SingleNodeModels.outputShape(problem);
        String opType;
        byte[] model;
        byte[] src;
        OnnxJavaType type;
        PinnedSession.Decoder decoder;
        Path graphFile;
        try {
            if (p == Precision.INT8) {
                opType = PrecisionModels.int8OpType(problem);
                model = PrecisionModels.int8(problem, data, false).toByteArray();
                src = data.srcLevels();
                type = OnnxJavaType.UINT8;
                Quantization q = data.quant();
                decoder = (buf, i) -> q.dstReal(buf.get(i) & 0xFF);
            } else {
                opType = SingleNodeModels.opType(problem);
                model = PrecisionModels.reducedFloat(problem, data).toByteArray();
                src = halves(p, data.src());
                type = p == Precision.BF16 ? OnnxJavaType.BFLOAT16 : OnnxJavaType.FLOAT16;
                decoder = (buf, i) -> PrecisionModels.value(p, buf.getShort(2 * i));
            }
            graphFile = Files.createTempFile("opbench-ort-optimised-", ".onnx");
        } catch (IOException e) {
            options.close();
            throw new BackendException("cannot create a file for onnxruntime's optimised model: " + e, e);
        } catch (RuntimeException e) {
            options.close();
            throw e;
        }
        try {
            options.setOptimizedModelFilePath(graphFile.toString());
            PinnedSession session = PinnedSession.openTyped(OrtSessionOptions.environment(), options, model,
                    SingleNodeModels.INPUT, src, in, type, SingleNodeModels.OUTPUT, out, type, decoder, opType);
            try {
                List<NodeProto> graph = ModelProto.parseFrom(Files.readAllBytes(graphFile)).getGraph().getNodeList();
                List<String> casts = insertedCasts(graph);
                if (!casts.isEmpty()) {
                    throw new UnsupportedException("onnxruntime's " + provider.getName() + " has no " + p.id() + " "
                            + opType + " kernel: it inserted Cast nodes " + casts + " to compute the node in "
                            + "another type, so the point would not run in " + p.id());
                }
                settings.put("onnx_model", (p == Precision.INT8 ? "int8 " : p.id() + " ") + opType);
                if (p != Precision.INT8) {
                    settings.put("onnx_opset", PrecisionModels.REDUCED_FLOAT_OPSET);
                }
                settings.put("ort_optimised_graph", ops(graph));
            } catch (IOException | BackendException | RuntimeException e) {
                session.close();
                throw e;
            }
            Execution execution = new Execution(algorithm, provider.getName() + ":" + opType, numerics(problem),
                    Transform.NONE);
            return OrtPreparedOp.of(session, execution, provider, settings, profiling);
        } catch (OrtException e) {
            options.close();
            throw OrtStatus.map("session options", e);
        } catch (IOException e) {
            throw new BackendException("cannot read onnxruntime's optimised model " + graphFile + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(graphFile);
            } catch (IOException e) {
                // a leftover temporary file is harmless; the point's result does not depend on it
            }
        }
    }

    /**
     * The names of the {@code Cast} nodes in ORT's optimised graph. opbench's reduced-precision models have none,
     * so each one is ORT's: its CPU provider wraps a float16 node it has no kernel for in Casts to and from fp32
     * (its {@code InsertCastTransformer}, nodes named {@code InsertedPrecisionFreeCast_*}).
     */
    static List<String> insertedCasts(List<NodeProto> graph) {
        List<String> casts = new ArrayList<>();
        for (NodeProto n : graph) {
            if (n.getOpType().equals("Cast") && n.getDomain().isEmpty()) {
                casts.add(n.getName());
            }
        }
        return casts;
    }

    /** The operators of ORT's optimised graph in order, e.g. {@code QLinearConv} or {@code ReorderInput,Conv}. */
    private static String ops(List<NodeProto> graph) {
        StringBuilder b = new StringBuilder();
        for (NodeProto n : graph) {
            b.append(b.length() == 0 ? "" : ",").append(n.getOpType());
        }
        return b.toString();
    }

    /**
     * What the CPU provider computes a point in. int8: MLAS's u8 x s8 integer GEMM summing in s32 for QLinearConv
     * and QGemm (one float requantisation at the end); MaxPool compares u8 levels; QLinearAveragePool dequantises
     * to fp32, averages and requantises; QLinearSoftmax looks the exponentials of the 256 levels up in an fp32
     * table and sums them in fp32. bf16, f16 (only where ORT has the kernel): the type throughout, with sums
     * in it at worst (MLAS's fp16 kernels accumulate in fp16).
     */
    static Numerics numerics(Problem problem) {
        return switch (problem.dtype()) {
            case INT8 -> {
                if (problem instanceof PoolProblem pool) {
                    yield pool.alg() == PoolAlg.MAX ? new Numerics(DataType.U8, DataType.U8, DataType.U8)
                            : new Numerics(DataType.U8, DataType.F32, DataType.F32);
                }
                if (problem instanceof SoftmaxProblem) {
                    yield new Numerics(DataType.U8, DataType.F32, DataType.F32);
                }
                yield new Numerics(DataType.U8, DataType.S8, DataType.S32);
            }
            case BF16 -> new Numerics(DataType.BF16, DataType.BF16, DataType.BF16);
            case F16 -> Numerics.F16;
            case F32 -> Numerics.F32;
        };
    }

    /** The values as 16-bit patterns of {@code p}, in native byte order (values are on the type's grid). */
    private static byte[] halves(Precision p, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(Math.multiplyExact(values.length, 2)).order(ByteOrder.nativeOrder());
        for (float v : values) {
            b.putShort(PrecisionModels.bits(p, v));
        }
        return b.array();
    }
}
