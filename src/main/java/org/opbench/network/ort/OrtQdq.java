package org.opbench.network.ort;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opbench.backend.onnxruntime.OrtSessionOptions;
import org.opbench.network.ModelException;
import org.opbench.network.onnx.QdqQuantizer;

/**
 * ONNX Runtime's part in quantising networks: it runs the fp32 model for the calibration ranges
 * ({@link #calibrator}), and it shows what its CPU execution provider makes of a QDQ model ({@link #optimizedOps}):
 * the operator types of the graph it runs after its optimisations, so that a QDQ model can be seen to run
 * QLinearConv (integer kernels) rather than DequantizeLinear + float Conv.
 */
public final class OrtQdq {
    private OrtQdq() {
    }

    /** Calibration on ORT's CPU provider (graph as written, {@code threads} intra-op threads). */
    public static QdqQuantizer.Calibrator calibrator(int threads) {
        return (model, input, shape, images, tensors) -> {
            OrtEnvironment env = OrtSessionOptions.environment();
            try (OrtSession.SessionOptions so = OrtSessionOptions.create(OrtProvider.CPU, OptLevel.NO_OPT, threads,
                    false, null); OrtSession s = env.createSession(model, so)) {
                Map<String, float[]> out = new HashMap<>();
                for (float[] data : images) {
                    try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
                         OrtSession.Result r = s.run(Map.of(input, x), new LinkedHashSet<>(tensors))) {
                        for (Map.Entry<String, ai.onnxruntime.OnnxValue> e : r) {
                            FloatBuffer b = ((OnnxTensor) e.getValue()).getFloatBuffer();
                            float lo = Float.POSITIVE_INFINITY;
                            float hi = Float.NEGATIVE_INFINITY;
                            while (b.hasRemaining()) {
                                float v = b.get();
                                lo = Math.min(lo, v);
                                hi = Math.max(hi, v);
                            }
                            float[] mm = {lo, hi};
                            out.merge(e.getKey(), mm, (a, c) -> new float[] {Math.min(a[0], c[0]),
                                    Math.max(a[1], c[1])});
                        }
                    }
                }
                return out;
            } catch (OrtException e) {
                throw new ModelException("calibration", "onnxruntime could not run the fp32 model: " + e.getCode()
                        + ": " + e.getMessage(), e);
            }
        };
    }

    /**
     * Operator types (with their domain where it is not ONNX's) of the graph ORT's CPU provider runs for
     * {@code model} at {@code level}, with their counts: ORT writes its optimised graph to a scratch file.
     */
    public static Map<String, Integer> optimizedOps(Path model, OptLevel level, Path scratchDir) {
        Path optimized = null;
        try {
            Files.createDirectories(scratchDir);
            optimized = Files.createTempFile(scratchDir, "optimized", ".onnx");
            OrtEnvironment env = OrtSessionOptions.environment();
            try (OrtSession.SessionOptions so = OrtSessionOptions.create(OrtProvider.CPU, level, 1, false, null)) {
                so.setOptimizedModelFilePath(optimized.toString());
                try (OrtSession s = env.createSession(model.toString(), so)) {
                    s.getNumInputs(); // the session is built and its graph written
                }
            }
            ModelProto m;
            try (InputStream in = Files.newInputStream(optimized)) {
                com.google.protobuf.CodedInputStream c = com.google.protobuf.CodedInputStream.newInstance(in);
                c.setSizeLimit(Integer.MAX_VALUE);
                m = ModelProto.parseFrom(c);
            }
            Map<String, Integer> ops = new TreeMap<>();
            for (NodeProto n : m.getGraph().getNodeList()) {
                String d = n.getDomain();
                ops.merge(d.isEmpty() || d.equals("ai.onnx") ? n.getOpType() : d + ":" + n.getOpType(), 1,
                        Integer::sum);
            }
            return ops;
        } catch (OrtException e) {
            throw new ModelException(model.toString(), "onnxruntime could not load the model: " + e.getCode() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelException(model.toString(), "cannot read onnxruntime's optimised graph: " + e, e);
        } finally {
            if (optimized != null) {
                try {
                    Files.deleteIfExists(optimized);
                    Files.deleteIfExists(Path.of(optimized + ".data"));
                } catch (IOException ignored) {
                    // a scratch file in opbench's cache
                }
            }
        }
    }

    /** ORT's operators that compute on 8-bit integers (ONNX's and its {@code com.microsoft} contrib ones). */
    public static final java.util.Set<String> INTEGER_OPS = java.util.Set.of("QLinearConv", "com.microsoft:QLinearConv", "QLinearMatMul",
            "MatMulInteger", "ConvInteger", "com.microsoft:QGemm", "com.microsoft:QLinearAdd",
            "com.microsoft:QLinearConcat", "com.microsoft:QLinearAveragePool", "com.microsoft:QLinearGlobalAveragePool",
            "com.microsoft:QLinearMul", "com.microsoft:QLinearSoftmax", "com.microsoft:QLinearLeakyRelu",
            "com.microsoft:QLinearSigmoid", "com.microsoft:QLinearReduceMean", "com.microsoft:QLinearWhere");

    /** How many of the nodes {@code ops} counts compute on integers ({@link #INTEGER_OPS}). */
    public static int integerKernels(Map<String, Integer> ops) {
        int n = 0;
        for (Map.Entry<String, Integer> e : ops.entrySet()) {
            if (INTEGER_OPS.contains(e.getKey())) {
                n += e.getValue();
            }
        }
        return n;
    }

}
