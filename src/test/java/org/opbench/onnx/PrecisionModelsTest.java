package org.opbench.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opbench.problem.FloatFormats;
import org.opbench.problem.Op;
import org.opbench.problem.Precision;
import org.opbench.problem.Problem;
import org.opbench.problem.ProblemData;
import org.opbench.problem.Problems;

/** The int8 and 16-bit float models carry the problem's levels, scales and values exactly. */
class PrecisionModelsTest {

    private static TensorProto init(GraphProto g, String name) {
        return g.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void int8ConvCarriesLevelsPerChannelScalesAndTheS32Bias() {
        Problem p = Problems.parse(Op.CONV, "g2mb1ic4ih5iw5oc6kh3kw3sh2sw2ph1pw1", Precision.INT8);
        ProblemData d = ProblemData.of(p, 3);
        GraphProto g = PrecisionModels.int8(p, d, false).getGraph();
        assertEquals(1, g.getNodeCount());
        NodeProto n = g.getNode(0);
        assertEquals("QLinearConv", n.getOpType());
        assertEquals(List.of("x", "x_scale", "x_zero_point", "W", "w_scale", "w_zero_point", "y_scale",
                "y_zero_point", "B"), n.getInputList());
        assertEquals(TensorProto.DataType.UINT8.getNumber(), g.getInput(0).getType().getTensorType().getElemType());
        assertEquals(TensorProto.DataType.INT8.getNumber(), init(g, "W").getDataType());
        assertArrayEquals(d.weightLevels(), init(g, "W").getRawData().toByteArray());
        assertEquals(List.of(6L, 2L, 3L, 3L), init(g, "W").getDimsList());
        ByteBuffer scales = init(g, "w_scale").getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (float s : d.quant().weightScales()) {
            assertEquals(s, scales.getFloat());
        }
        ByteBuffer bias = init(g, "B").getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        for (int b : d.biasLevels()) {
            assertEquals(b, bias.getInt());
        }
        assertEquals(d.quant().srcZero(), init(g, "x_zero_point").getRawData().byteAt(0) & 0xFF);
        assertEquals(d.quant().dstZero(), init(g, "y_zero_point").getRawData().byteAt(0) & 0xFF);
    }

    @Test
    void floatIoWrapsTheNodeInQuantizeAndDequantize() {
        Problem p = Problems.parse(Op.FC, "mb2ic8oc4", Precision.INT8);
        ModelProto m = PrecisionModels.int8(p, ProblemData.of(p, 3), true);
        GraphProto g = m.getGraph();
        assertEquals(List.of("QuantizeLinear", "QGemm", "DequantizeLinear"),
                g.getNodeList().stream().map(NodeProto::getOpType).toList());
        assertEquals(PrecisionModels.MS_DOMAIN, g.getNode(1).getDomain());
        assertEquals(TensorProto.DataType.FLOAT.getNumber(), g.getInput(0).getType().getTensorType().getElemType());
        assertEquals(2, m.getOpsetImportCount());
    }

    @Test
    void poolsAreMaxPoolOnU8AndTheContribAveragePool() {
        Problem max = Problems.parse(Op.POOL, "max:mb1ic2ih4iw4kh2kw2sh2sw2", Precision.INT8);
        Problem avg = Problems.parse(Op.POOL, "avg_np:mb1ic2ih4iw4kh3kw3ph1pw1", Precision.INT8);
        assertEquals("MaxPool", PrecisionModels.int8(max, ProblemData.of(max, 1), false).getGraph().getNode(0)
                .getOpType());
        NodeProto a = PrecisionModels.int8(avg, ProblemData.of(avg, 1), false).getGraph().getNode(0);
        assertEquals("QLinearAveragePool", a.getOpType());
        assertEquals(0, a.getAttributeList().stream().filter(x -> x.getName().equals("count_include_pad"))
                .findFirst().orElseThrow().getI());
    }

    @Test
    void reducedFloatModelsHoldTheValuesExactlyInTheType() {
        for (Precision t : new Precision[] {Precision.F16, Precision.BF16}) {
            Problem p = Problems.parse(Op.CONV, "mb1ic2ih4iw4oc3kh3kw3ph1pw1", t);
            ProblemData d = ProblemData.of(p, 5);
            ModelProto m = PrecisionModels.reducedFloat(p, d);
            assertEquals(PrecisionModels.REDUCED_FLOAT_OPSET, m.getOpsetImport(0).getVersion());
            GraphProto g = m.getGraph();
            assertEquals(PrecisionModels.elemType(t), g.getInput(0).getType().getTensorType().getElemType());
            assertEquals(PrecisionModels.elemType(t), g.getOutput(0).getType().getTensorType().getElemType());
            ByteBuffer w = init(g, "W").getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (float v : d.weights()) {
                float back = PrecisionModels.value(t, w.getShort());
                assertEquals(v, back, t + " weight");
                assertEquals(v, FloatFormats.round(t.wei(), v));
            }
        }
    }

    @Test
    void f32AndInt8AreNotReducedFloats() {
        Problem p = Problems.parse(Op.CONV, "mb1ic2ih4iw4oc3kh3kw3ph1pw1", Precision.INT8);
        assertThrows(IllegalArgumentException.class, () -> PrecisionModels.reducedFloat(p, ProblemData.of(p, 1)));
        Problem f = Problems.parse(Op.CONV, "mb1ic2ih4iw4oc3kh3kw3ph1pw1");
        assertThrows(IllegalArgumentException.class, () -> PrecisionModels.int8(f, ProblemData.of(f, 1), false));
    }
}
