package org.opbench.network;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.network.models.Networks;
import org.opbench.network.onnx.OnnxExport;
import org.opbench.network.onnx.OnnxImport;

/** Model files opbench cannot read are refused with the file's path and the reason. */
class OnnxImportErrorTest {
    @TempDir
    static Path dir;
    static ModelProto good;
    static byte[] goodBytes;

    @BeforeAll
    static void model() {
        good = OnnxExport.model(Networks.get("mobilenet-v1-0.25-128").build(), 1);
        goodBytes = good.toByteArray();
    }

    /** Writes the good model with its graph replaced by {@code g} to {@code name} and expects it refused. */
    private static void assertRefused(GraphProto.Builder g, String name, String reason) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, good.toBuilder().setGraph(g).build().toByteArray());
        assertRefused(f, reason);
    }

    private static void assertRefused(Path file, String reason) {
        ModelException e = assertThrows(ModelException.class, () -> OnnxImport.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void truncatedFile() throws IOException {
        Path f = dir.resolve("truncated.onnx");
        Files.write(f, Arrays.copyOf(goodBytes, goodBytes.length / 2));
        assertRefused(f, "not a valid ONNX protobuf");
    }

    @Test
    void notProtobuf() throws IOException {
        Path f = dir.resolve("text.onnx");
        Files.writeString(f, "<html>404 Not Found</html>\n");
        assertRefused(f, "not a valid ONNX protobuf");
        Path g = dir.resolve("garbage.onnx");
        Files.write(g, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f});
        assertRefused(g, "ONNX");
    }

    @Test
    void emptyOrMissingFile() throws IOException {
        Path f = dir.resolve("empty.onnx");
        Files.write(f, new byte[0]);
        assertRefused(f, "empty file");
        assertRefused(dir.resolve("absent.onnx"), "no such file");
    }

    @Test
    void protobufWithoutGraph() throws IOException {
        Path f = dir.resolve("nograph.onnx");
        Files.write(f, ModelProto.newBuilder().setIrVersion(8).build().toByteArray());
        assertRefused(f, "no graph");
    }

    @Test
    void missingInitializer() throws IOException {
        GraphProto.Builder g = good.getGraph().toBuilder();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            if (g.getInitializer(i).getName().equals("conv2_1/dw/W")) {
                g.removeInitializer(i);
                break;
            }
        }
        assertRefused(g, "missing-initializer.onnx",
                "node 'conv2_1/dw' (Conv): input 'conv2_1/dw/W' is neither a graph input, an initializer");
    }

    @Test
    void operatorWithoutShapeRuleIsReadWithoutCounts() throws IOException {
        GraphProto.Builder g = good.getGraph().toBuilder();
        NodeProto.Builder n = g.getNodeBuilder(2);
        n.setOpType("LpNormalization"); // an operator opbench has no shape rule for: the model is read, not refused
        Path f = dir.resolve("unsupported.onnx");
        Files.write(f, good.toBuilder().setGraph(g).build().toByteArray());
        NetLayers layers = ShapeInference.infer(OnnxImport.read(f).graph(), 1, f.toString());
        NetLayer l = layers.layers().get(2);
        assertTrue(l.flops() == null && l.note().contains("operator LpNormalization has no shape rule"), l.note());
        assertTrue(layers.flopsCaveat().endsWith("of " + layers.layers().size() + " layers without counts"),
                layers.flopsCaveat());
    }

    @Test
    void otherDomainIsReadWithoutCounts() throws IOException {
        GraphProto.Builder g = good.getGraph().toBuilder();
        g.getNodeBuilder(1).setDomain("com.microsoft").setOpType("FusedConv");
        Path f = dir.resolve("domain.onnx");
        Files.write(f, good.toBuilder().setGraph(g).build().toByteArray());
        NetLayer l = ShapeInference.infer(OnnxImport.read(f).graph(), 1, f.toString()).layers().get(1);
        assertTrue(l.flops() == null && l.note().contains("operator com.microsoft.FusedConv has no shape rule"),
                l.note());
    }

    @Test
    void inputThatIsNoImage() throws IOException {
        GraphProto.Builder g = good.getGraph().toBuilder();
        g.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().removeDim(3);
        assertRefused(g, "input3d.onnx", "has 3 dimensions");
    }

    @Test
    void shapesThatDoNotFit() throws IOException {
        GraphProto.Builder g = good.getGraph().toBuilder();
        g.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(1)
                .setDimValue(4);
        assertRefused(g, "channels.onnx",
                "node 'conv1' (Conv): weights [8, 3, 3, 3] with group 1 do not match input channels 4");
    }
}
