package org.opbench.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opbench.peaks.Ceiling;
import org.opbench.peaks.PeaksRecord;
import org.opbench.peaks.Theoretical;
import org.opbench.result.PointRecord;
import org.opbench.result.Status;

/** Geometric means, speedups, tuners, the adaptive schedule and the roofline on hand-made records. */
class AnalysisTest {
    @Test
    void geometricMean() {
        assertEquals(1.0, Means.geometric(List.of(2.0, 0.5)), 1e-12);
        assertEquals(2.0, Means.geometric(List.of(1.0, 2.0, 4.0)), 1e-12);
        assertEquals(3.0, Means.geometric(List.of(3.0)), 1e-12);
        assertTrue(Double.isNaN(Means.geometric(List.of())));
        assertThrows(IllegalArgumentException.class, () -> Means.geometric(List.of(1.0, 0.0)));
    }

    @Test
    void speedupsAgainstDefaultBaselineWithGeomeanPerSet() {
        List<PointRecord> pts = List.of(
                Pts.ok("net", "l1", "p1", 1, "a", "direct", "none", 1, 100, 1000, 100),
                Pts.ok("net", "l1", "p1", 1, "b", "gemm", "none", 1, 50, 1000, 100),
                Pts.ok("net", "l2", "p2", 1, "a", "direct", "none", 1, 40, 1000, 100),
                Pts.ok("net", "l2", "p2", 1, "b", "gemm", "none", 1, 80, 1000, 100),
                // b at 2 threads: the baseline has no 2-thread point, so its 1-thread point is used
                Pts.ok("net", "l1", "p1", 1, "b", "gemm", "none", 2, 25, 1000, 100),
                Pts.failed("net", "l2", "p2", "b", "gemm", 2, Status.FAILED, "crashed"));
        Baseline base = Speedups.resolve(null, pts);
        assertEquals(new Baseline("a", "direct", "none"), base);
        Speedups.Result r = Speedups.of(pts, base);
        Speedups.Row l1b = r.rows().stream().filter(x -> x.layer().equals("l1") && x.config().equals("b/gemm")
                && x.threads() == 1).findFirst().orElseThrow();
        assertEquals(2.0, l1b.speedup(), 1e-12);
        Speedups.Row l1b2 = r.rows().stream().filter(x -> x.threads() == 2).findFirst().orElseThrow();
        assertEquals(4.0, l1b2.speedup(), 1e-12);
        assertEquals(1, l1b2.baselineThreads());
        Speedups.Mean mb = r.means().stream().filter(m -> m.config().equals("b/gemm") && m.threads() == 1).findFirst()
                .orElseThrow();
        assertEquals(Math.sqrt(2.0 * 0.5), mb.geomean(), 1e-12); // l1: 2x, l2: 0.5x
        assertEquals(2, mb.layers());
        Speedups.Mean ma = r.means().stream().filter(m -> m.config().equals("a/direct")).findFirst().orElseThrow();
        assertEquals(1.0, ma.geomean(), 1e-12);
        assertTrue(r.missing().isEmpty());
    }

