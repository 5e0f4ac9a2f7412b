package org.opbench.network;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opbench.onnx.OnnxProtos;

/**
 * Models as other frameworks export them: an input whose batch and spatial axes are free (named, as
 * {@code dim_param}), a stride-2 convolution with TensorFlow-SAME padding {@code pads=[0,0,1,1]}, a ReLU, a 3x3 conv
 * and a max pool.
 */
public final class DynamicModels {
    private DynamicModels() {
    }

    static TensorShapeProto.Dimension sym(String name) {
        return TensorShapeProto.Dimension.newBuilder().setDimParam(name).build();
    }

    static TensorShapeProto.Dimension fixed(long v) {
        return TensorShapeProto.Dimension.newBuilder().setDimValue(v).build();
    }

    static ValueInfoProto value(String name, TensorShapeProto.Dimension... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (TensorShapeProto.Dimension d : dims) {
            shape.addDim(d);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber()).setShape(shape)))
                .build();
    }

    static float[] weights(int n) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = ((i * 37) % 17 - 8) / 64f;
        }
        return w;
    }

    /** Input {@code x [N, 3, height, width]}, output {@code y}. */
    public static ModelProto convNet() {
        GraphProto.Builder g = GraphProto.newBuilder().setName("dynconv");
        g.addInput(value("x", sym("N"), fixed(3), sym("height"), sym("width")));
        g.addInitializer(OnnxProtos.floatTensor("w1", weights(8 * 3 * 9), 8, 3, 3, 3));
        g.addInitializer(OnnxProtos.floatTensor("b1", weights(8), 8));
        g.addInitializer(OnnxProtos.floatTensor("w2", weights(8 * 8 * 9), 8, 8, 3, 3));
        g.addInitializer(OnnxProtos.floatTensor("b2", weights(8), 8));
        g.addNode(NodeProto.newBuilder().setName("conv_s2_same").setOpType("Conv").addInput("x").addInput("w1")
                .addInput("b1").addOutput("c1").addAttribute(OnnxProtos.ints("kernel_shape", 3, 3))
                .addAttribute(OnnxProtos.ints("strides", 2, 2)).addAttribute(OnnxProtos.ints("pads", 0, 0, 1, 1)));
        g.addNode(NodeProto.newBuilder().setName("relu").setOpType("Relu").addInput("c1").addOutput("r1"));
        g.addNode(NodeProto.newBuilder().setName("conv3x3").setOpType("Conv").addInput("r1").addInput("w2")
                .addInput("b2").addOutput("c2").addAttribute(OnnxProtos.ints("kernel_shape", 3, 3))
                .addAttribute(OnnxProtos.ints("pads", 1, 1, 1, 1)));
        g.addNode(NodeProto.newBuilder().setName("pool").setOpType("MaxPool").addInput("c2").addOutput("y")
                .addAttribute(OnnxProtos.ints("kernel_shape", 2, 2)).addAttribute(OnnxProtos.ints("strides", 2, 2)));
        g.addOutput(value("y", sym("N"), fixed(8), sym("oh"), sym("ow")));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("opbench-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).setGraph(g).build();
    }

    /** Writes {@link #convNet()} to the path given (how {@code bad-inputs/dynamic-conv.onnx} was made). */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), convNet().toByteArray());
    }
}
