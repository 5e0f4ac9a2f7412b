package org.opbench.network.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.network.NetGraph;
import org.opbench.network.NetLayers;
import org.opbench.network.ShapeInference;
import org.opbench.network.models.Networks;
import org.opbench.network.opencv.OpenCvNetworkBackend;
import org.opbench.network.ort.OrtNetworkBackend;
import org.opbench.network.ort.OrtQdq;
import org.opbench.network.spi.NetRequest;
import org.opbench.network.spi.NetSession;
import org.opbench.network.spi.NetworkBackend;
import org.opbench.spi.Availability;
import org.opbench.spi.UnsupportedException;

/**
 * The QDQ int8 model of the small MobileNet (0.25, 128x128), calibrated on ONNX Runtime: per-channel int8 weights,
 * ORT's CPU provider runs every convolution as QLinearConv, the output agrees with the fp32 network within the
 * quantised bound, and OpenCV (which imports QDQ as float layers) refuses it with its own layer list.
 */
class QdqQuantizerTest {
    static final String MODEL = "mobilenet-v1-0.25-128";

    @TempDir
    static Path dir;
    static NetGraph graph;
    static ModelProto fp32;
    static QdqQuantizer.Result int8;
    static Path fp32File;
    static Path int8File;

    @BeforeAll
    static void quantise() throws Exception {
        Availability ort = new OrtNetworkBackend().probe();
        Assumptions.assumeTrue(ort.available(), "onnxruntime: " + ort.reason());
        graph = Networks.get(MODEL).build();
        fp32 = OnnxExport.model(graph, 3);
        int8 = QdqQuantizer.quantize(fp32, 3, OrtQdq.calibrator(1));
        fp32File = dir.resolve("f32.onnx");
        int8File = dir.resolve("int8.onnx");
        OnnxExport.write(fp32, fp32File);
        OnnxExport.write(int8.model(), int8File);
    }

    @Test
    void u8ParametersHoldZeroAndTheObservedRange() {
        float[] p = QdqQuantizer.u8Params(-1f, 3f);
        assertEquals(4f / 255, p[0], 1e-9);
        assertEquals(64f, p[1]); // round(1 / (4/255)) = round(63.75)
        float[] relu = QdqQuantizer.u8Params(0.5f, 6f); // widened to [0, 6]
        assertEquals(6f / 255, relu[0], 1e-9);
        assertEquals(0f, relu[1]);
        assertArrayEquals(new float[] {1f, 0f}, QdqQuantizer.u8Params(0f, 0f));
    }

