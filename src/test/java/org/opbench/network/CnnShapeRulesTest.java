package org.opbench.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.network.onnx.OnnxImport;
import org.opbench.onnx.OnnxProtos;

/**
 * The shape rules of the operators real CNN exports use, each in a model whose input {@code x [N, 8, height, width]}
 * has free spatial axes, read with {@code --input-shape x:1x8x20x30}; the expected shapes are worked out by hand from
 * the ONNX operator definitions (onnx/defs/*&#47;defs.cc).
 */
class CnnShapeRulesTest {
    @TempDir
    Path dir;

    /** A model under construction: input x [N, 8, height, width] (free), nodes, initializers, one output. */
    static final class Model {
        final GraphProto.Builder g = GraphProto.newBuilder().setName("rules");
        final int opset;

        Model(int opset) {
            this.opset = opset;
            g.addInput(DynamicModels.value("x", DynamicModels.sym("N"), DynamicModels.fixed(8), DynamicModels.sym("height"),
                    DynamicModels.sym("width")));
        }

        Model node(String op, List<String> ins, List<String> outs, AttributeProto... attrs) {
            NodeProto.Builder n = NodeProto.newBuilder().setName(outs.get(0)).setOpType(op).addAllInput(ins)
                    .addAllOutput(outs);
            for (AttributeProto a : attrs) {
                n.addAttribute(a);
            }
            g.addNode(n);
            return this;
        }

        Model weights(String name, long... dims) {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            g.addInitializer(OnnxProtos.floatTensor(name, DynamicModels.weights((int) n), dims));
            return this;
        }

        Model floats(String name, float... values) {
            g.addInitializer(OnnxProtos.floatTensor(name, values, values.length));
            return this;
        }

        Model ints(String name, long... values) {
            TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                    .setDataType(TensorProto.DataType.INT64.getNumber()).addDims(values.length);
            for (long v : values) {
                t.addInt64Data(v);
            }
            g.addInitializer(t);
            return this;
        }

        /** A Constant node holding one INT64 scalar (as exporters write indices). */
        Model scalarConstant(String name, long value) {
            TensorProto t = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64.getNumber())
                    .addInt64Data(value).build();
            g.addNode(NodeProto.newBuilder().setName(name).setOpType("Constant").addOutput(name).addAttribute(
                    AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(t)));
            return this;
        }

