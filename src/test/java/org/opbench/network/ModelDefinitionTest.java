package org.opbench.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.env.OpbenchHome;
import org.opbench.network.models.BuiltinNetwork;
import org.opbench.network.models.Networks;
import org.opbench.network.onnx.OnnxExport;
import org.opbench.network.onnx.OnnxImport;
import org.opbench.problem.Layer;
import org.opbench.problem.ShapeSet;
import org.opbench.problem.ShapeSetReader;
import org.opbench.problem.ShapeSets;

/**
 * One definition per network: the committed shape sets are exactly what the definitions generate (so they cannot
 * drift; rewrite them with {@code opbench export all --format shapes --out tensors/}), and every definition goes
 * to ONNX and back to the same layer list.
 */
class ModelDefinitionTest {
    private static final Path TENSORS = OpbenchHome.tensorsDir();

    @Test
    void everyShapeSetInTensorsIsDefined() {
        assertEquals(ShapeSets.names(TENSORS).stream().sorted().toList(),
                Networks.names().stream().sorted().toList());
    }

    @Test
    void committedShapeSetsAreWhatTheDefinitionsGenerate() throws IOException {
        for (BuiltinNetwork n : Networks.all()) {
            Path file = TENSORS.resolve(n.name() + ".txt");
            ShapeSet committed = ShapeSetReader.read(file);
            List<Layer> generated = ShapeSetText.layers(ShapeInference.infer(n.build(), 1, n.name()));
            assertEquals(lines(committed.layers()), lines(generated), n.name() + ": layer list differs from " + file);
            assertEquals(Files.readString(file), n.shapeSetFile(), n.name() + ": header or comments differ from "
                    + file + " (rewrite with opbench export all --format shapes --out tensors/)");
        }
    }

    private static String lines(List<Layer> layers) {
        return layers.stream().map(l -> l.problem().op().id() + " " + l.problem() + " x" + l.repeat())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void everyDefinitionRoundTripsThroughOnnx(@TempDir Path dir) throws IOException {
        for (BuiltinNetwork n : Networks.all()) {
            NetGraph g = n.build();
            Path f = dir.resolve(n.name() + ".onnx");
            try (OutputStream out = Files.newOutputStream(f)) {
                OnnxExport.model(g, 1, false).writeTo(out); // shapes only: no weights generated
            }
            OnnxImport.Imported imp = OnnxImport.read(f);
            assertEquals(0, imp.fileBatch(), "batch is free");
            assertSameLayers(ShapeInference.infer(g, 3, n.name()), ShapeInference.infer(imp.graph(), 3, f.toString()));
            assertEquals(g.parameterCount(), imp.graph().parameterCount(), n.name());
        }
    }

    @Test
    void fullExportWithWeightsRoundTripsAndIsReproducible(@TempDir Path dir) throws IOException {
        NetGraph g = Networks.get("mobilenet-v1-0.25-128").build();
        Path a = dir.resolve("a.onnx");
        Path b = dir.resolve("b.onnx");
        OnnxExport.write(g, 7, a);
        OnnxExport.write(g, 7, b);
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)), "same graph and seed, same bytes");
        assertTrue(Files.size(a) > 4 * g.parameterCount(), "weights are in the file");
        assertSameLayers(ShapeInference.infer(g, 1, "def"), ShapeInference.infer(OnnxImport.read(a).graph(), 1, "file"));
    }

    static void assertSameLayers(NetLayers expected, NetLayers actual) {
        assertEquals(expected.layers().size(), actual.layers().size());
        for (int i = 0; i < expected.layers().size(); i++) {
            NetLayer e = expected.layers().get(i);
            NetLayer a = actual.layers().get(i);
            assertEquals(e.name(), a.name());
            assertEquals(e.onnxOp(), a.onnxOp(), e.name());
            assertEquals(String.valueOf(e.problem()), String.valueOf(a.problem()), e.name());
            assertEquals(e.flops(), a.flops(), e.name());
            assertTrue(java.util.Arrays.equals(e.outDims(), a.outDims()), e.name());
        }
        assertEquals(expected.flops(), actual.flops());
    }

    @Test
    void batchScalesEveryProblemAndTheTotal() {
        NetGraph g = Networks.get("resnet-50").build();
        NetLayers one = ShapeInference.infer(g, 1, "r");
        NetLayers eight = ShapeInference.infer(g, 8, "r");
        assertEquals(8 * one.flops(), eight.flops());
        for (NetLayer l : eight.layers()) {
            if (l.problem() != null) {
                assertEquals(8, l.problem().mb(), l.name());
            }
        }
        assertEquals(8, eight.outputDims().get("prob")[0]);
    }

    @Test
    void networkTotalIsTheShapeSetTotalPlusSoftmax() {
        for (BuiltinNetwork n : Networks.all()) {
            NetLayers l = ShapeInference.infer(n.build(), 1, n.name());
            long shapeSet = ShapeSetText.layers(l).stream().mapToLong(x -> x.problem().flops() * x.repeat()).sum();
            NetLayer prob = l.get("prob");
            assertNotNull(prob, n.name());
            assertEquals("softmax", prob.op());
            assertEquals(shapeSet + prob.flops(), l.flops(), n.name());
        }
    }

    @Test
    void publishedDetailsArePresent() {
        for (BuiltinNetwork n : Networks.all()) {
            assertTrue(n.comments().startsWith("# "), n.name());
            assertTrue(n.top1() != null && n.top1() > 30 && n.top1() < 90, n.name());
            assertTrue(n.top1Source().length() > 20, n.name());
        }
    }
}
