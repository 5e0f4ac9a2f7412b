package org.opbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.measure.Stats;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/** The answer lines before the sweep's table, on fixed records. */
class AnswerLinesTest {
    private static Map<String, Object> conv(int ic, int oc, int k, int g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mb", 1);
        m.put("ic", ic);
        m.put("oc", oc);
        m.put("kh", k);
        m.put("kw", k);
        m.put("g", g);
        return m;
    }

    private static PointRecord point(String op, String layer, Map<String, Object> shape, int repeat, String backend,
                                     String algorithm, int threads, double us, double[] ci) {
        double[] samples = {us, us, us};
        Stats s = Stats.of(samples);
        Map<String, Object> details = new LinkedHashMap<>();
        return PointRecord.builder().op(op).problem(layer + "-problem").layer(layer).network("net").repeat(repeat)
                .batch(1).dtype("f32").shape(shape).backend(backend).backendVersion("1.0").device("cpu:test")
                .algorithm(algorithm).impl(algorithm).tuner("none").threads(threads).status(Status.OK).clock("wall")
                .samplesUs(samples).timeUs(TimeStats.of(s)).cv(s.cv()).unstable(false).flops(1000).bytes(100)
                .gflops(1.0).gbps(1.0).prepareMs(1.0).relErr(0.0).tolerance(1e-4).seed(1).details(details)
                .ciUs(ci == null ? null : new org.opbench.result.Interval(ci[0], ci[1])).build();
    }

    /** A MobileNet-like net on dnnl, onnxruntime and the reference at 1 and 2 threads. */
    private static List<PointRecord> net(boolean intervals) {
        List<PointRecord> p = new ArrayList<>();
        for (int t : new int[] {1, 2}) {
            double f = t == 1 ? 2 : 1;
            // name says depthwise, fields say 1x1: the fields decide
            p.add(point("conv", "conv_dw_1", conv(32, 64, 1, 1), 2, "dnnl", "auto", t, 100 * f,
                    intervals ? new double[] {98 * f, 102 * f} : null));
            p.add(point("conv", "conv_dw_1", conv(32, 64, 1, 1), 2, "onnxruntime", "default", t, 120 * f,
                    intervals ? new double[] {118 * f, 122 * f} : null));
            p.add(point("conv", "conv2", conv(32, 32, 3, 32), 1, "dnnl", "auto", t, 50 * f,
                    intervals ? new double[] {45 * f, 60 * f} : null));
            p.add(point("conv", "conv2", conv(32, 32, 3, 32), 1, "onnxruntime", "default", t, 52 * f,
                    intervals ? new double[] {47 * f, 58 * f} : null));
            p.add(point("conv", "conv1", conv(3, 32, 3, 1), 1, "dnnl", "auto", t, 300 * f, null));
            p.add(point("conv", "conv1", conv(3, 32, 3, 1), 1, "onnxruntime", "default", t, 240 * f, null));
            p.add(point("conv", "conv1", conv(3, 32, 3, 1), 1, "onnxruntime", "other", t, 200 * f, null));
            p.add(point("fc", "fc7", Map.of("mb", 1), 1, "dnnl", "auto", t, 10 * f, null));
            p.add(point("softmax", "prob", Map.of("mb", 1), 1, "onnxruntime", "default", t, 5 * f, null));
            p.add(point("softmax", "prob", Map.of("mb", 1), 1, "dnnl", "auto", t, 6 * f, null));
        }
        p.add(point("conv", "conv2", conv(32, 32, 3, 32), 1, "reference", "direct", 2, 1, null)); // the oracle
        return p;
    }

    @Test
    void saysTheFastestPerLayerTypeItsMarginAndTheNetworkTotals() {
        List<String> lines = AnswerLines.lines(net(false));
        String all = String.join("\n", lines);
        assertTrue(lines.size() <= AnswerLines.MAX_LINES, all);
        lines.forEach(l -> assertTrue(l.length() <= AnswerLines.WIDTH, l));
        assertTrue(lines.get(0).startsWith("Answer at 2 threads (others in the table)"), all);
        // 1x1: dnnl 2 x 100 us against onnxruntime 2 x 120 us
        assertEquals("  conv 1x1 (1)            dnnl/auto 200.0 us, 20% ahead of onnxruntime/default", lines.get(1));
        assertEquals("  conv 3x3 depthwise (1)  dnnl/auto 50.0 us, 4% ahead of onnxruntime/default", lines.get(2));
        // the runner-up is the next backend, not the winner's other algorithm
        assertEquals("  conv other (1)          onnxruntime/other 200.0 us, 50% ahead of dnnl/auto", lines.get(3));
        assertEquals("  fc (1)                  dnnl/auto 10.0 us, the only one", lines.get(4));
        assertEquals("  softmax (1)             onnxruntime/default 5.0 us, 20% ahead of dnnl/auto", lines.get(5));
        // dnnl: 200 + 50 + 300 + 10 + 6 = 566; onnxruntime: 240 + 52 + 200 + 5 = 497 but no fc: incomplete
        assertEquals("  network total: dnnl 566.0 us, onnxruntime 497.0 us (4 of 5 layers)", lines.get(6));
        assertTrue(!all.contains("reference"), all);
    }

    @Test
    void marginCarriesTheIntervalAndCallsAnOverlapATie() {
        List<String> lines = AnswerLines.lines(net(true));
        // 1x1: 240/200 = +20%; 236/204 - 1 = 16%, 244/196 - 1 = 24%
        assertEquals("  conv 1x1 (1)            dnnl/auto 200.0 us, 20% (CI 16-24%) ahead of onnxruntime/default",
                lines.get(1));
        // depthwise: 47/60 - 1 = -22%, 58/45 - 1 = +29%: a tie
        assertEquals("  conv 3x3 depthwise (1)  dnnl/auto 50.0 us, tie (+4%, CI -22..+29%) with "
                + "onnxruntime/default", lines.get(2));
    }

    @Test
    void layerTypeComesFromTheFields() {
        assertEquals("conv 1x1", AnswerLines.type(point("conv", "dw", conv(8, 8, 1, 8), 1, "b", "a", 1, 1, null)));
        assertEquals("conv 3x3 depthwise", AnswerLines.type(point("conv", "x", conv(8, 8, 3, 8), 1, "b", "a", 1, 1,
                null)));
        assertEquals("conv other", AnswerLines.type(point("conv", "x", conv(8, 16, 3, 8), 1, "b", "a", 1, 1, null)));
        assertEquals("conv other", AnswerLines.type(point("conv", "x", conv(8, 8, 5, 8), 1, "b", "a", 1, 1, null)));
        assertEquals("pool", AnswerLines.type(point("pool", "x", Map.of(), 1, "b", "a", 1, 1, null)));
        // no fields: the descriptor decides
        PointRecord described = PointRecord.builder().op("conv").problem("mb1ic32ih56oc32oh56kh3ph1g32").layer("")
                .network("").repeat(1).batch(1).dtype("f32").shape(Map.of()).backend("b").algorithm("a").tuner("none")
                .threads(1).status(Status.OK).build();
        assertEquals("conv 3x3 depthwise", AnswerLines.type(described));
    }

    @Test
    void printedBeforeNothingWhenNoPointIsOk() {
        StringWriter w = new StringWriter();
        AnswerLines.print(new PrintWriter(w), List.of());
        assertEquals("", w.toString());
    }
}
