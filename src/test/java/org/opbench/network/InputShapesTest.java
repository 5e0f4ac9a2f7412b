package org.opbench.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.network.onnx.OnnxImport;
import org.opbench.network.run.ModelSource;
import org.opbench.problem.ConvProblem;

/** A model with free spatial dimensions, read with the shapes a user gives. */
class InputShapesTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void write() throws IOException {
        model = dir.resolve("dyn.onnx");
        Files.write(model, DynamicModels.convNet().toByteArray());
    }

    static InputShapes shapes(List<String> inputShapes, List<String> dims) {
        return InputShapes.parse(inputShapes, dims);
    }

    @Test
    void freeSpatialDimensionNamesInputDimensionAndFlags() {
        ModelException e = assertThrows(ModelException.class, () -> OnnxImport.read(model));
        assertTrue(e.getMessage().contains("input 'x' has a free dimension 2 ('height')"), e.getMessage());
        assertTrue(e.getMessage().contains("--input-shape x:1x3xHxW"), e.getMessage());
        assertTrue(e.getMessage().contains("--dim height=SIZE"), e.getMessage());
    }

    @Test
    void inputShapeAndNamedDimsGiveTheSameLayers() {
        NetGraph a = OnnxImport.read(model, shapes(List.of("x:1x3x64x48"), List.of())).graph();
        NetGraph b = OnnxImport.read(model, shapes(List.of(), List.of("height=64", "width=48"))).graph();
        assertArrayEquals(new long[] {3, 64, 48}, a.inputDims());
        assertArrayEquals(a.inputDims(), b.inputDims());
        NetLayers layers = ShapeInference.infer(a, 1, "dyn");
        ConvProblem same = (ConvProblem) layers.layers().stream().filter(l -> l.name().equals("conv_s2_same"))
                .findFirst().orElseThrow().problem();
        // pads [0,0,1,1] with stride 2 (TensorFlow SAME): top/left 0, bottom/right 1, not a symmetric stand-in
        assertEquals(0, same.ph());
        assertEquals(1, same.padBottom());
        assertEquals(32, same.oh());
        assertEquals(24, same.ow());
        assertEquals(ShapeInference.infer(b, 1, "dyn").layers().stream().map(NetLayer::problem).toList(),
                layers.layers().stream().map(NetLayer::problem).toList());
    }

    @Test
    void badValuesNameTheFlag() {
        assertThrows(IllegalArgumentException.class, () -> shapes(List.of("x1x3x8x8"), List.of()));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> shapes(List.of("x:1x3x0x8"), List.of()));
        assertTrue(zero.getMessage().startsWith("--input-shape 'x:1x3x0x8'"), zero.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> shapes(List.of("x:64x3x4096x4096"), List.of()));
        assertTrue(huge.getMessage().contains("more than one tensor can hold"), huge.getMessage());
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                () -> shapes(List.of(), List.of("height=-3")));
        assertTrue(dim.getMessage().startsWith("--dim 'height=-3'"), dim.getMessage());
        ModelException name = assertThrows(ModelException.class,
                () -> OnnxImport.read(model, shapes(List.of("images:1x3x8x8"), List.of())));
        assertTrue(name.getMessage().contains("--input-shape names input 'images'"), name.getMessage());
        ModelException rank = assertThrows(ModelException.class,
                () -> OnnxImport.read(model, shapes(List.of("x:3x8x8"), List.of())));
        assertTrue(rank.getMessage().contains("gives 3 dimensions"), rank.getMessage());
        ModelException node = assertThrows(ModelException.class,
                () -> OnnxImport.read(model, shapes(List.of("x:1x3x1x1"), List.of())));
        assertTrue(node.getMessage().contains("node 'conv_s2_same' (Conv)"), node.getMessage());
    }

    @Test
    void networkRunsLoadACopyWithTheShapesFixed() {
        ModelSource s = ModelSource.resolve(model.toString(), dir.resolve("cache"), 1,
                shapes(List.of("x:1x3x40x40"), List.of()));
        assertTrue(s.digest().endsWith("-3x40x40"), s.digest());
        assertFalse(s.runFile().equals(model.toAbsolutePath()));
        // what the workers and the frameworks read: no free spatial dimension left, the batch free
        OnnxImport.Imported run = OnnxImport.read(s.runFile());
        assertArrayEquals(new long[] {3, 40, 40}, run.graph().inputDims());
        assertEquals(0, run.fileBatch());
        assertArrayEquals(new long[] {3, 40, 40}, OnnxImport.read(s.structureFile()).graph().inputDims());
    }
}
