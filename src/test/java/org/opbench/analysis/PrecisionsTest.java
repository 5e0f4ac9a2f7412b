package org.opbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.measure.Stats;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.PeaksRecord;
import org.opbench.result.Json;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;
import org.opbench.result.TimeStats;

/**
 * Precision (dtype) as part of a point's identity, and the speedup of each precision over f32, on hand-made
 * records whose numbers are worked out by hand in the comments.
 */
class PrecisionsTest {
    static final String PW1 = "mb1ic32ih56iw56oc64oh56ow56kh1kw1sh1sw1ph0pw0g1";
    static final String PW2 = "mb1ic64ih28iw28oc128oh28ow28kh1kw1sh1sw1ph0pw0g1";
    static final String DW = "mb1ic32ih56iw56oc32oh56ow56kh3kw3sh1sw1ph1pw1g32";

    static PointRecord point(String dtype, String layer, String problem, int repeat, String backend, String algorithm,
                             double medianUs) {
        return point(dtype, layer, problem, repeat, backend, algorithm, 2, medianUs, 4_000_000, 40_000);
    }

    static PointRecord point(String dtype, String layer, String problem, int repeat, String backend, String algorithm,
                             int threads, double medianUs, long flops, long bytes) {
        double[] samples = {medianUs, medianUs, medianUs};
        Stats s = Stats.of(samples);
        return PointRecord.builder().op("conv").problem(problem).layer(layer).network("mobilenet").repeat(repeat)
                .batch(1).dtype(dtype).backend(backend).backendVersion("1").device("cpu:test").algorithm(algorithm)
                .impl(algorithm).tuner("none").threads(threads).status(Status.OK).clock("wall").samplesUs(samples)
                .timeUs(TimeStats.of(s)).flops(flops).bytes(bytes).gflops(flops / (medianUs * 1e3)).relErr(0.0)
                .seed(1).build();
    }

    /**
     * dnnl, 2 threads: pw1 (1x1) f32 direct 300 / auto 200, int8 50, bf16 100; pw2 (1x1, x2) f32 120, int8 40, no
     * bf16; dw (3x3 depthwise) f32 80, int8 100, bf16 64. onnxruntime: pw1 f32 150, int8 75.
     */
    static List<PointRecord> sweep() {
        List<PointRecord> p = new ArrayList<>();
        p.add(point("f32", "pw1", PW1, 1, "dnnl", "direct", 300));
        p.add(point("f32", "pw1", PW1, 1, "dnnl", "auto", 200));
        p.add(point("int8", "pw1", PW1, 1, "dnnl", "auto", 50));
        p.add(point("bf16", "pw1", PW1, 1, "dnnl", "auto", 100));
        p.add(point("f32", "pw2", PW2, 2, "dnnl", "auto", 120));
        p.add(point("int8", "pw2", PW2, 2, "dnnl", "auto", 40));
        p.add(point("f32", "dw", DW, 1, "dnnl", "auto", 80));
        p.add(point("int8", "dw", DW, 1, "dnnl", "auto", 100));
        p.add(point("bf16", "dw", DW, 1, "dnnl", "auto", 64));
        p.add(point("f32", "pw1", PW1, 1, "onnxruntime", "default", 150));
        p.add(point("int8", "pw1", PW1, 1, "onnxruntime", "default", 75));
        return p;
    }

    @Test
    void theKeyOfAnF32PointIsUnchangedAndOtherPrecisionsGetTheirOwn() {
        PointRecord f32 = point("f32", "pw1", PW1, 1, "dnnl", "auto", 200);
        PointRecord int8 = point("int8", "pw1", PW1, 1, "dnnl", "auto", 50);
        assertEquals("conv|" + PW1 + "|dnnl|auto|none|2|1", f32.key());
        assertNotEquals(f32.key(), int8.key());
        assertTrue(int8.key().contains("int8"), int8.key());
        assertEquals(int8.key(), PointRecord.key("conv", PW1, "int8", "dnnl", "auto", "none", 2, 1));
        assertEquals(f32.key(), PointRecord.key("conv", PW1, null, "dnnl", "auto", "none", 2, 1));
        // both survive de-duplication (a later int8 point does not replace the f32 one)
        assertEquals(2, Points.latest(List.of(f32, int8)).size());
        assertEquals("dnnl/auto", Points.config(f32));
        assertEquals("dnnl/auto int8", Points.config(int8));
        assertNotEquals(Points.layerKey(f32), Points.layerKey(int8));
        assertEquals("GOPS", Points.rateUnit("int8"));
        assertEquals("GFLOPS", Points.rateUnit("bf16"));
    }