    @Test
    void everyConvAndGemmReadsPerChannelInt8WeightsWithin127Levels() {
        GraphProto g = int8.model().getGraph();
        Map<String, TensorProto> inits = new HashMap<>();
        g.getInitializerList().forEach(t -> inits.put(t.getName(), t));
        Map<String, NodeProto> producer = new HashMap<>();
        g.getNodeList().forEach(n -> n.getOutputList().forEach(o -> producer.put(o, n)));
        GraphProto folded = QdqQuantizer.foldBatchNorms(fp32.getGraph());
        Map<String, TensorProto> foldedInits = new HashMap<>();
        folded.getInitializerList().forEach(t -> foldedInits.put(t.getName(), t));
        int linear = 0;
        for (NodeProto n : g.getNodeList()) {
            if (!n.getOpType().equals("Conv") && !n.getOpType().equals("Gemm")) {
                continue;
            }
            linear++;
            NodeProto dq = producer.get(n.getInput(1));
            assertEquals("DequantizeLinear", dq.getOpType(), n.getName());
            TensorProto q = inits.get(dq.getInput(0));
            TensorProto scale = inits.get(dq.getInput(1));
            assertEquals(TensorProto.DataType.INT8.getNumber(), q.getDataType(), n.getName());
            assertEquals(q.getDims(0), scale.getDims(0), n.getName() + ": one scale per output channel");
            long axis = dq.getAttributeList().stream().filter(a -> a.getName().equals("axis"))
                    .mapToLong(AttributeProto::getI).findFirst().orElse(-1);
            assertEquals(0, axis, n.getName());
            assertEquals("DequantizeLinear", producer.get(n.getInput(0)).getOpType(), "activation of " + n.getName());
            NodeProto bias = producer.get(n.getInput(2));
            assertEquals(TensorProto.DataType.INT32.getNumber(), inits.get(bias.getInput(0)).getDataType());
            // dequantised weights are within half a level of the (batch-norm folded) fp32 weights
            String original = dq.getInput(0).replaceFirst("_quantized$", "");
            float[] w = QdqQuantizer.floats(foldedInits.get(original));
            float[] s = QdqQuantizer.floats(scale);
            byte[] levels = q.getRawData().toByteArray();
            int per = w.length / s.length;
            for (int c = 0; c < s.length; c++) {
                float max = 0;
                for (int k = 0; k < per; k++) {
                    max = Math.max(max, Math.abs(w[c * per + k]));
                    assertTrue(Math.abs(levels[c * per + k] * s[c] - w[c * per + k]) <= s[c] * 0.5001f);
                }
                assertEquals(max / 127f, s[c], 1e-6f * max);
            }
        }
        assertEquals(28, linear, "27 convolutions and the classifier");
        assertEquals(28, int8.summary().weights());
        assertEquals(27, int8.summary().foldedBatchNorms());
        assertTrue(int8.summary().bytes() < fp32.getSerializedSize() / 3, "int8 weights: about a quarter the size");
    }

    @Test
    void onnxRuntimeRunsEveryConvolutionAsQLinearConv() {
        Map<String, Integer> ops = OrtQdq.optimizedOps(int8File, OptLevel.ALL_OPT, dir.resolve("opt"));
        int qconv = ops.getOrDefault("QLinearConv", 0) + ops.getOrDefault("com.microsoft:QLinearConv", 0);
        assertEquals(27, qconv, ops.toString());
        assertEquals(1, ops.getOrDefault("com.microsoft:QGemm", 0), ops.toString());
        assertFalse(ops.keySet().stream().anyMatch(k -> k.endsWith("Conv") && !k.endsWith("QLinearConv")),
                "no float convolution left: " + ops);
        assertEquals(27 + 1 + 1, OrtQdq.integerKernels(ops), ops.toString()); // + QLinearAveragePool
    }

    @Test
    void foldingBatchNormsKeepsTheFp32Output() throws Exception {
        Path folded = dir.resolve("folded.onnx");
        OnnxExport.write(fp32.toBuilder().setGraph(QdqQuantizer.foldBatchNorms(fp32.getGraph())).build(), folded);
        assertEquals(0, QdqQuantizer.foldBatchNorms(fp32.getGraph()).getNodeList().stream()
                .filter(n -> n.getOpType().equals("BatchNormalization")).count());
        float[] x = input(4, 11);
        double err = Check.relativeError(run(new OrtNetworkBackend(), folded, x, 4, NetRequest.F32, "cpu-none"),
                run(new OrtNetworkBackend(), fp32File, x, 4, NetRequest.F32, "cpu-none"));
        assertTrue(err < 1e-5, "folding changes only rounding: " + err);
    }

    @Test
    void int8OutputAgreesWithFp32WithinTheQuantisedBoundButIsNotFp32() throws Exception {
        float[] x = input(4, 12);
        float[] ref = run(new OrtNetworkBackend(), fp32File, x, 4, NetRequest.F32, "cpu-none");
        float[] out = run(new OrtNetworkBackend(), int8File, x, 4, NetRequest.INT8, "cpu-all");
        double err = Check.relativeError(out, ref);
        assertTrue(err <= Tolerance.QUANTIZED, "rel_err " + err);
        assertTrue(err > 1e-5, "quantised arithmetic differs from fp32: " + err);
        try (NetSession s = session(new OrtNetworkBackend(), int8File, x, 4, NetRequest.INT8)) {
            assertEquals(Tolerance.QUANTIZED, Tolerance.of(s.execution()), "the int8 session states int8");
        }
    }

