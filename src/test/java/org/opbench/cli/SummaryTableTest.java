package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.measure.Stats;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/** The end-of-sweep summary, in particular a backend whose default algorithm differs per operator. */
class SummaryTableTest {
    private static PointRecord ok(String op, String layer, String backend, String algorithm, double us) {
        return okBuilder(op, layer, backend, algorithm, us).build();
    }

    private static PointRecord.Builder okBuilder(String op, String layer, String backend, String algorithm, double us) {
        double[] samples = {us, us, us};
        Stats s = Stats.of(samples);
        return PointRecord.builder().op(op).problem(layer + "-problem").layer(layer).network("net").repeat(1).batch(1)
                .dtype("f32").shape(Map.of()).backend(backend).backendVersion("1.0").device("cpu:test")
                .algorithm(algorithm).impl(algorithm).tuner("none").threads(1).status(Status.OK).clock("wall")
                .samplesUs(samples).timeUs(TimeStats.of(s)).cv(s.cv()).unstable(false).flops(1000).bytes(100)
                .gflops(1000 / (us * 1e3)).gbps(100 / (us * 1e3)).prepareMs(1.0).relErr(0.0).tolerance(1e-4).seed(1);
    }

    private static final List<PointRecord> POINTS = List.of(
            ok("conv", "conv1", "opencl", "direct", 10), ok("fc", "fc7", "opencl", "gemv", 5),
            ok("conv", "conv1", "dnnl", "auto", 2), ok("fc", "fc7", "dnnl", "auto", 1));

    private static String print(boolean defaults) {
        StringWriter w = new StringWriter();
        SummaryTable.print(new PrintWriter(w), POINTS, defaults);
        return w.toString();
    }

    @Test
    void defaultsShareOneColumnPerBackendSoTheTotalIsComplete() {
        String out = print(true);
        assertTrue(out.contains("opencl/default/t1"), out);
        assertFalse(out.contains("incomplete"), out);
        assertTrue(out.contains("15.0 us") || out.contains("15 us"), out); // opencl's total: 10 + 5
        assertTrue(out.contains("opencl: conv direct, fc gemv"), out);
    }

    @Test
    void namedAlgorithmsKeepTheirOwnColumns() {
        String out = print(false);
        assertTrue(out.contains("opencl/direct/t1") && out.contains("opencl/gemv/t1"), out);
        assertTrue(out.contains("incomplete"), out);
        assertFalse(out.contains("default ="), out);
    }

    private static String print(List<PointRecord> points, int width) {
        StringWriter w = new StringWriter();
        SummaryTable.print(new PrintWriter(w), points, false, width);
        return w.toString();
    }

    @Test
    void aWideSummaryIsSplitIntoBlocksThatFitRepeatingTheLayerColumn() {
        List<PointRecord> points = new java.util.ArrayList<>();
        String[] backends = {"onnxruntime-long-name", "opencl-long-name", "dnnl-long-backend", "opencv-long-name"};
        for (int i = 0; i < backends.length; i++) {
            points.add(ok("conv", "conv1", backends[i], "implicit_precomp_gemm", 11 + i));
            points.add(ok("conv", "conv2", backends[i], "implicit_precomp_gemm", 21 + i));
        }
        int width = 100;
        String out = print(points, width);
        for (String line : out.split("\n")) {
            assertTrue(line.length() <= width, "wider than " + width + ": " + line + "\n" + out);
        }
        // every configuration and every time is whole, in some block
        for (int i = 0; i < backends.length; i++) {
            assertTrue(out.contains(backends[i] + "/implicit_precomp_gemm/t1"), out);
            assertTrue(out.contains((11 + i) + ".0 us") && out.contains((21 + i) + ".0 us"), out);
        }
        long headers = out.lines().filter(l -> l.startsWith("layer")).count();
        long conv1 = out.lines().filter(l -> l.contains("conv1")).count();
        assertTrue(headers >= 2, "not split into blocks:\n" + out);
        assertEquals(headers, conv1, "the layer column is not repeated in every block:\n" + out);
        // at an ample width, the same table is one block
        assertEquals(1, print(points, 1000).lines().filter(l -> l.startsWith("layer")).count());
    }

    @Test
    void manyConfigurationsFitTooInTheirPerLayerTable() {
        List<PointRecord> points = new java.util.ArrayList<>();
        for (int i = 0; i < SummaryTable.WIDE + 2; i++) {
            points.add(ok("conv", "conv1", "backend-with-a-long-name-" + i, "implicit_precomp_gemm", 10 + i));
        }
        int width = 70;
        String out = print(points, width);
        for (String line : out.split("\n")) {
            assertTrue(line.length() <= width, "wider than " + width + ": " + line + "\n" + out);
        }
        assertTrue(out.contains("backend-with-a-long-name-0/implicit_precomp_gemm/t1"), out);
        assertTrue(out.contains("11.0 us"), out); // the runner-up's median
    }

    @Test
    void cellsShowTheIntervalHalfWidthInPercent() {
        PointRecord narrow = okBuilder("conv", "conv1", "dnnl", "auto", 20).ciPct(1.24).build();
        PointRecord wide = okBuilder("fc", "fc7", "dnnl", "auto", 10).ciPct(7.0).unstable(true).build();
        StringWriter w = new StringWriter();
        SummaryTable.print(new PrintWriter(w), List.of(narrow, wide), true);
        String out = w.toString();
        assertTrue(out.contains("20.0 us +-1.2%"), out);
        assertTrue(out.contains("10.0 us +-7.0%*"), out);
        assertEquals("20.0 us", SummaryTable.headline(ok("conv", "conv1", "dnnl", "auto", 20)), "one round: no interval");
    }
}
