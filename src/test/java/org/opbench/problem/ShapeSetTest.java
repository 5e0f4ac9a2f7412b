package org.opbench.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opbench.env.OpbenchHome;

class ShapeSetTest {
    private static final Path TENSORS = OpbenchHome.tensorsDir();

    @Test
    void everyBuiltInSetIsThere() {
        assertEquals(List.of("alexnet", "googlenet", "mobilenet-v1-0.25-128", "mobilenet-v1-1.0-224", "resnet-50",
                "squeezenet-1.0", "squeezenet-1.1", "vgg-16"), ShapeSets.names(TENSORS));
    }

    @Test
    void everySetTotalAgreesWithItsPublishedFigure() {
        for (String name : ShapeSets.names(TENSORS)) {
            ShapeSet s = ShapeSets.resolve(name, TENSORS);
            assertFalse(Double.isNaN(s.publishedGflops()), name + " has no published figure");
            assertFalse(s.publishedSource().isBlank(), name + " names no source");
            double diff = s.totalFlops() / 1e9 / s.publishedGflops() - 1;
            assertTrue(Math.abs(diff) <= s.publishedTolerance(), name + ": " + s.totalFlops() / 1e9 + " GFLOPs vs published "
                    + s.publishedGflops() + " (" + diff * 100 + "%)");
            assertEquals(name, s.network());
        }
    }

    @Test
    void mobilenetTotalIsTheExactMultiplyAddCount() {
        ShapeSet s = ShapeSets.resolve("mobilenet-v1-1.0-224", TENSORS);
        // 568.7 M multiply-adds in conv + fc (Howard et al.: 569 M), plus the 7x7 average pool
        assertEquals(29, s.layerCount());
        long convFc = s.layers().stream().filter(l -> l.problem().op() != Op.POOL)
                .mapToLong(l -> l.problem().flops() * l.repeat()).sum();
        assertEquals(568.7, convFc / 2e6, 0.05);
    }

    @Test
    void everyLayerHasANameAndLayersOfTheSameShapeAreCollapsed() {
        for (String name : ShapeSets.names(TENSORS)) {
            ShapeSet s = ShapeSets.resolve(name, TENSORS);
            long distinct = s.layers().stream().map(l -> l.problem().op() + l.problem().descriptor()).distinct().count();
            assertEquals(s.layers().size(), distinct, name + " repeats a shape on two lines");
            s.layers().forEach(l -> assertFalse(l.name().isEmpty(), name + ": a layer without a name"));
        }
    }

    @Test
    void errorsNameFileAndLine(@TempDir Path dir) throws IOException {
        assertError(dir, "conv mb1ic3ih8oc8\nconv mb1ic3ih0oc8\n", ":2: ", "ih0");
        assertError(dir, "lrn mb1ic3ih8\n", ":1: ", "unknown operator 'lrn'");
        assertError(dir, "conv mb1ic3ih8oc8 repeat=0\n", ":1: ", "repeat");
        assertError(dir, "conv mb1ic3ih8oc8 extra\n", ":1: ", "'extra'");
        assertError(dir, "@bogus 1\nconv mb1ic3ih8oc8\n", ":1: ", "unknown directive");
        assertError(dir, "conv mb1ic3ih8oc8 \u00e9\n", ":1: ", "not printable ASCII");
        assertError(dir, "# only comments\n", "", "no layers");
        Path binary = dir.resolve("bin.txt");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        InputFileException e = assertThrows(InputFileException.class, () -> ShapeSetReader.read(binary));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        InputFileException missing = assertThrows(InputFileException.class,
                () -> ShapeSetReader.read(dir.resolve("absent.txt")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }

    private static void assertError(Path dir, String content, String where, String what) throws IOException {
        Path f = dir.resolve("set.txt");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        InputFileException e = assertThrows(InputFileException.class, () -> ShapeSetReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(where), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void userSetWithRepeatsAndCommentsReads(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.txt");
        Files.writeString(f, "# my layers\n@network toy\n@published 0.001 my notes\n"
                + "conv mb1ic8ih16oc8kh3ph1n\"a#1\" repeat=3  # three of them\n"
                + "pool max:mb1ic8ih16oh8kh2sh2n\"p\"\n");
        ShapeSet s = ShapeSets.resolve(f.toString(), dir);
        assertEquals(2, s.layers().size());
        assertEquals(4, s.layerCount());
        assertEquals("a#1", s.layers().get(0).name());
        assertEquals(3, s.layers().get(0).repeat());
        assertEquals("toy", s.layers().get(1).network());
        assertEquals("my notes", s.publishedSource());
    }
}