    @Test
    void openCvRefusesTheQdqModelWithItsOwnLayerList() throws Exception {
        OpenCvNetworkBackend cv = new OpenCvNetworkBackend();
        Availability a = cv.probe();
        Assumptions.assumeTrue(a.available(), "opencv: " + a.reason());
        float[] x = input(1, 13);
        UnsupportedException e = assertThrows(UnsupportedException.class,
                () -> run(cv, int8File, x, 1, NetRequest.INT8, "winograd"));
        assertTrue(e.getMessage().contains("Dequantize=") && e.getMessage().contains("Convolution=")
                && e.getMessage().contains("ConvolutionInt8"), e.getMessage());
        // the fp32 model still runs on OpenCV
        assertEquals(1000, run(cv, fp32File, x, 1, NetRequest.F32, "winograd").length);
    }

    @Test
    void aModelWithoutAnImageInputIsRefusedNamingIt() {
        ModelProto noInput = fp32.toBuilder().setGraph(fp32.getGraph().toBuilder().setInput(0, fp32.getGraph()
                .getInput(0).toBuilder().setType(ai.onnx.proto.OnnxMl.TypeProto.newBuilder().setTensorType(
                        ai.onnx.proto.OnnxMl.TypeProto.Tensor.newBuilder().setElemType(1))))).build();
        org.opbench.network.ModelException e = assertThrows(org.opbench.network.ModelException.class,
                () -> QdqQuantizer.quantize(noInput, 1, OrtQdq.calibrator(1)));
        assertTrue(e.getMessage().contains("N x C x H x W"), e.getMessage());
    }

    @Test
    void aWeightSharedByTwoConvolutionsIsRefusedBeforeCalibration() {
        // SqueezeNet has no batch norm, whose folding would give each convolution a weight of its own
        ModelProto squeeze = OnnxExport.model(Networks.get("squeezenet-1.1").build(), 1);
        GraphProto g = squeeze.getGraph();
        NodeProto first = g.getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).findFirst().orElseThrow();
        GraphProto.Builder b = g.toBuilder();
        for (int i = 0; i < b.getNodeCount(); i++) {
            NodeProto n = b.getNode(i);
            if (n.getOpType().equals("Conv") && !n.getName().equals(first.getName())) {
                b.setNode(i, n.toBuilder().setInput(1, first.getInput(1)));
                break;
            }
        }
        org.opbench.network.ModelException e = assertThrows(org.opbench.network.ModelException.class,
                () -> QdqQuantizer.quantize(squeeze.toBuilder().setGraph(b).build(), 1, (m, in, shape, images, t) -> {
                    throw new AssertionError("calibration must not run");
                }));
        assertTrue(e.getMessage().contains("shares parameter '" + first.getInput(1) + "'"), e.getMessage());
    }

    static float[] input(int batch, long seed) {
        long[] chw = graph.inputDims();
        float[] x = new float[(int) (batch * chw[0] * chw[1] * chw[2])];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }

    static NetSession session(NetworkBackend b, Path model, float[] x, int batch, String dtype) throws Exception {
        return open(b, model, x, batch, dtype, b.algorithms().get(0));
    }

    private static NetSession open(NetworkBackend b, Path model, float[] x, int batch, String dtype, String alg)
            throws Exception {
        NetLayers layers = ShapeInference.infer(graph, batch, MODEL);
        String out = graph.outputs().get(0);
        long[] chw = graph.inputDims();
        return b.open(new NetRequest(model, graph.input(), new long[] {batch, chw[0], chw[1], chw[2]}, x, out,
                layers.outputDims().get(out), 1, alg, Map.of(), graph, layers, dtype));
    }

    static float[] run(NetworkBackend b, Path model, float[] x, int batch, String dtype, String alg)
            throws Exception {
        try (NetSession s = open(b, model, x, batch, dtype, alg)) {
            s.run();
            return s.output().clone();
        }
    }
}
