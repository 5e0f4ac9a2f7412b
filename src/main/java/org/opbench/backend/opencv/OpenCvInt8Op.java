package org.opbench.backend.opencv;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_dnn;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Layer;
import org.opbench.onnx.PrecisionModels;
import org.opbench.onnx.SingleNodeModels;
import org.opbench.problem.DataType;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.SoftmaxProblem;
import org.opbench.spi.BackendException;
import org.opbench.spi.Execution;
import org.opbench.spi.Numerics;
import org.opbench.spi.PreparedOp;
import org.opbench.spi.Transform;

/**
 * An int8 problem as OpenCV DNN's quantised layers: the QDQ one-node ONNX model of {@link PrecisionModels#int8}
 * with fp32 input and output ({@code QuantizeLinear -> QLinearConv | QGemm | MaxPool | QLinearAveragePool ->
 * DequantizeLinear}, or QLinearSoftmax), read by {@code readNetFromONNX}, whose importer turns it into OpenCV's
 * int8 layers ({@code Quantize}, {@code ConvolutionInt8}, {@code InnerProductInt8}, {@code PoolingInt8},
 * {@code SoftmaxInt8}, {@code Dequantize}),
 * on {@code DNN_BACKEND_OPENCV} / {@code DNN_TARGET_CPU}. OpenCV stores u8 tensors as s8 (level - 128, the zero
 * point shifted alike) and sums s8 x s8 products in s32. The input is the source's real values, which the net's
 * Quantize layer maps back to exactly the source levels; the timed forward therefore includes that quantisation
 * and the final dequantisation, two element-wise passes beside the operator. What OpenCV built is in
 * {@code details.opencv_layers} (layer name and OpenCV's layer type).
 */
final class OpenCvInt8Op implements PreparedOp {
    private static final String INPUT = SingleNodeModels.INPUT;

    private final Problem problem;
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private final Execution execution;
    private OpenCvNet net;

    private OpenCvInt8Op(Problem problem) {
        this.problem = problem;
        this.execution = new Execution(Algorithm.AUTO.id(), "opencv:int8:" + PrecisionModels.int8OpType(problem),
                numerics(problem), Transform.NONE);
    }

    /**
     * s8 tensors (OpenCV's form of u8 levels); conv, fc and pooling multiply or add levels in integers, summed in s32;
     * softmax looks exponentials up in an fp32 table and sums them in fp32.
     */
    static Numerics numerics(Problem problem) {
        return problem instanceof SoftmaxProblem ? new Numerics(DataType.S8, DataType.F32, DataType.F32)
                : Numerics.INT8;
    }

    static OpenCvInt8Op prepare(Problem problem, int threads, ProblemData data) throws BackendException {
        OpenCvNet.threads(threads);
        OpenCvInt8Op op = new OpenCvInt8Op(problem);
        try {
            op.build(data);
            return op;
        } catch (BackendException | RuntimeException | Error e) {
            op.close();
            throw e;
        }
    }

    private void build(ProblemData data) throws BackendException {
        OpenCvErrors.clear();
        byte[] model = PrecisionModels.int8(problem, data, true).toByteArray();
        facts.put("onnx_model", "QDQ " + PrecisionModels.int8OpType(problem));
        try (BytePointer bytes = new BytePointer(model)) {
            net = new OpenCvNet(opencv_dnn.readNetFromONNX(bytes, model.length));
        } catch (RuntimeException e) {
            throw OpenCvErrors.map(e, "readNetFromONNX of the int8 model");
        }
        try {
            net.net().setPreferableBackend(opencv_dnn.DNN_BACKEND_OPENCV);
            net.net().setPreferableTarget(opencv_dnn.DNN_TARGET_CPU);
        } catch (RuntimeException e) {
            throw OpenCvErrors.map(e, "net setup");
        }
        int[] dims = Arrays.stream(SingleNodeModels.inputShape(problem)).mapToInt(Math::toIntExact).toArray();
        net.bind(data.src(), dims, INPUT, SingleNodeModels.OUTPUT);
        run();
        net.checkOutput(problem.dstDims());
        facts.put("opencv_layers", layerTypes());
    }

    /** Layer name and type of every layer OpenCV built, e.g. {@code conv=ConvolutionInt8}. */
    private Map<String, String> layerTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        try (StringVector names = net.net().getLayerNames()) {
            for (long i = 0; i < names.size(); i++) {
                String name = OpenCvLibrary.string(names.get(i));
                try (Layer layer = net.net().getLayer(net.net().getLayerId(name))) {
                    types.put(name, OpenCvLibrary.string(layer.type()));
                }
            }
        }
        return types;
    }

    @Override
    public void run() throws BackendException {
        net.forward();
    }

    @Override
    public float[] output() {
        return net.output(problem.dstElements());
    }

    @Override
    public Execution execution() {
        return execution;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("threads", opencv_core.getNumThreads());
        d.put("target", "DNN_TARGET_CPU");
        d.putAll(facts);
        return d;
    }

    @Override
    public void close() {
        if (net != null) {
            net.close();
        }
    }
}