        NetLayers layers(Path dir, String output) throws IOException {
            g.addOutput(DynamicModels.value(output, DynamicModels.sym("N")));
            ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
            Path f = dir.resolve("m" + System.nanoTime() + ".onnx");
            Files.write(f, m.toByteArray());
            NetGraph graph = OnnxImport.read(f, InputShapes.parse(List.of("x:1x8x20x30"), List.of())).graph();
            return ShapeInference.infer(graph, 1, f.toString());
        }
    }

    static AttributeProto str(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(value)).build();
    }

    static AttributeProto floatsAttr(String name, float... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOATS);
        for (float v : values) {
            b.addFloats(v);
        }
        return b.build();
    }

    static long[] dims(NetLayers layers, String name) {
        return layers.get(name).outDims();
    }

    @Test
    void resizeWithScalesOrSizesAndUpsample() throws IOException {
        NetLayers l = new Model(11).floats("roi").floats("s2", 1, 1, 2, 2).floats("s15", 1, 1, 1.5f, 1.5f)
                .ints("sizes", 1, 8, 33, 47).floats("empty")
                .node("Resize", List.of("x", "roi", "s2"), List.of("up2"), str("mode", "nearest"))
                .node("Resize", List.of("x", "roi", "s15"), List.of("up15"), str("mode", "linear"))
                .node("Resize", List.of("x", "roi", "empty", "sizes"), List.of("sized"))
                .layers(dir, "sized");
        assertArrayEquals(new long[] {1, 8, 40, 60}, dims(l, "up2"));
        assertArrayEquals(new long[] {1, 8, 30, 45}, dims(l, "up15")); // floor(20 * 1.5), floor(30 * 1.5)
        assertArrayEquals(new long[] {1, 8, 33, 47}, dims(l, "sized"));
        assertEquals(0, l.withoutFlops());
        NetLayers half = new Model(10).floats("s", 1, 1, 0.5f, 0.34f)
                .node("Resize", List.of("x", "s"), List.of("down")).layers(dir, "down");
        assertArrayEquals(new long[] {1, 8, 10, 10}, dims(half, "down")); // floor(30 * 0.34) = 10
        NetLayers up = new Model(9).floats("s", 1, 1, 2, 3)
                .node("Upsample", List.of("x", "s"), List.of("up")).layers(dir, "up");
        assertArrayEquals(new long[] {1, 8, 40, 90}, dims(up, "up"));
        NetLayers old = new Model(7).node("Upsample", List.of("x"), List.of("up"), floatsAttr("scales", 1, 1, 2, 2))
                .layers(dir, "up");
        assertArrayEquals(new long[] {1, 8, 40, 60}, dims(old, "up"));
    }

    @Test
    void convTransposeWithPadsOutputPaddingOutputShapeAndAutoPad() throws IOException {
        NetLayers l = new Model(17).weights("w", 8, 4, 3, 3).weights("w2", 8, 4, 2, 2).weights("wg", 8, 2, 3, 3)
                .node("ConvTranspose", List.of("x", "w"), List.of("padded"), OnnxProtos.ints("strides", 2, 2),
                        OnnxProtos.ints("pads", 1, 1, 1, 1), OnnxProtos.ints("output_padding", 1, 1))
                .node("ConvTranspose", List.of("x", "w2"), List.of("k2s2"), OnnxProtos.ints("strides", 2, 2))
                .node("ConvTranspose", List.of("x", "w"), List.of("shaped"), OnnxProtos.ints("strides", 2, 2),
                        OnnxProtos.ints("output_shape", 41, 61))
                .node("ConvTranspose", List.of("x", "w"), List.of("same"), OnnxProtos.ints("strides", 2, 2),
                        str("auto_pad", "SAME_UPPER"))
                .node("ConvTranspose", List.of("x", "wg"), List.of("grouped"), OnnxProtos.intValue("group", 2),
                        OnnxProtos.ints("dilations", 2, 2))
                .layers(dir, "grouped");
        // 2 * (20 - 1) + 1 + 3 - 2 = 40, 2 * (30 - 1) + 1 + 3 - 2 = 60
        assertArrayEquals(new long[] {1, 4, 40, 60}, dims(l, "padded"));
        assertEquals(2L * 8 * 20 * 30 * 4 * 9, l.get("padded").flops());
        assertArrayEquals(new long[] {1, 4, 40, 60}, dims(l, "k2s2")); // 2 * 19 + 2, PP-OCR's det head
        assertArrayEquals(new long[] {1, 4, 41, 61}, dims(l, "shaped"));
        assertArrayEquals(new long[] {1, 4, 40, 60}, dims(l, "same"));
        // group 2: 2 x 2 = 4 output channels; dilation 2: (20 - 1) + (3 - 1) * 2 + 1 = 24
        assertArrayEquals(new long[] {1, 4, 24, 34}, dims(l, "grouped"));
        assertEquals(2L * 8 * 20 * 30 * 2 * 9, l.get("grouped").flops());
        assertNull(l.get("padded").problem());
        assertTrue(l.get("padded").note().contains("deconvolution"), l.get("padded").note());
    }

    @Test
    void gatesAndSqueezeExcite() throws IOException {
        NetLayers l = new Model(13).weights("w1", 2, 8, 1, 1).weights("b1", 2).weights("w2", 8, 2, 1, 1)
                .weights("b2", 8).ints("hw", 2, 3).floats("lo", 0).floats("hi", 6)
                .node("GlobalAveragePool", List.of("x"), List.of("gap"))
                .node("Conv", List.of("gap", "w1", "b1"), List.of("squeeze"))
                .node("Relu", List.of("squeeze"), List.of("r"))
                .node("Conv", List.of("r", "w2", "b2"), List.of("excite"))
                .node("HardSigmoid", List.of("excite"), List.of("gate"))
                .node("Mul", List.of("x", "gate"), List.of("scaled"))
                .node("ReduceMean", List.of("scaled"), List.of("mean"), OnnxProtos.ints("axes", 2, 3))
                .node("ReduceMean", List.of("scaled"), List.of("flat"), OnnxProtos.ints("axes", -1),
                        OnnxProtos.intValue("keepdims", 0))
                .node("Sigmoid", List.of("mean"), List.of("sig"))
                .node("Mul", List.of("scaled", "sig"), List.of("se"))
                .node("HardSwish", List.of("se"), List.of("hs"))
                .node("Clip", List.of("hs", "lo", "hi"), List.of("clip"))
                .layers(dir, "clip");
        assertArrayEquals(new long[] {1, 8, 1, 1}, dims(l, "gap"));
        assertArrayEquals(new long[] {1, 2, 1, 1}, dims(l, "squeeze"));
        assertArrayEquals(new long[] {1, 8, 20, 30}, dims(l, "scaled")); // [1,8,20,30] x [1,8,1,1]
        assertArrayEquals(new long[] {1, 8, 1, 1}, dims(l, "mean"));
        assertArrayEquals(new long[] {1, 8, 20}, dims(l, "flat"));
        assertArrayEquals(new long[] {1, 8, 20, 30}, dims(l, "se"));
        assertArrayEquals(new long[] {1, 8, 20, 30}, dims(l, "clip"));
        assertEquals(2L * 8 * 2, l.get("squeeze").flops()); // a 1x1 conv on 1x1: 2 * ic * oc
    }

    @Test
    void concatSplitSliceTransposeReshapePad() throws IOException {
        NetLayers l = new Model(13).ints("starts", 2).ints("ends", -1).ints("axes", 2).ints("s0", 0)
                .ints("big", Long.MAX_VALUE).ints("a3", 3).ints("step2", 2).ints("split", 3, 5).ints("shape", 0, -1, 8)
                .ints("pads", 0, 0, 1, 2, 0, 0, 3, 4)
                .node("Split", List.of("x", "split"), List.of("p3", "p5"), OnnxProtos.intValue("axis", 1))
                .node("Identity", List.of("p5"), List.of("p5id"))
                .node("Concat", List.of("p5", "p3"), List.of("cat"), OnnxProtos.intValue("axis", 1))
                .node("Slice", List.of("cat", "starts", "ends", "axes"), List.of("rows"))
                .node("Slice", List.of("rows", "s0", "big", "a3", "step2"), List.of("cols"))
                .node("Transpose", List.of("cols"), List.of("nhwc"), OnnxProtos.ints("perm", 0, 2, 3, 1))
                .node("Reshape", List.of("nhwc", "shape"), List.of("tokens"))
                .node("Pad", List.of("x", "pads"), List.of("padded"))
                .layers(dir, "tokens");
        assertArrayEquals(new long[] {1, 3, 20, 30}, dims(l, "p3"));
        assertArrayEquals(new long[] {1, 5, 20, 30}, dims(l, "p5id")); // Split's second output
        assertArrayEquals(new long[] {1, 8, 20, 30}, dims(l, "cat"));
        assertArrayEquals(new long[] {1, 8, 17, 30}, dims(l, "rows")); // 2 .. 20 - 1
        assertArrayEquals(new long[] {1, 8, 17, 15}, dims(l, "cols")); // 0 .. end step 2
        assertArrayEquals(new long[] {1, 17, 15, 8}, dims(l, "nhwc"));
        assertArrayEquals(new long[] {1, 255, 8}, dims(l, "tokens")); // 0 copies 1, -1 is 17 * 15
        assertArrayEquals(new long[] {1, 8, 24, 36}, dims(l, "padded"));
        NetLayers old = new Model(9).node("Slice", List.of("x"), List.of("s"), OnnxProtos.ints("starts", 1, -5),
                OnnxProtos.ints("ends", 100, -1), OnnxProtos.ints("axes", 1, 3)).layers(dir, "s");
        assertArrayEquals(new long[] {1, 7, 20, 4}, dims(old, "s")); // 1..8 clamped, 25..29
    }

    @Test
    void shapeGatherConcatReshapeIsFolded() throws IOException {
        NetLayers l = new Model(13).ints("idx", 0, 1).ints("minus1", -1).ints("zero", 0).ints("two", 2)
                .scalarConstant("i2", 2).ints("ax0", 0)
                .node("Shape", List.of("x"), List.of("shape"))
                .node("Gather", List.of("shape", "idx"), List.of("nc"))
                .node("Concat", List.of("nc", "minus1"), List.of("target"), OnnxProtos.intValue("axis", 0))
                .node("Reshape", List.of("x", "target"), List.of("flat"))
                .node("Slice", List.of("shape", "zero", "two"), List.of("nc2"))
                .node("Cast", List.of("nc2"), List.of("nc2i"), OnnxProtos.intValue("to", 7))
                .node("Gather", List.of("shape", "i2"), List.of("h"))
                .node("Unsqueeze", List.of("h", "ax0"), List.of("h1"))
                .node("Concat", List.of("nc2i", "h1", "minus1"), List.of("t2"), OnnxProtos.intValue("axis", 0))
                .node("Reshape", List.of("x", "t2"), List.of("same"))
                .layers(dir, "same");
        assertArrayEquals(new long[] {1, 8, 600}, dims(l, "flat"));
        assertArrayEquals(new long[] {1, 8, 20, 30}, dims(l, "same"));
    }

    @Test
    void gatherOnActivationsAndConstantsGivenAsValueInts() throws IOException {
        Model m = new Model(13).ints("rows", 0, 5, 7);
        m.g.addNode(NodeProto.newBuilder().setName("target").setOpType("Constant").addOutput("target")
                .addAttribute(OnnxProtos.ints("value_ints", 0, 8, -1)));
        NetLayers l = m.node("Gather", List.of("x", "rows"), List.of("picked"), OnnxProtos.intValue("axis", 2))
                .node("Reshape", List.of("picked", "target"), List.of("flat"))
                .layers(dir, "flat");
        assertArrayEquals(new long[] {1, 8, 3, 30}, dims(l, "picked")); // three rows of height 20
        assertArrayEquals(new long[] {1, 8, 90}, dims(l, "flat"));
    }

    @Test
    void batchedMatMulIsCounted() throws IOException {
        NetLayers l = new Model(13).ints("shape", 0, 8, -1).weights("w", 600, 16)
                .node("Reshape", List.of("x", "shape"), List.of("seq"))
                .node("Transpose", List.of("seq"), List.of("seqT"), OnnxProtos.ints("perm", 0, 2, 1))
                .node("MatMul", List.of("seq", "seqT"), List.of("attn"))
                .node("MatMul", List.of("seq", "w"), List.of("linear"))
                .layers(dir, "linear");
        assertArrayEquals(new long[] {1, 8, 8}, dims(l, "attn"));
        assertEquals(2L * 8 * 600 * 8, l.get("attn").flops());
        assertArrayEquals(new long[] {1, 8, 16}, dims(l, "linear"));
        assertEquals(2L * 8 * 600 * 16, l.get("linear").flops());
    }

    @Test
    void operatorWithoutRuleLeavesItsLayersWithoutCounts() throws IOException {
        NetLayers l = new Model(17).weights("w", 8, 8, 3, 3)
                .node("Conv", List.of("x", "w"), List.of("c1"), OnnxProtos.ints("pads", 1, 1, 1, 1))
                .node("LpNormalization", List.of("c1"), List.of("norm"))
                .node("Conv", List.of("norm", "w"), List.of("c2"))
                .node("Relu", List.of("c2"), List.of("y"))
                .layers(dir, "y");
        assertEquals(2L * 8 * 20 * 30 * 8 * 9, l.get("c1").flops());
        assertNull(l.get("norm").flops());
        assertNull(l.get("norm").outDims());
        assertTrue(l.get("norm").note().contains("operator LpNormalization has no shape rule"), l.get("norm").note());
        assertNull(l.get("c2").flops());
        assertTrue(l.get("c2").note().contains("input 'norm' has an unknown shape (from layer 'norm')"),
                l.get("c2").note());
        assertEquals(3, l.withoutFlops());
        assertEquals("3 of 4 layers without counts", l.flopsCaveat());
        assertEquals(l.get("c1").flops(), l.flops());
        assertNull(l.outputDims().get("y"));
        assertTrue(ShapeSetText.coverage(l).contains("# 3 of 4 layers without counts (first: 'norm': operator "
                + "LpNormalization"), ShapeSetText.coverage(l));
    }

    @Test
    void shapesTheRulesRejectNameTheNode() {
        ModelException scales = assertThrows(ModelException.class, () -> new Model(11).floats("roi")
                .floats("s", 2, 2).node("Resize", List.of("x", "roi", "s"), List.of("up")).layers(dir, "up"));
        assertTrue(scales.getMessage().contains("node 'up' (Resize): scales [2.0, 2.0] has 2 values for a tensor of "
                + "rank 4"), scales.getMessage());
        assertTrue(scales.getMessage().contains("--input-shape x:1x8x20x30"), scales.getMessage());
        ModelException deconv = assertThrows(ModelException.class, () -> new Model(17).weights("w", 4, 4, 3, 3)
                .node("ConvTranspose", List.of("x", "w"), List.of("up")).layers(dir, "up"));
        assertTrue(deconv.getMessage().contains("node 'up' (ConvTranspose): weights [4, 4, 3, 3] with group 1 do not "
                + "match input channels 8"), deconv.getMessage());
        ModelException split = assertThrows(ModelException.class, () -> new Model(13).ints("split", 3, 3)
                .node("Split", List.of("x", "split"), List.of("a", "b"), OnnxProtos.intValue("axis", 1))
                .layers(dir, "a"));
        assertTrue(split.getMessage().contains("node 'a' (Split): split [3, 3] does not divide dimension 1 (8)"),
                split.getMessage());
    }
}