    @Test
    void speedupOfEachPrecisionOverF32PerLayerTotalsAndPointwiseGain() {
        Precisions.Result r = Precisions.of(sweep());
        assertEquals(List.of("f32", "int8", "bf16"), r.dtypes());
        assertTrue(r.compared());
        List<Precisions.Row> dnnl = r.rows().stream().filter(x -> x.backend().equals("dnnl")).toList();
        assertEquals(List.of("pw1", "pw2", "dw"), dnnl.stream().map(Precisions.Row::layer).toList());
        assertEquals(List.of(LayerTypes.CONV_1X1, LayerTypes.CONV_1X1, LayerTypes.DEPTHWISE),
                dnnl.stream().map(Precisions.Row::type).toList());
        Precisions.Row pw1 = dnnl.get(0);
        // f32 at dnnl's fastest algorithm (auto 200, not direct 300): int8 200/50 = 4, bf16 200/100 = 2
        assertEquals(200, pw1.f32().medianUs(), 1e-9);
        assertEquals("dnnl/auto", pw1.f32().config());
        assertEquals(4.0, pw1.cells().get("int8").speedup(), 1e-12);
        assertEquals("dnnl/auto int8", pw1.cells().get("int8").config());
        assertEquals(2.0, pw1.cells().get("bf16").speedup(), 1e-12);
        assertEquals(3.0, dnnl.get(1).cells().get("int8").speedup(), 1e-12); // 120 / 40
        assertFalse(dnnl.get(1).cells().containsKey("bf16"));
        assertEquals(0.8, dnnl.get(2).cells().get("int8").speedup(), 1e-12); // 80 / 100: int8 slower
        assertEquals(1.25, dnnl.get(2).cells().get("bf16").speedup(), 1e-12); // 80 / 64
        // onnxruntime against its own f32 (150 / 75 = 2), never against dnnl's
        Precisions.Row ort = r.rows().stream().filter(x -> x.backend().equals("onnxruntime")).findFirst().orElseThrow();
        assertEquals(2.0, ort.cells().get("int8").speedup(), 1e-12);

        // totals (median x repeat): f32 200 + 2x120 + 80 = 520; int8 50 + 2x40 + 100 = 230 -> 520/230
        Precisions.Total f32 = total(r, "dnnl", "f32");
        assertEquals(520, f32.totalUs(), 1e-9);
        assertTrue(f32.complete());
        assertNull(f32.speedup());
        Precisions.Total int8 = total(r, "dnnl", "int8");
        assertEquals(230, int8.totalUs(), 1e-9);
        assertEquals(520.0 / 230.0, int8.speedup(), 1e-12);
        // bf16 misses pw2: 100 + 64 = 164 over 2 of 3 layers; its speedup over the common layers: (200 + 80) / 164
        Precisions.Total bf16 = total(r, "dnnl", "bf16");
        assertEquals(164, bf16.totalUs(), 1e-9);
        assertFalse(bf16.complete());
        assertEquals(2, bf16.common());
        assertEquals(280.0 / 164.0, bf16.speedup(), 1e-12);

        // pointwise gain: int8 (200 + 2x120) / (50 + 2x40) = 440 / 130 over 2 layers; bf16 200 / 100 over 1
        Precisions.Gain gInt8 = gain(r, "dnnl", "int8");
        assertEquals(2, gInt8.layers());
        assertEquals(440, gInt8.f32Us(), 1e-9);
        assertEquals(130, gInt8.us(), 1e-9);
        assertEquals(440.0 / 130.0, gInt8.speedup(), 1e-12);
        assertEquals(1, gain(r, "dnnl", "bf16").layers());
        assertEquals(2.0, gain(r, "dnnl", "bf16").speedup(), 1e-12);
        assertEquals(2.0, gain(r, "onnxruntime", "int8").speedup(), 1e-12);
    }

    @Test
    void onePrecisionOrNoF32GivesNoTable() {
        assertFalse(Precisions.of(sweep().stream().filter(p -> p.dtype().equals("f32")).toList()).compared());
        Precisions.Result noF32 = Precisions.of(sweep().stream().filter(p -> !p.dtype().equals("f32")).toList());
        assertFalse(noF32.compared());
        assertEquals(List.of("int8", "bf16"), noF32.dtypes());
    }

    @Test
    void speedupsSchedulesTunersAndComparisonNeverMixPrecisions() {
        List<PointRecord> points = sweep();
        Speedups.Result s = Speedups.of(points, Baseline.parse("dnnl/direct"));
        // dnnl/auto f32 on pw1: 300 / 200 = 1.5 against the f32 direct point
        Speedups.Row f32 = row(s, "pw1", "dnnl/auto");
        assertEquals(1.5, f32.speedup(), 1e-12);
        // dnnl/auto int8 on pw1: its baseline is dnnl's int8 point (no int8 direct: the fallback algorithm, itself),
        // never the f32 direct point (which would give 300 / 50 = 6)
        Speedups.Row int8 = row(s, "pw1", "dnnl/auto int8");
        assertEquals("dnnl/auto int8", int8.baselineConfig());
        assertEquals(1.0, int8.speedup(), 1e-12);

        List<Schedules.Schedule> schedules = Schedules.of(points);
        assertEquals(List.of("f32", "int8", "bf16"), schedules.stream().map(Schedules.Schedule::dtype).toList());
        Schedules.Schedule f32Schedule = schedules.get(0);
        // f32: pw1 onnxruntime 150, pw2 dnnl 120 x2, dw dnnl 80 = 470; no int8 time stands in
        assertEquals(470, f32Schedule.predictedUs(), 1e-9);
        assertTrue(f32Schedule.layers().stream().allMatch(c -> !c.config().contains("int8")));
        assertEquals(3, f32Schedule.layers().size());

        // A holds the f32 point, B the int8 point of the same problem, backend and algorithm: not the same point
        Comparison.Result c = Comparison.of(List.of(points.get(1)), List.of(points.get(2)), 0.05);
        assertEquals(0, c.rows().size());
        assertEquals(1, c.onlyA().size());
        assertEquals(1, c.onlyB().size());
    }