    @Test
    void defaultBaselineIsTheFirstLibraryAndTheReferenceIsLeftOutOfTheTimingNumbers() {
        // the reference comes first, as a sweep lists it; its own 2-thread point is refused (not ok)
        List<PointRecord> pts = List.of(
                Pts.ok("net", "l1", "p1", 1, Points.REFERENCE, "direct", "none", 1, 1000, 1000, 100),
                Pts.ok("net", "l2", "p2", 2, Points.REFERENCE, "direct", "none", 1, 2000, 1000, 100),
                Pts.failed("net", "l1", "p1", "lib0", "direct", 1, Status.FAILED, "crashed"),
                Pts.ok("net", "l1", "p1", 1, "liba", "direct", "none", 1, 20, 1000, 100),
                Pts.ok("net", "l2", "p2", 2, "liba", "direct", "none", 1, 40, 1000, 100),
                Pts.ok("net", "l1", "p1", 1, "libb", "gemm", "none", 1, 10, 1000, 100),
                Pts.ok("net", "l2", "p2", 2, "libb", "gemm", "none", 1, 80, 1000, 100));
        // lib0 has no ok point: the first library that was measured is the baseline
        assertEquals(new Baseline("liba", "direct", "none"), Baseline.defaultFor(pts));
        // a library without a direct algorithm: its first untuned algorithm in the results
        assertEquals(new Baseline("libb", "gemm", "none"), Baseline.defaultFor(pts.subList(5, 7)));
        Analysis a = Analysis.of(set(pts), null);
        assertEquals("liba/direct", a.speedups().baseline().label());
        assertTrue(a.baselineNote().startsWith("baseline liba/direct: the first backend"), a.baselineNote());
        assertTrue(a.referenceNote().contains("left out"), a.referenceNote());
        assertTrue(a.speedups().rows().stream().noneMatch(r -> r.config().startsWith(Points.REFERENCE + "/")));
        assertEquals(2.0, a.speedups().rows().stream().filter(r -> r.config().equals("libb/gemm")
                && r.layer().equals("l1")).findFirst().orElseThrow().speedup(), 1e-12);
        assertTrue(a.timed().stream().noneMatch(p -> p.backend().equals(Points.REFERENCE)));
        Schedules.Schedule s = a.schedules().get(0);
        assertEquals(List.of("liba", "libb"), List.copyOf(s.backendTotalUs().keySet()));
        assertEquals("liba", s.bestBackend()); // 20 + 2 x 40 = 100 against 10 + 2 x 80 = 170

        // asked for, the reference is in the numbers (the baseline stays the library)
        Analysis with = Analysis.of(set(pts), null, true);
        assertEquals("liba/direct", with.speedups().baseline().label());
        assertEquals(0.02, with.speedups().rows().stream().filter(r -> r.config().equals("reference/direct")
                && r.layer().equals("l1")).findFirst().orElseThrow().speedup(), 1e-12);
        assertTrue(with.schedules().get(0).backendTotalUs().containsKey(Points.REFERENCE));
        assertTrue(with.referenceNote().contains("--include-reference"), with.referenceNote());

        // named, the reference serves as baseline without being charted itself
        Analysis named = Analysis.of(set(pts), "reference/direct");
        assertEquals(50.0, named.speedups().rows().stream().filter(r -> r.config().equals("liba/direct")
                && r.layer().equals("l1")).findFirst().orElseThrow().speedup(), 1e-12);
        assertTrue(named.speedups().rows().stream().noneMatch(r -> r.config().startsWith(Points.REFERENCE + "/")));
        assertTrue(named.baselineNote().contains("--baseline"), named.baselineNote());
    }

    @Test
    void theReferenceAloneStaysTheBaselineAndIsShown() {
        List<PointRecord> pts = List.of(
                Pts.ok("net", "l1", "p1", 1, Points.REFERENCE, "direct", "none", 1, 1000, 1000, 100));
        Analysis a = Analysis.of(set(pts), null);
        assertEquals("reference/direct", a.speedups().baseline().label());
        assertTrue(a.baselineNote().contains("the only backend"), a.baselineNote());
        assertTrue(a.referenceNote().contains("only backend"), a.referenceNote());
        assertEquals(1, a.timed().size());
        assertEquals(1, a.speedups().rows().size());
        assertNull(Analysis.of(set(List.of()), null).baselineNote());
        // a library whose every point failed does not displace the measured reference (its chart would be empty)
        List<PointRecord> withFailed = List.of(pts.get(0),
                Pts.failed("net", "l1", "p1", "lib0", "direct", 1, Status.UNAVAILABLE, "no device"));
        Analysis b = Analysis.of(set(withFailed), null);
        assertEquals("reference/direct", b.speedups().baseline().label());
        assertEquals(1, b.speedups().rows().size());
    }

