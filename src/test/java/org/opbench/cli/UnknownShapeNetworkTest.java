package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.onnx.OnnxProtos;

/**
 * A model with an operator opbench has no shape rule for ({@code LpNormalization}, which ONNX Runtime runs): it is
 * read and exported with its layers after that operator uncounted, and {@code network}, which needs the output's
 * shape, records {@code unsupported} naming the layer, rather than refusing the model or guessing.
 */
class UnknownShapeNetworkTest {
    @BeforeAll
    static void schema() throws IOException {
        NetworkEndToEndTest.setUp();
    }

    static Path model(Path dir) throws IOException {
        float[] w = new float[8 * 3 * 9];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7 - 3) / 16f;
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName("lpnorm")
                .addInput(OnnxProtos.floatValueInfo("x", 1, 3, 16, 16))
                .addInitializer(OnnxProtos.floatTensor("w", w, 8, 3, 3, 3))
                .addNode(NodeProto.newBuilder().setName("conv").setOpType("Conv").addInput("x").addInput("w")
                        .addOutput("c").addAttribute(OnnxProtos.ints("pads", 1, 1, 1, 1)))
                .addNode(NodeProto.newBuilder().setName("norm").setOpType("LpNormalization").addInput("c")
                        .addOutput("n").addAttribute(OnnxProtos.intValue("axis", 1)))
                .addNode(NodeProto.newBuilder().setName("relu").setOpType("Relu").addInput("n").addOutput("y"))
                .addOutput(OnnxProtos.floatValueInfo("y", 1, 8, 16, 16));
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setGraph(g)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17)).build();
        Path f = dir.resolve("lpnorm.onnx");
        Files.write(f, m.toByteArray());
        return f;
    }

    @Test
    void exportCountsWhatItCanAndNetworkRecordsUnsupported(@TempDir Path dir) throws IOException {
        Path f = model(dir);
        Cli e = Cli.run("export", f.toString(), "--format", "shapes");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("conv mb1ic3ih16iw16oc8oh16ow16kh3kw3sh1sw1ph1pw1g1n\"conv\""), e.out());
        assertTrue(e.out().contains("# 2 of 3 layers without counts (first: 'norm': operator LpNormalization has no "
                + "shape rule in opbench"), e.out());
        NetworkEndToEndTest.assumeAvailable("onnxruntime");
        Path out = dir.resolve("n.jsonl");
        Cli r = Cli.run(NetworkEndToEndTest.args("network", "--model", f.toString(), "--backends", "onnxruntime",
                "--batch", "1", "--out", out.toString()));
        assertEquals(0, r.code(), r.err());
        List<JsonNode> nets = NetworkEndToEndTest.kind(NetworkEndToEndTest.records(out), "network");
        assertEquals(1, nets.size());
        JsonNode n = nets.get(0);
        assertEquals("unsupported", n.path("status").asText(), n.toString());
        assertTrue(n.path("reason").asText().startsWith("opbench cannot derive the shape of output 'y' (layer 'norm': "
                + "operator LpNormalization has no shape rule"), n.path("reason").asText());
        assertEquals(2, n.path("layers_without_flops").asInt());
        assertEquals(2L * 8 * 16 * 16 * 3 * 9, n.path("flops").asLong(), "the conv's count, the rest unknown");
    }
}
