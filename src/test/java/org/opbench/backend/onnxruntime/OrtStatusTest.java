package org.opbench.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;
import org.opbench.spi.BackendException;
import org.opbench.spi.UnsupportedException;

/** ORT's own status codes, from real failing sessions, map to the right opbench exception. */
class OrtStatusTest {

    private static OrtEnvironment env() {
        OnnxRuntimeBackendTest.ready();
        return OrtEnvironment.getEnvironment();
    }

    @Test
    void missingKernelIsUnsupported() {
        // valid ONNX (MatMul allows bfloat16) but the CPU provider has no bfloat16 MatMul kernel: ORT_NOT_IMPLEMENTED
        OrtException e = assertThrows(OrtException.class, () -> session(env(), matMul(TensorProto.DataType.BFLOAT16)));
        assertEquals(OrtException.OrtErrorCode.ORT_NOT_IMPLEMENTED, e.getCode(), e.getMessage());
        BackendException mapped = OrtStatus.map("session", e);
        assertInstanceOf(UnsupportedException.class, mapped);
        assertTrue(mapped.getMessage().contains("ORT_NOT_IMPLEMENTED"), mapped.getMessage());
    }

    @Test
    void invalidModelIsAFailureNotUnsupported() {
        OrtException e = assertThrows(OrtException.class, () -> session(env(), new byte[] {1, 2, 3, 4}));
        BackendException mapped = OrtStatus.map("session", e);
        assertFalse(mapped instanceof UnsupportedException, mapped.getMessage());
        assertTrue(mapped.getMessage().contains(e.getCode().name()), mapped.getMessage());
    }

    private static void session(OrtEnvironment env, byte[] model) throws OrtException {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(model, so)) {
            s.getNumInputs();
        }
    }

    private static byte[] matMul(TensorProto.DataType type) {
        GraphProto g = GraphProto.newBuilder().setName("mm")
                .addInput(info("a", type)).addInput(info("b", type)).addOutput(info("y", type))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").addInput("a").addInput("b").addOutput("y"))
                .build();
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(g).build().toByteArray();
    }

    private static ValueInfoProto info(String name, TensorProto.DataType type) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(2))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(2)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }
}