    @Test
    void rooflinePlacesEachPointUnderTheCeilingOfItsOwnPrecision() {
        PeaksRecord peaks = new PeaksRecord("peaks", 1, "x", "x", List.of(), "now", null, Map.of(), null,
                List.of(Ceiling.ok("dnnl-sgemm", Ceiling.COMPUTE, Ceiling.CPU, 2, new double[] {100}, "m", Map.of()),
                        Ceiling.ok("vnni", Ceiling.COMPUTE, "int8", Ceiling.CPU, 2, new double[] {400}, "m",
                                Map.of()),
                        Ceiling.ok("java-triad", Ceiling.BANDWIDTH, Ceiling.CPU, 2, new double[] {20}, "m", Map.of())));
        // intensity 4e6 / 4e4 = 100 flop/byte: compute-bound under every roof (ridge 5 for f32, 20 for int8)
        PointRecord f32 = point("f32", "pw1", PW1, 1, "dnnl", "auto", 200); // 20 GFLOPS
        PointRecord int8 = point("int8", "pw1", PW1, 1, "dnnl", "auto", 50); // 80 GOPS
        PointRecord bf16 = point("bf16", "pw1", PW1, 1, "dnnl", "auto", 100); // 40 GFLOPS
        Roofline.Result r = Roofline.of(List.of(f32, int8, bf16), peaks);
        Roofline.Placed pf = r.points().get(0);
        assertEquals(100.0, pf.peakGflops(), 1e-9, "f32 under the f32 ceiling, not the larger int8 one");
        assertEquals(0.2, pf.fraction(), 1e-12);
        Roofline.Placed pi = r.points().get(1);
        assertEquals(400.0, pi.peakGflops(), 1e-9);
        assertEquals("int8", pi.ceilingDtype());
        assertEquals(80.0 / 400.0, pi.fraction(), 1e-12);
        Roofline.Placed pb = r.points().get(2);
        assertEquals(100.0, pb.peakGflops(), 1e-9, "bf16 falls back to the f32 ceiling");
        assertEquals("f32", pb.ceilingDtype());
        assertEquals(3, r.roofs().size());
        Roofline.Roof bf16Roof = r.roofs().stream().filter(x -> x.dtype().equals("bf16")).findFirst().orElseThrow();
        assertTrue(bf16Roof.fallback());
        assertEquals("cpu, 2 threads, bf16", bf16Roof.label());
        assertFalse(r.roofs().stream().filter(x -> x.dtype().equals("int8")).findFirst().orElseThrow().fallback());
        assertEquals(1, r.notes().size(), r.notes().toString());
        assertTrue(r.notes().get(0).startsWith("no bf16 compute ceiling measured (cpu, 2 threads): bf16 points are "
                + "placed under the f32 ceiling"), r.notes().get(0));
    }

    @Test
    void anOlderPeaksFileWithoutDtypeIsF32() throws Exception {
        Ceiling old = Json.mapper().readValue("{\"name\":\"dnnl-sgemm\",\"kind\":\"compute\",\"device\":\"cpu\","
                + "\"threads\":2,\"status\":\"ok\",\"reason\":null,\"value\":100,\"unit\":\"GFLOPS\"}", Ceiling.class);
        assertEquals("f32", old.dtype());
        PeaksRecord peaks = new PeaksRecord("peaks", 1, "x", "x", List.of(), "now", null, Map.of(), null,
                List.of(old));
        Roofline.Result r = Roofline.of(List.of(point("f32", "pw1", PW1, 1, "dnnl", "auto", 200),
                point("int8", "pw1", PW1, 1, "dnnl", "auto", 50)), peaks);
        assertEquals(100.0, r.points().get(1).peakGflops(), 1e-9);
        assertEquals("f32", r.points().get(1).ceilingDtype());
        assertTrue(r.notes().get(0).startsWith("no int8 compute ceiling measured"), r.notes().toString());
    }

    private static Precisions.Total total(Precisions.Result r, String backend, String dtype) {
        return r.totals().stream().filter(t -> t.backend().equals(backend) && t.dtype().equals(dtype)).findFirst()
                .orElseThrow();
    }

    private static Precisions.Gain gain(Precisions.Result r, String backend, String dtype) {
        return r.pointwise().stream().filter(t -> t.backend().equals(backend) && t.dtype().equals(dtype)).findFirst()
                .orElseThrow();
    }

    private static Speedups.Row row(Speedups.Result s, String layer, String config) {
        return s.rows().stream().filter(x -> x.layer().equals(layer) && x.config().equals(config)).findFirst()
                .orElseThrow(() -> new AssertionError(layer + " " + config + " in " + s.rows()));
    }
}