    private static ResultSet set(List<PointRecord> points) {
        return new ResultSet(List.of(), List.of(), points, List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void baselineFallsBackToTheBackendsFirstAlgorithmAndReportsMissing() {
        List<PointRecord> pts = List.of(
                Pts.ok("net", "pool", "q1", 1, "a", "max", "none", 1, 10, 100, 100),
                Pts.ok("net", "pool", "q1", 1, "b", "max", "none", 1, 5, 100, 100),
                Pts.ok("net", "only-b", "q2", 1, "b", "max", "none", 1, 5, 100, 100));
        Speedups.Result r = Speedups.of(pts, Baseline.parse("a/direct"));
        Speedups.Row row = r.rows().stream().filter(x -> x.config().equals("b/max")).findFirst().orElseThrow();
        assertEquals(2.0, row.speedup(), 1e-12);
        assertEquals("a/max", row.baselineConfig());
        assertEquals(1, r.missing().size());
        assertEquals("only-b", r.missing().get(0).layer());
        assertThrows(IllegalArgumentException.class, () -> Baseline.parse("nobackslash"));
        assertEquals(new Baseline("x", "y", "z"), Baseline.parse("x/y/z"));
    }

    @Test
    void tunedAgainstUntunedWithCost() {
        List<PointRecord> pts = List.of(
                Pts.ok("net", "l1", "p1", 1, "ocl", "gemm", "none", 1, 100, 1000, 100),
                Pts.ok("net", "l1", "p1", 1, "ocl", "gemm", "clblast", 1, new double[] {50, 50, 50}, 1000, 100,
                        Map.of("tuning_ms", 1234.5)),
                Pts.ok("net", "l2", "p2", 1, "ocl", "gemm", "clblast", 1, 10, 1000, 100));
        Tuners.Result r = Tuners.of(pts);
        assertEquals(1, r.rows().size());
        assertEquals(2.0, r.rows().get(0).speedup(), 1e-12);
        assertEquals(1234.5, r.rows().get(0).tuningMs());
        assertEquals(1, r.unmatched());
        assertEquals(1234.5, r.means().get(0).tuningMs());
    }

    @Test
    void adaptiveSchedulePredictsNetworkTimeWithRepeats() {
        List<PointRecord> pts = List.of(
                Pts.ok("net", "l1", "p1", 1, "a", "direct", "none", 1, 100, 1, 1),
                Pts.ok("net", "l1", "p1", 1, "a", "gemm", "none", 1, 90, 1, 1),
                Pts.ok("net", "l1", "p1", 1, "b", "x", "none", 1, 60, 1, 1),
                Pts.ok("net", "l2", "p2", 3, "a", "direct", "none", 1, 10, 1, 1),
                Pts.ok("net", "l2", "p2", 3, "b", "x", "none", 1, 20, 1, 1),
                Pts.ok("net", "l3", "p3", 1, "a", "direct", "none", 1, 5, 1, 1),
                Pts.failed("net", "l3", "p3", "b", "x", 1, Status.UNSUPPORTED, "no kernel"));
        List<Schedules.Schedule> all = Schedules.of(pts);
        assertEquals(1, all.size());
        Schedules.Schedule s = all.get(0);
        // l1: b 60; l2: a 10 x 3; l3: a 5
        assertEquals(60 + 30 + 5, s.predictedUs(), 1e-9);
        assertTrue(s.complete());
        assertEquals("b/x", s.layers().get(0).config());
        assertEquals("a/direct", s.layers().get(1).config());
        // a alone: 90 (its best algorithm for l1) + 30 + 5 = 125; b misses l3
        assertEquals(125, s.backendTotalUs().get("a"), 1e-9);
        assertFalse(s.backendTotalUs().containsKey("b"));
        assertEquals(List.of("b"), s.incompleteBackends());
        assertEquals("a", s.bestBackend());
        assertEquals(1 - 95.0 / 125, s.saving(), 1e-12);
    }

    @Test
    void scheduleWithALayerWithoutOkPointIsIncomplete() {
        List<PointRecord> pts = List.of(
                Pts.ok("net", "l1", "p1", 1, "a", "direct", "none", 1, 100, 1, 1),
                Pts.failed("net", "l2", "p2", "a", "direct", 1, Status.MISMATCH, "wrong"));
        Schedules.Schedule s = Schedules.of(pts).get(0);
        assertFalse(s.complete());
        assertNull(s.saving());
        assertNull(s.layers().get(1).config());
        assertEquals(100, s.predictedUs(), 1e-9);
    }

    @Test
    void rooflinePlacesPointsUnderTheMeasuredCeilings() {
        PeaksRecord peaks = new PeaksRecord("peaks", 1, "x", "x", List.of(), "now", null, Map.of(),
                new Theoretical(200.0, 100.0, 2, 8, 2, 3125.0, "test", "test", null),
                List.of(Ceiling.ok("java-fma", Ceiling.COMPUTE, Ceiling.CPU, 1, new double[] {40, 50}, "m", Map.of()),
                        Ceiling.ok("dnnl-sgemm", Ceiling.COMPUTE, Ceiling.CPU, 1, new double[] {80}, "m", Map.of()),
                        Ceiling.ok("java-triad", Ceiling.BANDWIDTH, Ceiling.CPU, 1, new double[] {20}, "m", Map.of()),
                        Ceiling.notMeasured("opencl", Ceiling.COMPUTE, null, null, "unavailable", "no platform")));
        // intensity 1 flop/byte: memory roof 20 GFLOPS; 10 GFLOPS achieved (1e6 flops in 100 us)
        PointRecord low = Pts.ok("net", "low", "p1", 1, "a", "direct", "none", 1, 100, 1_000_000, 1_000_000);
        // intensity 100: compute roof 80 (the best provider); 40 GFLOPS achieved (4e6 flops in 100 us)
        PointRecord high = Pts.ok("net", "high", "p2", 1, "a", "direct", "none", 1, 100, 4_000_000, 40_000);
        // 2 threads: no ceiling in the record
        PointRecord other = Pts.ok("net", "t2", "p3", 1, "a", "direct", "none", 2, 100, 1_000_000, 1_000_000);
        Roofline.Result r = Roofline.of(List.of(low, high, other), peaks);
        Roofline.Placed pl = r.points().get(0);
        assertEquals(1.0, pl.intensity(), 1e-12);
        assertEquals(10.0, pl.gflops(), 1e-9);
        assertEquals(20.0, pl.attainableGflops(), 1e-9);
        assertEquals(0.5, pl.fraction(), 1e-12);
        assertEquals("memory", pl.bound());
        Roofline.Placed ph = r.points().get(1);
        assertEquals(100.0, ph.intensity(), 1e-12);
        assertEquals(80.0, ph.attainableGflops(), 1e-9);
        assertEquals(0.5, ph.fraction(), 1e-12);
        assertEquals("compute", ph.bound());
        assertNull(r.points().get(2).attainableGflops());
        assertNotNull(r.note());
        Roofline.Roof roof1 = r.roofs().stream().filter(x -> Integer.valueOf(1).equals(x.threads())).findFirst().orElseThrow();
        assertEquals(4.0, roof1.ridge(), 1e-12);
        assertEquals(100.0, roof1.theoreticalGflops(), 1e-12);
        assertEquals("dnnl-sgemm", roof1.peakSource());

        Roofline.Result none = Roofline.of(List.of(low), null);
        assertNull(none.points().get(0).attainableGflops());
        assertTrue(none.note().contains("no peaks record"));
        assertTrue(none.roofs().isEmpty());
    }

    @Test
    void deviceCeilingIsUsedForPointsOnThatDevice() {
        PeaksRecord peaks = new PeaksRecord("peaks", 1, "x", "x", List.of(), "now", null, Map.of(), null,
                List.of(Ceiling.ok("opencl", Ceiling.COMPUTE, "cpu:test", null, new double[] {500}, "m", Map.of()),
                        Ceiling.ok("java-fma", Ceiling.COMPUTE, Ceiling.CPU, 1, new double[] {50}, "m", Map.of())));
        PointRecord p = Pts.ok("net", "l", "p", 1, "a", "direct", "none", 1, 100, 4_000_000, 40_000);
        assertEquals(500.0, Roofline.of(List.of(p), peaks).points().get(0).peakGflops(), 1e-9);
    }

    @Test
    void deviceCeilingsMeasuredPerThreadCountServePointsOfThatCount() {
        String dev = "cpu:test";
        PeaksRecord peaks = new PeaksRecord("peaks", 1, "x", "x", List.of(), "now", null, Map.of(), null,
                List.of(Ceiling.ok("opencl", Ceiling.COMPUTE, dev, 1, new double[] {60}, "m", Map.of()),
                        Ceiling.ok("opencl", Ceiling.COMPUTE, dev, 2, new double[] {120}, "m", Map.of()),
                        Ceiling.ok("opencl", Ceiling.BANDWIDTH, dev, 2, new double[] {30}, "m", Map.of()),
                        Ceiling.ok("java-fma", Ceiling.COMPUTE, Ceiling.CPU, 4, new double[] {400}, "m", Map.of())));
        PointRecord t1 = Pts.ok("net", "l1", "p", 1, "a", "direct", "none", 1, 100, 4_000_000, 40_000);
        PointRecord t2 = Pts.ok("net", "l2", "p", 1, "a", "direct", "none", 2, 100, 4_000_000, 40_000);
        PointRecord t4 = Pts.ok("net", "l4", "p", 1, "a", "direct", "none", 4, 100, 4_000_000, 40_000);
        Roofline.Result r = Roofline.of(List.of(t1, t2, t4), peaks);
        assertEquals(60.0, r.points().get(0).peakGflops(), 1e-9);
        assertNull(r.points().get(0).bandwidthGbps());
        assertEquals(120.0, r.points().get(1).peakGflops(), 1e-9);
        assertEquals(30.0, r.points().get(1).bandwidthGbps(), 1e-9);
        assertEquals(400.0, r.points().get(2).peakGflops(), 1e-9); // no device ceiling at 4 threads: the CPU's
        assertTrue(r.roofs().stream().anyMatch(x -> x.label().equals(dev + ", 2 threads") && x.ridge() == 4.0),
                r.roofs().toString());
    }

    @Test
    void boxIsTheFiveNumberSummary() {
        Box b = Box.of(new double[] {5, 1, 4, 2, 3});
        assertEquals(new Box(1, 2, 3, 4, 5), b);
        double[] g = Box.gflops(2000, new double[] {1, 2});
        assertEquals(2.0, g[0], 1e-12);
        assertEquals(1.0, g[1], 1e-12);
    }
}
