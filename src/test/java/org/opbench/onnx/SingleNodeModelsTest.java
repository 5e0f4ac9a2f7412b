package org.opbench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.opbench.backend.onnxruntime.OnnxRuntimeBackendTest;
import org.opbench.backend.reference.Reference;
import org.opbench.measure.Check;
import org.opbench.measure.Tolerance;
import org.opbench.problem.Op;
import org.opbench.problem.PoolProblem;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;

/** The models are valid ONNX (ONNX Runtime loads them, with and without graph optimisation) and compute the reference. */
class SingleNodeModelsTest {
    private static OrtEnvironment env;

    @BeforeAll
    static void loadRuntime() {
        OnnxRuntimeBackendTest.ready(); // fails where ONNX Runtime must load, skips naming the reason elsewhere
        env = OrtEnvironment.getEnvironment();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "conv, mb1ic3ih5iw5oc4kh3kw3sh1sw1ph1pw1",
        "conv, mb2ic4ih9iw7oc6kh3kw2sh2sw1ph1pw0g2",
        "conv, mb1ic8ih11iw11oc8kh3kw3sh2sw2ph1pw1g8",
        "conv, mb1ic4ih13iw10oc5kh3kw3sh1sw1ph2pw2dh1dw1",
        "fc, mb3ic5ih3iw2oc7",
        "pool, max:mb2ic3ih7iw9kh3kw2sh2sw2ph1pw1",
        "pool, avg_p:mb1ic2ih8iw8oh5ow5kh3kw3sh2sw2ph1pw1",
        "pool, avg_np:mb1ic2ih8iw8oh5ow5kh3kw3sh2sw2ph1pw1",
        "softmax, mb2ic5ih3iw4",
    })
    void ortLoadsAndMatchesReference(String op, String descriptor) throws OrtException {
        Problem p = Problems.parse(Op.parse(op), descriptor);
        ProblemData data = ProblemData.of(p, 7);
        float[] ref = Reference.compute(data);
        byte[] model = SingleNodeModels.build(p, data);
        for (OrtSession.SessionOptions.OptLevel level : List.of(OrtSession.SessionOptions.OptLevel.NO_OPT,
                OrtSession.SessionOptions.OptLevel.ALL_OPT)) {
            Run r = run(model, SingleNodeModels.inputShape(p), data.src(), level);
            assertArrayEquals(SingleNodeModels.outputShape(p), r.shape, level + " output shape");
            double err = Check.relativeError(r.values, ref);
            assertTrue(err <= Tolerance.EXACT_ORDER, level + ": relative error " + err);
        }
    }

    @Test
    void declaresOpsetInputAndOutput() {
        Problem p = Problems.parse(Op.SOFTMAX, "mb2ic5ih3iw4");
        ModelProto m = SingleNodeModels.model(p, ProblemData.of(p, 1));
        assertEquals(SingleNodeModels.IR_VERSION, m.getIrVersion());
        assertEquals(1, m.getOpsetImportCount());
        assertEquals("", m.getOpsetImport(0).getDomain());
        assertEquals(17, m.getOpsetImport(0).getVersion());
        assertEquals(List.of(2L, 5L, 3L, 4L), dims(m.getGraph().getInput(0)));
        assertEquals("x", m.getGraph().getInput(0).getName());
        assertEquals("y", m.getGraph().getOutput(0).getName());
        NodeProto n = m.getGraph().getNode(0);
        assertEquals("Softmax", n.getOpType());
        assertEquals(1, attr(n, "axis").getI());
    }

    @Test
    void convCarriesGroupPadsStridesDilationsAndInitializers() {
        Problem p = Problems.parse(Op.CONV, "mb2ic4ih9iw9oc6kh3kw2sh2sw1ph1pw0g2dh1dw0");
        ProblemData d = ProblemData.of(p, 1);
        ModelProto m = SingleNodeModels.model(p, d);
        NodeProto n = m.getGraph().getNode(0);
        assertEquals("Conv", n.getOpType());
        assertEquals(List.of("x", "W", "B"), n.getInputList());
        assertEquals(2, attr(n, "group").getI());
        assertEquals(List.of(3L, 2L), attr(n, "kernel_shape").getIntsList());
        assertEquals(List.of(2L, 1L), attr(n, "strides").getIntsList());
        assertEquals(List.of(1L, 0L, 1L, 0L), attr(n, "pads").getIntsList());
        assertEquals(List.of(2L, 1L), attr(n, "dilations").getIntsList());
        assertEquals(List.of(6L, 2L, 3L, 2L), m.getGraph().getInitializer(0).getDimsList());
        assertEquals(d.weights().length * 4, m.getGraph().getInitializer(0).getRawData().size());
    }

    @Test
    void fcIsOneGemmOnTheFlattenedInput() {
        Problem p = Problems.parse(Op.FC, "mb3ic5ih3iw2oc7");
        ModelProto m = SingleNodeModels.model(p, ProblemData.of(p, 1));
        assertEquals(1, m.getGraph().getNodeCount());
        NodeProto n = m.getGraph().getNode(0);
        assertEquals("Gemm", n.getOpType());
        assertEquals(1, attr(n, "transB").getI());
        assertEquals(List.of(3L, 30L), dims(m.getGraph().getInput(0)));
        assertEquals(List.of(7L, 30L), m.getGraph().getInitializer(0).getDimsList());
    }

    @Test
    void ceilModePoolDeclaresTheImpliedPadding() {
        PoolProblem p = (PoolProblem) Problems.parse(Op.POOL, "avg_p:mb1ic2ih8iw6oh5ow3kh3kw3sh2sw2ph1pw1");
        assertTrue(p.ceilMode());
        NodeProto n = SingleNodeModels.poolNode(p);
        assertEquals("AveragePool", n.getOpType());
        assertEquals(List.of(1L, 1L, (long) p.padBottom(), (long) p.padRight()), attr(n, "pads").getIntsList());
        assertEquals(1, attr(n, "count_include_pad").getI());
        assertTrue(n.getAttributeList().stream().noneMatch(a -> a.getName().equals("ceil_mode")));
    }

    /**
     * Why ceil-mode pools are not written with {@code ceil_mode=1}: ORT gives the same output size and the same max
     * and avg_np values, but divides avg_p's clipped last windows by fewer than kh*kw elements.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "max:mb1ic3ih6iw8oh3ow4kh3kw3sh2sw2ph0pw0, true",
        "avg_np:mb2ic2ih8iw8oh5ow5kh3kw3sh2sw2ph1pw1, true",
        "avg_p:mb2ic2ih8iw8oh5ow5kh3kw3sh2sw2ph1pw1, false",
    })
    void ortCeilModeAttributeGivesTheSameSizeButNotAlwaysTheSameValues(String descriptor, boolean matches)
            throws OrtException {
        PoolProblem p = (PoolProblem) Problems.parse(Op.POOL, descriptor);
        assertTrue(p.ceilMode());
        ProblemData data = ProblemData.of(p, 3);
        ModelProto m = SingleNodeModels.model(p, data);
        NodeProto.Builder n = m.getGraph().getNode(0).toBuilder().clearAttribute()
                .addAttribute(OnnxProtos.ints("kernel_shape", p.kh(), p.kw()))
                .addAttribute(OnnxProtos.ints("strides", p.sh(), p.sw()))
                .addAttribute(OnnxProtos.ints("pads", p.ph(), p.pw(), p.ph(), p.pw()))
                .addAttribute(OnnxProtos.intValue("ceil_mode", 1));
        if (!n.getOpType().equals("MaxPool")) {
            n.addAttribute(OnnxProtos.intValue("count_include_pad", descriptor.startsWith("avg_p:") ? 1 : 0));
        }
        byte[] ceil = m.toBuilder().setGraph(m.getGraph().toBuilder().setNode(0, n)).build().toByteArray();
        Run r = run(ceil, SingleNodeModels.inputShape(p), data.src(), OrtSession.SessionOptions.OptLevel.NO_OPT);
        assertArrayEquals(new long[] {p.mb(), p.ic(), p.oh(), p.ow()}, r.shape);
        double err = Check.relativeError(r.values, Reference.compute(data));
        assertEquals(matches, err <= Tolerance.EXACT_ORDER, "relative error " + err);
    }

    @Test
    void weightsBeyondOneProtobufAreRefusedWithAReason() {
        Problem big = Problems.parse(Op.FC, "mb1ic25088oc25000");
        assertTrue(SingleNodeModels.tooLarge(big).contains("2 GiB"));
        assertEquals(null, SingleNodeModels.tooLarge(Problems.parse(Op.FC, "mb1ic25088oc4096")));
    }

    @Test
    void rejectsDataOfAnotherProblem() {
        Problem p = Problems.parse(Op.SOFTMAX, "mb1ic5");
        Problem q = Problems.parse(Op.SOFTMAX, "mb1ic6");
        assertThrows(IllegalArgumentException.class, () -> SingleNodeModels.build(p, ProblemData.of(q, 1)));
    }

    private record Run(long[] shape, float[] values) {
    }

    private static Run run(byte[] model, long[] inShape, float[] src, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(level);
            so.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(model, so);
                 OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(src), inShape);
                 OrtSession.Result r = s.run(Map.of(SingleNodeModels.INPUT, x))) {
                OnnxTensor y = (OnnxTensor) r.get(SingleNodeModels.OUTPUT).orElseThrow();
                FloatBuffer b = y.getFloatBuffer();
                float[] out = new float[b.remaining()];
                b.get(out);
                return new Run(y.getInfo().getShape(), out);
            }
        }
    }

    private static List<Long> dims(ValueInfoProto v) {
        return v.getType().getTensorType().getShape().getDimList().stream()
                .map(TensorShapeProto.Dimension::getDimValue).toList();
    }

    private static AttributeProto attr(NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst().orElseThrow();
    }
}
